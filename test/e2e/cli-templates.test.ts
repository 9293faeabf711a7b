import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../helpers/template-fixtures.js';
import { runCli } from './cli-harness.js';

// `assess --template` and `review import` as a script or a CI job runs them:
// the real entry point spawned with environment variables only, SQLite on a
// temp file. The other cases run the same commands in-process
// (test/unit/template-cli.test.ts): a spawn costs seconds.

const dir = mkdtempSync(join(tmpdir(), 'serverless-fit-cli-templates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DB = join(dir, 'templates.db');
// One spawn per test, but a spawn can take many seconds on a loaded machine.
const SPAWN_TEST_MS = 120_000;

function run(args: string[]) {
  return runCli(DB, args);
}

describe('assess --template', () => {
  it('prints one JSON entry per function and service, with facts read, facts assumed, verdict, platform and costs', () => {
    const { code, out, err } = run(['assess', '--template', fixturePath('shop/serverless.yml'), '--json', '--assume-defaults']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ status: 'complete', file: 'serverless.yml', format: 'serverless', totals: { assessed: 4 } });
    expect(json.components.map((c: { id: string; kind: string }) => `${c.id}:${c.kind}`)).toEqual(['api:function', 'worker:function', 'nightly:function', 'web:service']);
    const api = json.components[0];
    expect(api.read).toMatchObject({ trigger: 'http', memoryMb: 512, timeoutS: 10, runtime: 'nodejs20.x', architecture: 'arm', region: 'eu-west-1' });
    expect(api.assumed.join('\n')).toMatch(/10,000 requests a day/);
    expect(api.verdict).toMatch(/^(fit|marginal|avoid)$/);
    expect(typeof api.platform).toBe('string');
    expect(api.costs.some((c: { platform: string }) => c.platform.startsWith('aws-lambda'))).toBe(true);
  }, SPAWN_TEST_MS);

  it('--fail-on avoid exits 1 and names the component that should not be serverless', () => {
    const { code, out, err } = run(['assess', '--template', fixturePath('search-indexer.yaml'), '--json', '--assume-defaults', '--fail-on', 'avoid']);
    expect(code).toBe(1);
    expect(err).toBe('--fail-on avoid: indexer (avoid)\n');
    const json = JSON.parse(out);
    expect(json.components.find((c: { id: string }) => c.id === 'indexer').verdict).toBe('avoid');
    expect(json.components.find((c: { id: string }) => c.id === 'ingest').verdict).not.toBe('avoid');
  }, SPAWN_TEST_MS);

});

describe('review import', () => {
  it('saves every function and service as a component in the review it prints', () => {
    const imported = run(['review', 'import', fixturePath('shop/main.tf'), '--name', 'shop backend']);
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('main.tf: 3 functions (1 HTTP, 1 schedule, 1 queue) and 1 container service; 3 need traffic.');
    expect(imported.out).toContain('Design review: shop backend');
    // The nightly schedule is traffic the template states, and its timeout bounds its duration: nothing is left to ask it.
    expect(imported.out).not.toMatch(/nightly: interviewing/);
    expect(imported.out).toMatch(/api: interviewing: traffic\?/);
    const id = /Saved as review ([a-z0-9]+)/.exec(imported.out)?.[1] ?? '';
    expect(id).not.toBe('');

    const db = new Database(DB, { readonly: true });
    const saved = db.prepare('SELECT name FROM reviews WHERE id = ?').get(id);
    db.close();
    expect(saved).toEqual({ name: 'shop backend' });
  }, SPAWN_TEST_MS);

  it('refuses a binary file in one line, saving nothing', () => {
    const path = join(dir, 'upload.yml');
    writeFileSync(path, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x80, 0x90]));
    const { code, out, err } = run(['review', 'import', path]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe('upload.yml is a binary file, not a serverless.yml, SAM/CloudFormation, CDK (cdk.out/*.template.json) or Terraform (.tf) template.\n');
  }, SPAWN_TEST_MS);
});
