import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SERVERLESS_FIT_BIN } from '../helpers/entry-point.js';
import { describePostgres, freshPostgresDatabase, type FreshDatabase } from '../helpers/postgres.js';
import { postToSlackApp, slashCommandBody } from './fakes/slack-requests.js';
import { startFakeSlackWebApi, type FakeSlackWebApi } from './fakes/slack-web-api.js';
import { CLEAN_ENV, ROOT, spawnServe, type ServeProcess } from './fakes/serve-process.js';

// `serverless-fit serve` on Postgres, as deployed: the real entry point with
// DATABASE_URL pointing at a fresh database and the Slack fake. A signed
// slash command is answered and its rows are in Postgres; /readyz follows
// the database (503 with the reason once it is gone), and doctor names it.

const SECRET = '0123456789abcdef0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'sf-pg-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fake: FakeSlackWebApi | null = null;
let proc: ServeProcess | null = null;
let database: FreshDatabase | null = null;
afterEach(async () => {
  if (proc && !proc.gone()) proc.signal('SIGKILL');
  await fake?.close();
  await database?.drop();
  proc = fake = database = null;
});

function doctor(env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SERVERLESS_FIT_BIN, 'doctor'], { cwd: ROOT, env: { ...CLEAN_ENV, AWS_EC2_METADATA_DISABLED: 'true', ...env } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => resolve({ code, lines: out.trim().split('\n') }));
  });
}

describePostgres('serve with DATABASE_URL', () => {
  it('answers a signed slash command with its rows in Postgres, and /readyz and doctor follow the database', async () => {
    fake = await startFakeSlackWebApi();
    database = await freshPostgresDatabase();
    const sqliteFile = join(dir, 'not-opened.db');
    const env = { SLACK_BOT_TOKEN: 'xoxb-pg-serve', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', DATABASE_URL: database.url, SERVERLESS_FIT_DB: sqliteFile };
    const p = (proc = await spawnServe({ env }));

    // DATABASE_URL wins over SERVERLESS_FIT_DB, said once; the SQLite file is never created.
    expect(p.logs.filter((l) => /DATABASE_URL and SERVERLESS_FIT_DB/.test(String(l.msg)))).toHaveLength(1);
    expect(existsSync(sqliteFile)).toBe(false);
    const ready = await fetch(p.url('/readyz'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', 'pricing catalog': 'ok', 'Slack (HTTP on port 0, /slack/events)': 'ok' } });

    const body = slashCommandBody({ text: 'resize images on upload, ~2s each', team: 'T0PG001', channel: 'C100', user: 'U100', responseUrl: fake.responseUrl('pg-1') });
    const ack = await postToSlackApp(p.url('/slack/events'), body, 'application/x-www-form-urlencoded', { secret: SECRET });
    expect(ack.status).toBe(200);
    const question = await fake.waitFor(() => fake!.messages.find((m) => m.threadTs));
    expect(question.text).toBeTruthy();

    const sql = postgres(database.url, { max: 1, onnotice: () => undefined });
    try {
      const conversations = await sql<{ platform: string; workspace: string; channel: string; user_id: string }[]>`SELECT platform, workspace, channel, user_id FROM conversations`;
      expect(conversations).toEqual([{ platform: 'slack', workspace: 'T0PG001', channel: 'C100', user_id: 'U100' }]);
      const turns = await sql<{ text: string }[]>`SELECT text FROM turns ORDER BY seq`;
      expect(turns.map((t) => t.text)).toContain('resize images on upload, ~2s each');
      const deliveries = await sql<{ workspace: string }[]>`SELECT workspace FROM deliveries WHERE platform = 'slack'`;
      expect(deliveries.map((d) => d.workspace)).toContain('T0PG001');
    } finally {
      await sql.end();
    }

    // The database goes away under the running replica: not ready, with the reason; doctor names it too.
    await database.drop();
    const gone = await fetch(p.url('/readyz'));
    expect(gone.status).toBe(503);
    const report = (await gone.json()) as { status: string; checks: Record<string, string>; reasons: Record<string, string> };
    expect(report).toMatchObject({ status: 'not ready', checks: { database: 'not ready', 'pricing catalog': 'ok' } });
    expect(report.reasons.database).toMatch(/^Postgres at postgres:\/\/postgres@127\.0\.0\.1:\d+\/sf_test_\w+ does not answer \(.*database "sf_test_\w+" does not exist.*\)$/);
    const password = new URL(database.url).password;
    expect(JSON.stringify(report)).not.toContain(password);

    const checked = await doctor({ DATABASE_URL: database.url });
    expect(checked.lines.filter((l) => l.startsWith('PROBLEM'))).toEqual([expect.stringMatching(/^PROBLEM database: Cannot connect to Postgres at .*sf_test_\w+ \(database "sf_test_\w+" does not exist\)\. Create the database first/)]);
    expect(checked.code).toBe(1);

    p.signal('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(JSON.stringify(p.logs) + p.stderr()).not.toContain(password);
  });
});

describe('backup and loading', () => {
  it('refuses backup on Postgres with one sentence pointing at pg_dump, before connecting at all', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [SERVERLESS_FIT_BIN, 'backup', join(dir, 'copy.db')], { cwd: ROOT, env: { ...CLEAN_ENV, DATABASE_URL: 'postgres://sf:hunter2@127.0.0.1:1/sf' } });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(result.stderr).toMatch(/^Backup error: backup copies the SQLite file, and this configuration uses Postgres \(DATABASE_URL\): back it up with pg_dump instead, e\.g\. pg_dump --format=custom --file=serverless-fit\.dump "\$DATABASE_URL"/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.code).toBe(1);
    expect(existsSync(join(dir, 'copy.db'))).toBe(false);
    expect(result.stderr).not.toContain('hunter2');
  });
  it('keeps the Postgres client out of what the compiled app loads at start: it comes in only through a dynamic import', () => {
    // Static imports only (`import "./x.js"`, `import {a} from "./x.js"`), as the minified bundle writes them; import("./x.js") is dynamic.
    const staticImports = (file: string) => [...readFileSync(join(ROOT, 'dist', file), 'utf8').matchAll(/\bimport\s*(?:[{*\w][^'"();]*?from\s*)?["'](\.\/[^"']+)["']/g)].map((m) => m[1]!.slice(2));
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      staticImports(file).forEach(visit);
    };
    visit('main.js');
    expect(seen.size).toBeGreaterThan(1);
    // Which sources went into a file, from its source map (minified code names none of them).
    const hasClient = (file: string) => (JSON.parse(readFileSync(join(ROOT, 'dist', `${file}.map`), 'utf8')) as { sources: string[] }).sources.some((source) => source.endsWith('node_modules/postgres/src/index.js'));
    expect([...seen].filter(hasClient)).toEqual([]);
    // ...and it is in the build, bundled, for DATABASE_URL to load.
    expect(readdirSync(join(ROOT, 'dist')).filter((file) => file.endsWith('.js') && hasClient(file))).toHaveLength(1);
  });
});
