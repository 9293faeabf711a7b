import { isDoc, type Doc } from './template-types.js';

// Serverless Framework variables, resolved only where the file itself says the
// value: ${self:path}, ${opt:x, 'default'}, ${sls:stage}, nested and with
// fallbacks. ${env:}, ${ssm:}, ${file(...)}, ${cf:} and the like depend on the
// machine or the account: they stay unresolved (the caller reports them as
// unknown) and no file or variable is ever read.

const MAX_PASSES = 10;
const VARIABLE = /\$\{([^${}]*)\}/;
const WHOLE = /^\$\{([^${}]*)\}$/;

export const UNRESOLVED = Symbol('unresolved');

export function createResolver(root: Doc): (value: unknown) => unknown {
  // ${sls:stage} is the stage the file sets, else the Framework's "dev".
  const stage = (depth: number): unknown => {
    const provider = isDoc(root.provider) ? root.provider : {};
    const value = provider.stage === undefined ? 'dev' : resolve(provider.stage, depth + 1);
    return typeof value === 'string' ? value : 'dev';
  };
  const source = (expression: string, depth: number): unknown => {
    for (const option of splitFallbacks(expression)) {
      const value = single(option.trim(), depth);
      if (value !== UNRESOLVED && value !== undefined && value !== null) return value;
    }
    return UNRESOLVED;
  };
  const single = (ref: string, depth: number): unknown => {
    const quoted = /^(['"])(.*)\1$/.exec(ref);
    if (quoted) return quoted[2];
    if (/^-?\d+(?:\.\d+)?$/.test(ref)) return Number(ref);
    if (ref.startsWith('self:')) return resolve(lookup(root, ref.slice(5)), depth + 1);
    if (ref === 'sls:stage') return stage(depth);
    return UNRESOLVED;
  };
  const resolve = (value: unknown, depth: number): unknown => {
    if (depth > MAX_PASSES) return UNRESOLVED;
    if (typeof value !== 'string') return value;
    let text = value;
    for (let i = 0; i < MAX_PASSES; i++) {
      // A value that is one variable keeps the type it points at (a number stays a number).
      const whole = WHOLE.exec(text);
      if (whole) return source(whole[1] ?? '', depth);
      const m = VARIABLE.exec(text);
      if (!m) return text;
      const found = source(m[1] ?? '', depth);
      if (found === UNRESOLVED || typeof found === 'object') return UNRESOLVED;
      text = text.slice(0, m.index) + String(found) + text.slice(m.index + m[0].length);
    }
    return UNRESOLVED;
  };
  return (value) => resolve(value, 0);
}

/** `a.b.c` into the document; undefined when any step is missing. */
function lookup(root: Doc, path: string): unknown {
  let at: unknown = root;
  for (const key of path.split('.')) {
    if (!isDoc(at)) return undefined;
    at = at[key];
  }
  return at;
}

/** "opt:stage, 'dev'" -> ["opt:stage", "'dev'"], leaving commas inside quotes alone. */
function splitFallbacks(expression: string): string[] {
  return expression.match(/'[^']*'|"[^"]*"|[^,]+/g) ?? [];
}
