import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAssessTemplate, runReviewImport, type TemplateCliOptions } from '../../src/adapters/cli/template-import-command.js';
import { parseCliArgs } from '../../src/adapters/cli/parse-args.js';
import { createSqliteReviewStore } from '../../src/store/sqlite-review-store.js';
import { parseHcl } from '../../src/templates/parse-hcl.js';
import { shippedCatalog } from '../helpers/cost-fixtures.js';
import { openReviewDatabase, tempDir } from '../helpers/review-db.js';
import { fixturePath } from '../helpers/template-fixtures.js';

// The template commands in-process, on a real SQLite file: arguments, exit
// codes, refusals that save nothing, and what an import leaves in the store.

const tmp = tempDir('serverless-fit-template-cli-');
const db = openReviewDatabase(tmp.file());
afterAll(() => {
  db.close();
  tmp.remove();
});
const reviews = createSqliteReviewStore(db);

function sink() {
  let text = '';
  return { stream: { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream, text: () => text };
}

let ids = 0;
function deps() {
  const out = sink();
  const err = sink();
  return {
    out,
    err,
    deps: { catalog: shippedCatalog(), reviews, parseHcl, clock: { now: () => new Date('2026-12-01T10:00:00Z') }, newId: () => `import${++ids}`, user: 'dev', out: out.stream, err: err.stream },
  };
}

const options = (over: Partial<TemplateCliOptions>): TemplateCliOptions => ({ file: '', name: null, assumeDefaults: false, json: false, failOn: null, ...over });

describe('arguments', () => {
  it.each([
    [['review', 'import', 'serverless.yml'], { name: 'template', action: 'review-import', options: options({ file: 'serverless.yml' }) }],
    [['review', 'import', 'main.tf', '--name', 'shop', '--assume-defaults', '--json'], { name: 'template', action: 'review-import', options: options({ file: 'main.tf', name: 'shop', assumeDefaults: true, json: true }) }],
    [['assess', '--template', 'template.yaml', '--json', '--fail-on', 'avoid'], { name: 'template', action: 'assess', options: options({ file: 'template.yaml', json: true, failOn: 'avoid' }) }],
    [['assess', '--template=cdk.out', '--fail-on=marginal'], { name: 'template', action: 'assess', options: options({ file: 'cdk.out', failOn: 'marginal' }) }],
  ])('%j', (argv, command) => {
    expect(parseCliArgs(argv)).toEqual({ kind: 'run', command });
  });

  it.each([
    [['review', 'import'], /^review import needs one template file/],
    [['review', 'import', 'a.yml', 'b.yml'], /^review import needs one template file/],
    [['review', 'import', 'a.yml', '--name'], /^--name needs a value, e.g. --name "checkout platform"\.$/],
    [['review', 'import', 'a.yml', '--name', '  '], /^--name needs a name/],
    [['review', 'import', 'a.yml', '--fail-on', 'avoid'], /^Unknown option --fail-on for review import\./],
    [['review', 'import', 'a.yml', '--csv'], /^Unknown option --csv for review import\./],
    [['assess', '--template'], /^--template needs a value, e.g. --template serverless\.yml\.$/],
    [['assess', '--template', 'a.yml', 'b.yml'], /^assess --template needs one template file/],
    [['assess', '--template', 'a.yml', '--fail-on', 'never'], /^--fail-on takes avoid or marginal/],
    [['assess', '--template', 'a.yml', '--name', 'x'], /^Unknown option --name for assess\./],
    [['assess', '--template', 'a.yml', '--markdown'], /^Unknown option --markdown for assess\./],
  ])('%j is refused', (argv, error) => {
    const parsed = parseCliArgs(argv);
    expect(parsed.kind).toBe('error');
    if (parsed.kind === 'error') expect(parsed.message).toMatch(error);
  });

  it('a plain assess still takes a description', () => {
    expect(parseCliArgs(['assess', 'resize images on upload'])).toMatchObject({ kind: 'run', command: { name: 'assess' } });
    expect(parseCliArgs(['assess', 'x.yml'])).toMatchObject({ kind: 'run', command: { name: 'assess', options: { text: 'x.yml' } } });
  });
});

describe('assess --template', () => {
  it.each([
    ['shop/main.tf', 'avoid', 0],
    ['search-indexer.yaml', 'avoid', 1],
    ['search-indexer.yaml', 'marginal', 1],
  ] as const)('%s with --fail-on %s exits %d', async (file, failOn, code) => {
    const run = deps();
    expect(await runAssessTemplate(run.deps, options({ file: fixturePath(file), assumeDefaults: true, failOn }))).toBe(code);
    if (code === 1) expect(run.err.text()).toMatch(/^--fail-on \w+: .*indexer \(avoid\)/);
  });

  it('reads a cdk.out folder with one stack, and without defaults lists what each component needs', async () => {
    const run = deps();
    expect(await runAssessTemplate(run.deps, options({ file: fixturePath('shop/cdk.out'), json: true }))).toBe(0);
    const json = JSON.parse(run.out.text());
    expect(json.status).toBe('needs_input');
    expect(json.file).toBe('ShopStack.template.json');
    expect(json.components.find((c: { id: string }) => c.id === 'nightly').questions.map((q: { id: string }) => q.id)).toEqual(['duration', 'constraints']);
  });

  it('reads a folder of .tf and .tf.json files as one Terraform module', async () => {
    const run = deps();
    expect(await runAssessTemplate(run.deps, options({ file: fixturePath('terraform-module'), json: true }))).toBe(0);
    const json = JSON.parse(run.out.text());
    expect(json.components.map((c: { id: string; read: object }) => [c.id, c.read])).toEqual([
      ['status', { trigger: 'http', memoryMb: 256, architecture: 'x86', timeoutS: 3, packageType: 'zip', runtime: 'nodejs20.x', coldStart: 'moderate' }],
      ['sync', { trigger: 'schedule', memoryMb: 1024, architecture: 'x86', traffic: '96 runs a day on a schedule (rate(15 minutes))', timeoutS: 120, packageType: 'zip', runtime: 'python3.12', coldStart: 'moderate' }],
    ]);
  });

  it('names the file of a module where reading stopped, and imports nothing', async () => {
    const module = join(tmp.dir, 'broken-module');
    mkdirSync(module);
    writeFileSync(join(module, 'main.tf'), 'resource "aws_lambda_function" "a" {\n  runtime = "nodejs20.x"\n}\n');
    writeFileSync(join(module, 'variables.tf'), 'variable "x" {\n  default = \n}\n');
    const run = deps();
    expect(await runAssessTemplate(run.deps, options({ file: module }))).toBe(2);
    expect(run.err.text()).toMatch(/^Reading variables\.tf as Terraform \(HCL2\) stopped at line 2: .+\.\n$/);
  });

  it.each([
    ['nowhere/serverless.yml', /^There is no file nowhere\/serverless\.yml\.$/],
    [fixturePath('..'), /is a folder with 0 \*\.template\.json files; name one of them\.$/],
    ['/dev/zero', /^\/dev\/zero is not a regular file\.$/],
  ])('%s: status error in JSON, exit 2', async (file, message) => {
    const run = deps();
    expect(await runAssessTemplate(run.deps, options({ file, json: true }))).toBe(2);
    const json = JSON.parse(run.out.text());
    expect(json.status).toBe('error');
    expect(json.message).toMatch(message);
  });
});

describe('review import', () => {
  it('with --assume-defaults every component is assessed and the trail says where each came from', async () => {
    const run = deps();
    expect(await runReviewImport(run.deps, options({ file: fixturePath('sam-events.yaml'), assumeDefaults: true, json: true }))).toBe(0);
    const json = JSON.parse(run.out.text());
    expect(json.name).toBe('sam-events');
    expect(json.components).toHaveLength(12);
    for (const c of json.components) expect(c.verdict).toMatch(/^(fit|marginal|avoid)$/);
    const review = await reviews.get('local', json.review);
    expect(review?.components.every((c) => c.pending === null && c.last !== null)).toBe(true);
    const trail = await reviews.changes('local', json.review);
    expect(trail).toHaveLength(13);
    expect(trail[1]?.text).toBe('from sam-events.yaml: Api post /upload');
  });

  it('without defaults each component waits only on what the template cannot say (traffic; a duration where no timeout bounds it)', async () => {
    const run = deps();
    expect(await runReviewImport(run.deps, options({ file: fixturePath('shop/template.yaml'), name: 'shop' }))).toBe(0);
    const id = /Saved as review (\w+)/.exec(run.out.text())?.[1] ?? '';
    const pending = Object.fromEntries(((await reviews.get('local', id))?.components ?? []).map((c) => [c.name, c.pending]));
    expect(pending).toEqual({ api: 'traffic', worker: 'traffic', nightly: null, web: 'traffic' });
  });

  it.each([
    ['a broken template', 'serverless.yml', 'service: x\nfunctions:\n  api:\n    handler: [a\n'],
    ['a file over 1 MB', 'big.yml', 'a'.repeat(1_200_000)],
    ['a template with more components than a review holds', 'many.yml', `service: many\nprovider: { name: aws }\nfunctions:\n${Array.from({ length: 41 }, (_, i) => `  f${i}: { handler: h }`).join('\n')}\n`],
  ])('%s is refused in one line and no review is saved', async (_name, file, text) => {
    const path = join(tmp.dir, file);
    writeFileSync(path, text);
    const before = (await reviews.list('local')).length;
    const run = deps();
    expect(await runReviewImport(run.deps, options({ file: path }))).toBe(2);
    expect(run.out.text()).toBe('');
    expect(run.err.text().trim().split('\n')).toHaveLength(1);
    expect(await reviews.list('local')).toHaveLength(before);
  });
});
