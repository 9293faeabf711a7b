import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReviewImport, type TemplateCliOptions } from '../../src/adapters/cli/template-import-command.js';
import { parseCliArgs } from '../../src/adapters/cli/parse-args.js';
import { createSqliteReviewStore } from '../../src/store/sqlite-review-store.js';
import { parseHcl } from '../../src/templates/parse-hcl.js';
import { shippedCatalog } from '../helpers/cost-fixtures.js';
import { openReviewDatabase, tempDir } from '../helpers/review-db.js';
import { fixturePath } from '../helpers/template-fixtures.js';

// `review import <file> --into <id>`: a changed template into the review made
// from it, on a real SQLite file: what changed is printed and kept in the trail.

const tmp = tempDir('serverless-fit-reimport-cli-');
const db = openReviewDatabase(tmp.file());
afterAll(() => {
  db.close();
  tmp.remove();
});
const reviews = createSqliteReviewStore(db);

function run() {
  let out = '';
  let err = '';
  const stream = (add: (s: string) => void) => ({ write: (chunk: string) => (add(chunk), true) }) as unknown as NodeJS.WritableStream;
  let ids = 0;
  return {
    out: () => out,
    err: () => err,
    deps: { catalog: shippedCatalog(), reviews, parseHcl, clock: { now: () => new Date('2026-12-01T10:00:00Z') }, newId: () => `reimport${++ids}${Math.random().toString(36).slice(2, 6)}`, user: 'dev', out: stream((s) => (out += s)), err: stream((s) => (err += s)) },
  };
}

const options = (over: Partial<TemplateCliOptions>): TemplateCliOptions => ({ file: '', name: null, assumeDefaults: false, json: false, failOn: null, ...over });
const SHOP = readFileSync(fixturePath('shop/main.tf'), 'utf8');

describe('review import --into', () => {
  it('reads --into as the review to update', () => {
    expect(parseCliArgs(['review', 'import', 'main.tf', '--into', '3f9c2a1b'])).toEqual({ kind: 'run', command: { name: 'template', action: 'review-import', options: options({ file: 'main.tf', into: '3f9c2a1b' }) } });
  });

  it('prints what changed in a Terraform module, keeps the review and writes the trail', async () => {
    const first = run();
    expect(await runReviewImport(first.deps, options({ file: fixturePath('shop/main.tf') }))).toBe(0);
    const id = /Saved as review (\w+)/.exec(first.out())?.[1] ?? '';
    const changedPath = join(tmp.dir, 'main.tf');
    const memory = /memory_size\s*=\s*(\d+)/.exec(SHOP)?.[1] ?? '';
    writeFileSync(changedPath, SHOP.replace(/memory_size\s*=\s*\d+/, 'memory_size = 3008'));
    const again = run();
    expect(await runReviewImport(again.deps, options({ file: changedPath, into: id, json: true }))).toBe(0);
    const json = JSON.parse(again.out()) as { review: string; added: string[]; removed: string[]; changed: { id: string; lines: string[] }[] };
    expect(json.review).toBe(id);
    expect(json.added).toEqual([]);
    expect(json.removed).toEqual([]);
    expect(json.changed).toHaveLength(1);
    expect(json.changed[0]?.lines).toEqual([`memory ${memory} MB -> 3008 MB`]);
    expect((await reviews.changes('local', id)).map((c) => c.kind)).toContain('change');
  });

  it.each([
    ['an unknown review', 'nosuchid', 'There is no review nosuchid in this workspace; "review list" shows them.'],
  ])('refuses %s in one line and changes nothing', async (_name, into, message) => {
    const r = run();
    expect(await runReviewImport(r.deps, options({ file: fixturePath('shop/main.tf'), into }))).toBe(2);
    expect(r.err()).toBe(`${message}\n`);
  });
});
