import { isCloudFormationDocument, readCloudFormation } from './read-cloudformation.js';
import { isServerlessDocument, readServerless } from './read-serverless.js';
import { isTerraformDocument, readTerraform } from './read-terraform.js';
import { MAX_DEPTH, readYaml } from './read-yaml.js';
import { MAX_TEMPLATE_BYTES, tooLargeMessage } from './template-size.js';
import { FORMAT_NAMES, isDoc, type Doc, type HclParser, type TemplateComponent, type TemplateFormat, type TemplateReadResult } from './template-types.js';

// The one way in: file text -> every component, or one sentence saying why
// not. All or nothing: a file that fails anywhere imports no component.

/** A template with more is a monorepo of stacks; split it, or the review card becomes unreadable. */
export const MAX_COMPONENTS = 200;

export { MAX_TEMPLATE_BYTES, tooLargeMessage } from './template-size.js';

const HCL_HINT = /^\s*(resource|variable|provider|module|terraform|locals|data|output)\s+("[^"]*"\s*)*\{/m;

export async function readTemplate(input: { fileName: string; text: string }, parseHcl: HclParser): Promise<TemplateReadResult> {
  const { fileName, text } = input;
  if (byteLength(text) > MAX_TEMPLATE_BYTES) return refuse(null, tooLargeMessage(fileName, byteLength(text)));
  if (looksBinary(text)) return refuse(null, binaryMessage(fileName));
  if (!text.trim()) return refuse(null, `${fileName} is empty.`);

  if (/\.tf$/i.test(fileName) || (!/\.(ya?ml|json)$/i.test(fileName) && HCL_HINT.test(text))) {
    const parsed = await parseHclFile(fileName, text, parseHcl);
    return parsed.ok ? finish('terraform', fileName, () => readTerraform(parsed.json)) : parsed;
  }

  const kind = /\.json$/i.test(fileName) || text.trimStart().startsWith('{') ? 'JSON' : 'YAML';
  const yaml = readYaml(text);
  if (!yaml.ok) return refuse(null, `Reading ${fileName} as ${kind} stopped${at(yaml.line)}: ${yaml.reason}.`, yaml.line);
  const doc = yaml.value;
  if (!isDoc(doc)) return refuse(null, notATemplate(fileName));
  if (isServerlessDocument(doc)) return finish('serverless', fileName, () => readServerless(doc), typeof doc.service === 'string' && !doc.service.includes('${') ? doc.service : null);
  if (isCloudFormationDocument(doc)) return finish('cloudformation', fileName, () => readCloudFormation(doc));
  if (isTerraformDocument(doc)) return finish('terraform', fileName, () => readTerraform(doc));
  return refuse(null, notATemplate(fileName));
}

/**
 * A Terraform module: every .tf file of a folder, read as one configuration
 * (variables.tf beside main.tf is the usual layout). Any file that fails
 * fails the whole read, named with its line.
 */
export async function readTerraformModule(folder: string, files: readonly { fileName: string; text: string }[], parseHcl: HclParser): Promise<TemplateReadResult> {
  const bytes = files.reduce((sum, f) => sum + byteLength(f.text), 0);
  if (bytes > MAX_TEMPLATE_BYTES) return refuse('terraform', tooLargeMessage(folder, bytes));
  const merged: Doc = {};
  for (const file of files) {
    if (looksBinary(file.text)) return refuse('terraform', binaryMessage(file.fileName));
    if (/\.json$/i.test(file.fileName)) {
      const json = readYaml(file.text);
      if (!json.ok) return refuse('terraform', `Reading ${file.fileName} as JSON stopped${at(json.line)}: ${json.reason}.`, json.line);
      if (isDoc(json.value)) mergeInto(merged, json.value);
      continue;
    }
    const parsed = await parseHclFile(file.fileName, file.text, parseHcl);
    if (!parsed.ok) return parsed;
    mergeInto(merged, parsed.json);
  }
  return finish('terraform', folder, () => readTerraform(merged));
}

async function parseHclFile(fileName: string, text: string, parseHcl: HclParser): Promise<{ ok: true; json: Doc } | Extract<TemplateReadResult, { ok: false }>> {
  // HashiCorp's parser recurses per bracket and its runtime dies on a deep enough nest: refuse first.
  const deep = tooDeepAt(text);
  if (deep !== null) return refuse('terraform', `Reading ${fileName} as ${FORMAT_NAMES.terraform} stopped at line ${deep}: it is nested too deeply (more than ${MAX_DEPTH} levels).`, deep);
  const parsed = await parseHcl(fileName, text);
  if (!parsed.ok) return refuse('terraform', `Reading ${fileName} as ${FORMAT_NAMES.terraform} stopped${at(parsed.line)}: ${parsed.message}.`, parsed.line);
  return isDoc(parsed.json) ? { ok: true, json: parsed.json } : { ok: true, json: {} };
}

/** Blocks of several files into one configuration: objects merge, block lists concatenate. */
function mergeInto(target: Doc, source: Doc): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isDoc(existing) && isDoc(value)) mergeInto(existing, value);
    else if (Array.isArray(existing) && Array.isArray(value)) target[key] = [...existing, ...value];
    else target[key] = value;
  }
}

export function binaryMessage(fileName: string): string {
  return `${fileName} is a binary file, not a serverless.yml, SAM/CloudFormation, CDK (cdk.out/*.template.json) or Terraform (.tf) template.`;
}

function finish(format: TemplateFormat, fileName: string, read: () => TemplateComponent[], system: string | null = null): TemplateReadResult {
  const components = uniqueIds(read());
  if (components.length === 0) return refuse(format, `${fileName} reads as ${FORMAT_NAMES[format]} but defines no Lambda functions or ECS services.`);
  if (components.length > MAX_COMPONENTS) return refuse(format, `${fileName} defines ${components.length} functions and services; up to ${MAX_COMPONENTS} are imported at once (split it by stack).`);
  return { ok: true, format, components, system };
}

function refuse(format: TemplateFormat | null, message: string, line: number | null = null): Extract<TemplateReadResult, { ok: false }> {
  return { ok: false, error: { format, message, line } };
}

function notATemplate(fileName: string): string {
  return `${fileName} is not a serverless.yml, SAM/CloudFormation, CDK (cdk.out/*.template.json) or Terraform (.tf) template: it has no service, Resources or resource blocks.`;
}

function at(line: number | null): string {
  return line === null ? '' : ` at line ${line}`;
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** NUL bytes, or many control characters in the first 8 KB: an archive, an image or a compiled file. */
function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return true;
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const control = head.match(/[\u0001-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  return control > head.length * 0.05;
}

/** A function and a service may share a name (aws_lambda_function.api, aws_ecs_service.api); a review needs them apart. */
function uniqueIds(components: TemplateComponent[]): TemplateComponent[] {
  const seen = new Set<string>();
  return components.map((c) => {
    let id = c.id;
    if (seen.has(id)) id = `${c.id} (${c.kind})`;
    for (let n = 2; seen.has(id); n++) id = `${c.id} (${c.kind} ${n})`;
    seen.add(id);
    return id === c.id ? c : { ...c, id, facts: { ...c.facts, description: c.facts.description?.replace(c.id, id) } };
  });
}

/** The line where brackets, braces and parentheses first nest deeper than MAX_DEPTH; null when they never do. */
function tooDeepAt(text: string): number | null {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) line++;
    else if (ch === 123 || ch === 91 || ch === 40) {
      if (++depth > MAX_DEPTH) return line;
    } else if ((ch === 125 || ch === 93 || ch === 41) && depth > 0) depth--;
  }
  return null;
}
