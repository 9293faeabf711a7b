import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/adapters/cli/parse-args.js';
import { runMigrateStore } from '../../src/ops/migrate-store.js';
import { SERVERLESS_FIT_BIN } from '../helpers/entry-point.js';
import { populateSqlite } from '../helpers/populated-sqlite.js';
import { describePostgres, freshPostgresDatabase, type FreshDatabase } from '../helpers/postgres.js';
import { CLEAN_ENV, ROOT } from './fakes/serve-process.js';

// migrate-store: a SQLite file filled through the ports, copied into a fresh
// Postgres database, verified table by table; a re-run copies nothing twice,
// a target holding different rows is refused with the table named, and
// each way the command can be pointed wrong is one sentence.

const dir = mkdtempSync(join(tmpdir(), 'sf-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function collector() {
  let text = '';
  const stream = new Writable({ write: (chunk: Buffer, _enc, done) => ((text += chunk.toString()), done()) });
  return { stream, text: () => text };
}

async function migrate(from: string, to: string) {
  const out = collector();
  const err = collector();
  const code = await runMigrateStore({ from, to }, { out: out.stream, err: err.stream });
  return { code, out: out.text(), err: err.text() };
}

/** The per-table line of the printed report: [table, source, copied, already there, target, source sum, target sum, verdict]. */
function tableLines(out: string): Map<string, string[]> {
  const lines = out.trim().split('\n').slice(1).filter((line) => !line.startsWith('Copied '));
  return new Map(lines.map((line) => line.trim().split(/\s+/)).map((cells) => [cells[0]!, cells]));
}

function sqliteCounts(file: string): Map<string, number> {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    return new Map(tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

describePostgres('migrate-store from SQLite to Postgres', () => {
  const source = join(dir, 'bot.db');
  let target: FreshDatabase;
  let sql: postgres.Sql;
  beforeAll(async () => {
    await populateSqlite(source);
    target = await freshPostgresDatabase();
    sql = postgres(target.url, { max: 1, onnotice: () => undefined });
  });
  afterAll(async () => {
    await sql?.end();
    await target?.drop();
  });

  it('copies every table, row for row, and verifies counts and checksums on both sides', async () => {
    const counts = sqliteCounts(source);
    // The fixture really fills every table the ports write.
    for (const table of ['conversations', 'turns', 'assessments', 'deliveries', 'delivery_effects', 'digest_subscriptions', 'digest_runs', 'reviews', 'review_changes', 'workspace_settings']) {
      expect(counts.get(table), table).toBeGreaterThan(0);
    }
    const { code, out, err } = await migrate(source, target.url);
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = tableLines(out);
    expect([...lines.keys()].sort()).toEqual([...counts.keys()].sort());
    for (const [table, n] of counts) {
      const [, from, copied, already, to, sumFrom, sumTo, verdict] = lines.get(table)!;
      expect({ table, from, copied, already, to, verdict }).toEqual({ table, from: String(n), copied: String(n), already: '0', to: String(n), verdict: 'ok' });
      expect(sumTo).toBe(sumFrom);
    }
    expect(out).toMatch(/every table matches \(row counts and checksums\)\.\n$/);
    expect(out).not.toContain('test-only-password');
  });

  it('maps the columns: user to user_id, 0/1 to booleans, JSON text to jsonb (JSON null kept apart from NULL), seq continuing the sequence', async () => {
    const [conversation] = await sql<{ user_id: string; facts: unknown }[]>`SELECT user_id, facts FROM conversations WHERE thread = '1700000000.0003'`;
    expect(conversation).toMatchObject({ user_id: 'U1', facts: expect.objectContaining({ description: expect.stringContaining('🐼') }) });
    const runs = await sql<{ week: string; late: boolean; status: string }[]>`SELECT week, late, status FROM digest_runs ORDER BY week`;
    expect(runs).toEqual([
      { week: '2026-W47', late: false, status: 'sent' },
      { week: '2026-W48', late: true, status: 'claimed' },
    ]);
    const effects = await sql<{ step: string; kind: string | null }[]>`SELECT step, jsonb_typeof(result) AS kind FROM delivery_effects ORDER BY step`;
    expect(effects).toEqual([
      { step: 'post-root', kind: 'object' },
      { step: 'save-answer', kind: 'null' },
    ]);
    // Insertion order (SQLite's rowid, Postgres's row_order) survives the copy: ties in time break alike on both.
    const db = new BetterSqlite3(source, { readonly: true });
    const sqliteOrder = (db.prepare('SELECT id FROM conversations ORDER BY rowid').all() as { id: string }[]).map((r) => r.id);
    db.close();
    expect(sqliteOrder).not.toEqual([...sqliteOrder].sort());
    expect((await sql<{ id: string }[]>`SELECT id FROM conversations ORDER BY row_order`).map((r) => r.id)).toEqual(sqliteOrder);
    const [sequence] = await sql<{ max: string; next: string }[]>`SELECT (SELECT max(seq) FROM deliveries)::text AS max, nextval('deliveries_seq')::text AS next`;
    expect(BigInt(sequence!.next)).toBe(BigInt(sequence!.max) + 1n);
  });

  it('leaves the Postgres stores reading what the SQLite ones read: history and a review, through the real bin', async () => {
    for (const args of [['history', '--workspace', 'T0001', '--json'], ['review', 'list', '--workspace', 'T0001', '--json']]) {
      const [onSqlite, onPostgres] = await Promise.all([run(args, { SERVERLESS_FIT_DB: source }), run(args, { DATABASE_URL: target.url })]);
      expect(onSqlite.code).toBe(0);
      expect(JSON.parse(onSqlite.stdout)).not.toEqual([]);
      expect({ args, ...onPostgres, stdout: JSON.parse(onPostgres.stdout) as unknown }).toEqual({ args, ...onSqlite, stdout: JSON.parse(onSqlite.stdout) as unknown });
    }
  });

  it('copies nothing twice on a re-run, and only what is new after more work on the source', async () => {
    const again = await migrate(source, target.url);
    expect(again.code).toBe(0);
    for (const [table, cells] of tableLines(again.out)) expect({ table, copied: cells[2], already: cells[3] }).toEqual({ table, copied: '0', already: cells[1] });

    const db = new BetterSqlite3(source);
    db.prepare("INSERT INTO workspace_settings (platform, workspace, region, updated_by, updated_at) VALUES ('slack', 'T0002', 'us-west-2', 'U9', '2026-11-24T10:00:00.000Z')").run();
    db.close();
    const more = await migrate(source, target.url);
    expect(more.code).toBe(0);
    expect(tableLines(more.out).get('workspace_settings')?.slice(1, 5)).toEqual(['3', '1', '2', '3']);
  });

  it('refuses a target that holds a different row for the same key, naming the table, and overwrites nothing', async () => {
    await sql`UPDATE reviews SET name = 'renamed in Postgres'`;
    const { code, out, err } = await migrate(source, target.url);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^migrate-store: The target already holds a different row in "reviews" for \(workspace, id\) = \(T0001, [^)]+\), so the copy stopped there and overwrote nothing/);
    const names = await sql<{ name: string }[]>`SELECT name FROM reviews`;
    expect(names.map((r) => r.name)).toEqual(['renamed in Postgres']);
  });

  it('says so when the target holds rows the source does not have', async () => {
    const other = await freshPostgresDatabase();
    try {
      expect((await migrate(source, other.url)).code).toBe(0);
      const extra = postgres(other.url, { max: 1 });
      await extra`INSERT INTO workspace_settings (platform, workspace, region, updated_by, updated_at) VALUES ('discord', 'G-live', NULL, 'x', '2026-11-25T00:00:00.000Z')`;
      await extra.end();
      const { code, out, err } = await migrate(source, other.url);
      expect(code).toBe(1);
      expect(tableLines(out).get('workspace_settings')?.at(-1)).toBe('DIFFERS');
      expect(err).toMatch(/"workspace_settings" has 1 more rows in the target than in the source/);
    } finally {
      await other.drop();
    }
  });
});

/** The real bin, as an operator runs it. */
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SERVERLESS_FIT_BIN, ...args], { cwd: ROOT, env: { ...CLEAN_ENV, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('migrate-store pointed wrong: one sentence, a non-zero exit, no password repeated', () => {
  const existing = join(dir, 'exists.db');
  beforeAll(() => writeFileSync(existing, ''));

  it.each([
    [['--from', 'mysql://root:hunter2@db/app', '--to', 'postgres://u:hunter2@127.0.0.1:1/x'], /^--from must name a SQLite file as sqlite:<path> \(got "mysql:\.\.\."\)/],
    [['--from', 'sqlite:x.db', '--to', 'mongodb://u:hunter2@db/x'], /^--to must be a Postgres URL starting postgres:\/\/ or postgresql:\/\/ \(got "mongodb:\.\.\."\)/],
    [['--from', 'sqlite:x.db'], /^migrate-store needs --from and --to/],
    [['--to', 'postgres://u:hunter2@db/x', 'sqlite:x.db'], /^migrate-store takes --from and --to, no other words \(got: sqlite:x\.db\)/],
  ])('%j is a usage error', (args, message) => {
    const parsed = parseCliArgs(['migrate-store', ...args]);
    expect(parsed).toMatchObject({ kind: 'error', message: expect.stringMatching(message) });
    expect(JSON.stringify(parsed)).not.toContain('hunter2');
  });

  it.each([
    ['a missing file', join(dir, 'missing.db'), /^migrate-store: there is no SQLite database at .*missing\.db; check the path after --from sqlite:\.\n$/],
    ['a folder', dir, /^migrate-store: there is no SQLite database at .*sf-migrate-\w+; check the path/],
    ['a target nobody answers at', existing, /^migrate-store: Cannot connect to Postgres at postgres:\/\/u@127\.0\.0\.1:1\/x \(.*\)\. Check that the server is running and that the host and port in --to are right\.\n$/],
  ])('%s', async (_name, from, message) => {
    const { code, out, err } = await migrate(from, 'postgres://u:hunter2@127.0.0.1:1/x');
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err).not.toContain('hunter2');
    expect(code).toBe(2);
  });

  it('the real bin exits 2 with the sentence', async () => {
    const { code, stdout, stderr } = await run(['migrate-store', '--from', 'mysql://root:hunter2@db/app', '--to', 'postgres://u:hunter2@127.0.0.1:1/x']);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toMatch(/^--from must name a SQLite file as sqlite:<path>/);
    expect(stderr).not.toContain('hunter2');
    expect(code).toBe(2);
  });
});
