import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Verdict } from '../../core/assessment.js';
import { formatUsdRounded } from '../../core/format.js';
import type { Clock, IdGenerator, ReviewStore } from '../../core/ports.js';
import type { PricingCatalog } from '../../core/pricing/catalog-schema.js';
import { buildReviewCard } from '../../core/review/review-card.js';
import { binaryMessage, MAX_TEMPLATE_BYTES, readTemplate, readTerraformModule, tooLargeMessage } from '../../core/templates/read-template.js';
import { templateAssessmentJson } from '../../core/templates/template-assessment.js';
import { factsRead, questionsFor } from '../../core/templates/template-facts.js';
import { reviewFromTemplate } from '../../core/templates/template-review.js';
import type { HclParser, TemplateReadResult } from '../../core/templates/template-types.js';
import { renderReviewText } from '../../render/review-text.js';
import { runReviewReimport } from './template-reimport-command.js';
import type { TemplateCliOptions } from './template-options.js';

// `review import <file>` and `assess --template <file>`: a whole stack from
// its infrastructure template. Reading is all or nothing; the review is saved
// in one transaction only after every component was read.

export { templateOptions, type TemplateCliOptions } from './template-options.js';

export interface TemplateCommandDeps {
  catalog: PricingCatalog;
  reviews: ReviewStore;
  parseHcl: HclParser;
  clock: Clock;
  newId: IdGenerator;
  user: string;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

const VERDICT_RANK: Record<Verdict, number> = { fit: 0, marginal: 1, avoid: 2 };

/** `assess --template`: returns the exit code (2 unreadable, 1 a verdict at --fail-on or worse, else 0). */
export async function runAssessTemplate(deps: TemplateCommandDeps, options: TemplateCliOptions): Promise<number> {
  const { file, result: read } = await readTemplateFile(options.file, deps.parseHcl);
  if (!read.ok) return refuse(deps, options, read.error.message);
  const json = templateAssessmentJson(read, file, deps.catalog, { assumeDefaults: options.assumeDefaults, today: deps.clock.now() });
  if (options.json) deps.out.write(`${JSON.stringify(json, null, 2)}\n`);
  else {
    deps.out.write(`${json.formatName}: ${json.summary}\n`);
    for (const c of json.components) {
      const figures = c.status === 'complete' ? `${c.verdict}, ${c.platform}, ${formatUsdRounded(c.monthly.recommendedUsd ?? 0)}/month` : `needs ${c.questions.map((q) => q.id).join(', ')}`;
      deps.out.write(`  ${c.id.padEnd(24)} ${c.kind.padEnd(8)} ${figures}\n`);
    }
    if (json.status === 'complete') {
      deps.out.write(`Recommended plan ${formatUsdRounded(json.totals.recommendedUsd)}/month (all serverless ${formatUsdRounded(json.totals.serverlessUsd)}, all containers ${formatUsdRounded(json.totals.containersUsd)}).\n`);
      if (options.assumeDefaults) deps.out.write('Where the template is silent (traffic, typical duration) stated defaults were assumed; --json lists them per component.\n');
    }
    else deps.out.write('(Traffic and duration are not in a template: pass --assume-defaults, or use "review import" and answer in the chat.)\n');
  }
  const failOn = options.failOn;
  if (failOn && json.components.some((c) => c.verdict !== null && VERDICT_RANK[c.verdict] >= VERDICT_RANK[failOn])) {
    const named = json.components.filter((c) => c.verdict !== null && VERDICT_RANK[c.verdict] >= VERDICT_RANK[failOn]).map((c) => `${c.id} (${c.verdict})`);
    deps.err.write(`--fail-on ${failOn}: ${named.join(', ')}\n`);
    return 1;
  }
  return 0;
}

/** `review import`: saves a review in the terminal's workspace and prints its summary; returns the exit code. */
export async function runReviewImport(deps: TemplateCommandDeps, options: TemplateCliOptions): Promise<number> {
  const { file, result: read } = await readTemplateFile(options.file, deps.parseHcl);
  if (!read.ok) return refuse(deps, options, read.error.message);
  if (options.into) return runReviewReimport(deps, { ...options, into: options.into }, { file, format: read.format, components: read.components });
  const id = deps.newId().replace(/[^a-z0-9]/gi, '').toLowerCase().slice(-8);
  const built = reviewFromTemplate({
    ...read,
    file,
    name: options.name?.trim() || read.system || file.replace(/(\.template)?\.(ya?ml|json|tf)$/i, ''),
    id,
    key: { platform: 'cli', workspace: 'local', channel: 'templates', thread: `import-${id}`, user: deps.user },
    actor: deps.user,
    assumeDefaults: options.assumeDefaults,
    catalog: deps.catalog,
    now: deps.clock.now(),
  });
  if (!built.ok) return refuse(deps, options, built.message);
  const { review, changes, summary } = built;
  await deps.reviews.transaction(async () => {
    await deps.reviews.create(review);
    for (const change of changes) await deps.reviews.appendChange('local', change);
  });
  const trail = await deps.reviews.changes('local', review.id);
  const card = buildReviewCard(review, { changes: trail.length, lastActor: deps.user, lastAt: review.updatedAt });
  if (options.json) {
    const byName = new Map(read.components.map((c) => [c.id, c]));
    const components = review.components.map((c) => {
      const t = byName.get(c.name);
      return { id: c.name, componentId: c.id, read: t ? factsRead(t) : {}, open: t && !options.assumeDefaults ? questionsFor(t) : [], verdict: c.last?.verdict ?? null, platform: c.last?.platform ?? null, monthlyUsd: c.last?.recommendedUsd ?? null };
    });
    deps.out.write(`${JSON.stringify({ review: review.id, name: review.name, format: read.format, summary, components, headline: card.headline, totals: card.totalLines }, null, 2)}\n`);
  } else {
    deps.out.write(`${summary}\n\n${renderReviewText(card)}\n\nSaved as review ${review.id}: "review export ${review.id}" writes it as Markdown.\n`);
  }
  return 0;
}

/** A file or a cdk.out folder with one stack (and the file's name); size checked before a byte is read. */
export async function readTemplateFile(path: string, parseHcl: HclParser): Promise<{ file: string; result: TemplateReadResult }> {
  const result = await readPath(path, parseHcl);
  return { file: basename(result.file), result: result.result };
}

async function readPath(path: string, parseHcl: HclParser): Promise<{ file: string; result: TemplateReadResult }> {
  let file = path;
  const cannot = (message: string) => ({ file, result: refusal(message) });
  try {
    if (statSync(path).isDirectory()) {
      const names = readdirSync(path).sort();
      const stacks = names.filter((f) => f.endsWith('.template.json'));
      const terraform = names.filter((f) => /\.tf(\.json)?$/.test(f) && statSync(join(path, f)).isFile());
      if (stacks.length === 0 && terraform.length > 0) return { file, result: await readModule(path, terraform, parseHcl) };
      if (stacks.length !== 1) return cannot(`${path} is a folder with ${stacks.length} *.template.json files; name one of them${stacks.length ? ` (${stacks.slice(0, 5).join(', ')})` : ''}.`);
      file = join(path, stacks[0] ?? '');
    }
    const stat = statSync(file);
    // A device or a pipe (/dev/zero, /dev/stdin) has no size to check and may never end.
    if (!stat.isFile()) return cannot(`${path} is not a regular file.`);
    if (stat.size > MAX_TEMPLATE_BYTES) return cannot(tooLargeMessage(basename(file), stat.size));
    const text = utf8(readFileSync(file));
    if (text === null) return cannot(binaryMessage(basename(file)));
    return { file, result: await readTemplate({ fileName: basename(file), text }, parseHcl) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return cannot(code === 'ENOENT' ? `There is no file ${path}.` : `${path} could not be read (${code ?? 'unknown error'}).`);
  }
}

/** Every .tf and .tf.json file of a folder, as Terraform reads a module. */
async function readModule(folder: string, names: readonly string[], parseHcl: HclParser): Promise<TemplateReadResult> {
  const bytes = names.reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);
  if (bytes > MAX_TEMPLATE_BYTES) return refusal(tooLargeMessage(basename(folder), bytes));
  const files = [];
  for (const name of names) {
    const text = utf8(readFileSync(join(folder, name)));
    if (text === null) return refusal(binaryMessage(name));
    files.push({ fileName: name, text });
  }
  return readTerraformModule(basename(folder), files, parseHcl);
}

/** The text, or null when the bytes are not UTF-8 (an archive, an image, a compiled file). */
function utf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

function refusal(message: string): TemplateReadResult {
  return { ok: false, error: { format: null, message, line: null } };
}

function refuse(deps: TemplateCommandDeps, options: TemplateCliOptions, message: string): number {
  if (options.json) deps.out.write(`${JSON.stringify({ status: 'error', message }, null, 2)}\n`);
  else deps.err.write(`${message}\n`);
  return 2;
}
