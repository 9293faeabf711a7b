import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

// YAML (and JSON, which is YAML) -> plain values, with CloudFormation's short
// intrinsic tags turned into their long form (!Ref x -> { Ref: x }). The
// document tree is walked here rather than by the library so that depth and
// alias expansion are bounded: an anchor bomb or a 10,000-deep nest is refused
// with a line instead of exhausting memory or the stack. Tags name no files:
// `!Include ./x.yml` stays the string "./x.yml" and nothing is ever read.

/** Deeper than any real template; deep enough that a hostile one cannot exhaust the stack. */
export const MAX_DEPTH = 64;
/** Values produced after expanding aliases; a 1 MB template has far fewer. */
export const MAX_NODES = 200_000;

const LONG_FORM: Record<string, string> = { '!Ref': 'Ref', '!Condition': 'Condition' };
const INTRINSICS = ['Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Length', 'ToJsonString'];
for (const name of INTRINSICS) LONG_FORM[`!${name}`] = `Fn::${name}`;

export type YamlRead = { ok: true; value: unknown } | { ok: false; reason: string; line: number | null };

export function readYaml(text: string): YamlRead {
  const lines = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false, strict: false });
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, reason: `it is nested too deeply (more than ${MAX_DEPTH} levels)`, line: null };
    throw error;
  }
  const first = doc.errors[0];
  if (first) {
    const reason = /call stack/i.test(first.message) ? `it is nested too deeply (more than ${MAX_DEPTH} levels)` : firstSentence(first.message);
    return { ok: false, reason, line: lines.linePos(first.pos[0]).line };
  }
  let nodes = 0;
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : null);
  const walk = (node: unknown, depth: number, seen: ReadonlySet<Node>): unknown => {
    if (++nodes > MAX_NODES) throw new Refusal(`its anchors and aliases expand to more than ${MAX_NODES.toLocaleString('en-US')} values`, lineOf(node as Node));
    if (depth > MAX_DEPTH) throw new Refusal(`it is nested too deeply (more than ${MAX_DEPTH} levels)`, lineOf(node as Node));
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (!target || seen.has(target)) throw new Refusal('an alias refers to itself or to nothing', lineOf(node));
      return walk(target, depth + 1, new Set([...seen, target]));
    }
    let value: unknown;
    if (isScalar(node)) value = node.value;
    else if (isSeq(node)) value = node.items.map((item) => walk(item, depth + 1, seen));
    else if (isMap(node)) {
      const object: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(walk(pair.key, depth + 1, seen));
        // `<<` merge keys copy the referenced map's entries, as YAML 1.1 tools do.
        if (key === '<<' && pair.value) {
          const merged = walk(pair.value, depth + 1, seen);
          for (const source of Array.isArray(merged) ? merged : [merged]) if (source && typeof source === 'object') Object.assign(object, source);
        } else if (key !== '__proto__') object[key] = walk(pair.value, depth + 1, seen);
      }
      value = object;
    } else value = null;
    const tag = (node as { tag?: string } | null)?.tag;
    const long = tag ? LONG_FORM[tag] : undefined;
    if (!long) return value;
    if (long === 'Fn::GetAtt' && typeof value === 'string') return { [long]: value.split('.') };
    return { [long]: value };
  };
  try {
    return { ok: true, value: walk(doc.contents, 0, new Set()) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.message, line: error.line };
    if (error instanceof RangeError) return { ok: false, reason: `it is nested too deeply (more than ${MAX_DEPTH} levels)`, line: null };
    throw error;
  }
}

class Refusal extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
  }
}

function firstSentence(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+.*$/, '').replace(/\.$/, '');
}
