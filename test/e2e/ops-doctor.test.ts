import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatCheckLine, runDoctor } from '../../src/ops/doctor.js';
import { startFakeDiscord } from './fakes/discord-server.js';
import { startFakeSlackWebApi } from './fakes/slack-web-api.js';
import { CLEAN_ENV, ROOT } from './fakes/serve-process.js';
import { SERVERLESS_FIT_BIN } from '../helpers/entry-point.js';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { openPostgres } from '../../src/store/postgres/open-postgres.js';
import { describePostgres, freshPostgresDatabase } from '../helpers/postgres.js';

// `serverless-fit doctor` as an operator runs it: one line per check, a
// non-zero exit when anything is wrong, Slack and Discord asked for real
// (auth.test, GET /users/@me) on the fakes.

const SECRET = '0123456789abcdef0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'sf-ops-doctor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** AWS is not configured here (test/e2e/aws-process.test.ts covers it); no instance metadata is probed. */
const NO_AWS = { AWS_CONFIG_FILE: join(dir, 'no-aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-aws-credentials'), AWS_EC2_METADATA_DISABLED: 'true' };

/** Async, so the fakes in this process can answer while doctor runs. */
function doctor(env: Record<string, string>): Promise<{ code: number | null; lines: string[]; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SERVERLESS_FIT_BIN, 'doctor'], {
      cwd: ROOT,
      env: { ...CLEAN_ENV, ...NO_AWS, SERVERLESS_FIT_DB: join(dir, 'doctor.db'), ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => resolve({ code, lines: out.trim().split('\n'), stderr: err }));
  });
}

describe('doctor', () => {
  it('with no tokens: configuration, catalog and database are checked, the platforms skipped, exit 0', async () => {
    const { code, lines, stderr } = await doctor({});
    expect(stderr).toBe('');
    expect(lines).toEqual([
      'ok      configuration: Slack off; Discord off; chat kept until deleted',
      expect.stringMatching(/^ok {6}pricing catalog: .*catalog\.json, version .+, prices as of \d{4}-\d{2}-\d{2}/),
      expect.stringMatching(/^ok {6}database: .*doctor\.db, schema \d+, 0 conversations, writable$/),
      'skip    Slack: not configured (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to serve Slack)',
      'skip    Discord: not configured (set DISCORD_TOKEN to serve Discord)',
      'skip    AWS: no credentials found (only assess --from needs them: set AWS_PROFILE, or run with an instance or task role)',
    ]);
    expect(code).toBe(0);
  });

  it('with tokens the fakes accept: Slack and Discord answer', async () => {
    const slack = await startFakeSlackWebApi();
    const discord = await startFakeDiscord();
    try {
      const { code, lines } = await doctor({
        SLACK_BOT_TOKEN: 'xoxb-1-2-3',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.apiUrl,
        RETENTION_DAYS: '90',
      });
      expect(lines[0]).toBe('ok      configuration: Slack over HTTP on port 3000; Discord on; chat kept 90 days');
      expect(lines.slice(3, 5)).toEqual([
        'ok      Slack: auth.test answered: bot "serverless-fit" in workspace T0000001',
        'ok      Discord: GET /users/@me answered: bot "serverless-fit" (900000000000000001)',
      ]);
      expect(code).toBe(0);
      expect(slack.callsTo('auth.test')).toHaveLength(1);
      expect(discord.calls.find((c) => c.path === '/users/@me')?.authorization).toBe(`Bot ${discord.token}`);
    } finally {
      await slack.close();
      await discord.close();
    }
  });

  it.each([
    ['a Slack token Slack refuses', 'slack-refuses', /^PROBLEM Slack: auth\.test refused the bot token \(invalid_auth\): copy the Bot User OAuth Token/],
    ['a Discord token Discord refuses', 'discord-refuses', /^PROBLEM Discord: GET \/users\/@me answered HTTP 401: the token is wrong or was reset/],
    ['Slack unreachable', 'slack-down', /^PROBLEM Slack: could not reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/],
  ])('%s: one PROBLEM line saying what to do', async (_name, scenario, expected) => {
    const slack = await startFakeSlackWebApi();
    const discord = await startFakeDiscord();
    try {
      let env: Record<string, string>;
      if (scenario === 'slack-refuses') {
        slack.failNext('auth.test', { error: 'invalid_auth' });
        env = { SLACK_BOT_TOKEN: 'xoxb-revoked', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl };
      } else if (scenario === 'discord-refuses') {
        env = { DISCORD_TOKEN: 'not-the-token', DISCORD_API_URL: discord.apiUrl };
      } else {
        const url = slack.apiUrl;
        await slack.close();
        env = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: url };
      }
      const lines = (await runDoctor({ env: { SERVERLESS_FIT_DB: join(dir, 'in-process.db'), ...env }, fetch, now: new Date() })).map(formatCheckLine);
      expect(lines.filter((l) => l.startsWith('PROBLEM'))).toEqual([expect.stringMatching(expected)]);
    } finally {
      await slack.close().catch(() => undefined);
      await discord.close();
    }
  });

  it.each([
    ['bad configuration', { PORT: 'eighty' }, /^PROBLEM configuration: PORT must be a port number/],
    ['an unknown log level', { LOG_LEVEL: 'verbose' }, /^PROBLEM configuration: LOG_LEVEL must be one of info, warn, error/],
    ['a malformed AWS_REGION', { AWS_REGION: 'Ireland' }, /^PROBLEM configuration: AWS_REGION must be a region code, e.g. eu-west-1$/],
    ['a broken pricing file', { SERVERLESS_FIT_PRICING: join(dir, 'broken.json') }, /^PROBLEM pricing catalog: .*broken\.json: not valid JSON.*unset SERVERLESS_FIT_PRICING/],
    ['a database that is not SQLite', { SERVERLESS_FIT_DB: join(dir, 'garbage.db') }, /^PROBLEM database: .*garbage\.db" is not a usable SQLite database/],
  ])('%s: one PROBLEM line', async (_name, env, expected) => {
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    writeFileSync(join(dir, 'garbage.db'), 'not a database '.repeat(300));
    const lines = (await runDoctor({ env: { SERVERLESS_FIT_DB: join(dir, 'in-process.db'), ...env }, fetch, now: new Date() })).map(formatCheckLine);
    expect(lines.filter((l) => l.startsWith('PROBLEM'))).toEqual([expect.stringMatching(expected)]);
  });

  it('exits 1 when a check fails', async () => {
    const { code, lines } = await doctor({ SERVERLESS_FIT_PRICING: join(dir, 'missing.json') });
    expect(lines.filter((l) => l.startsWith('PROBLEM'))).toEqual([expect.stringMatching(/^PROBLEM pricing catalog: .*missing\.json: file not found/)]);
    expect(code).toBe(1);
  });
});

describePostgres('doctor on Postgres (DATABASE_URL)', () => {
  const databaseLine = async (env: Record<string, string>) => {
    const lines = (await runDoctor({ env: { ...NO_AWS, ...env }, fetch, now: new Date() })).map(formatCheckLine);
    return lines.find((line) => / database: /.test(line));
  };

  it('reports reachable, the schema against this build, the round trip in ms; never migrates; names a missing database', async () => {
    const fresh = await freshPostgresDatabase();
    const password = new URL(fresh.url).password;
    try {
      const redacted = fresh.url.replace(`:${password}@`, '@');
      const before = await databaseLine({ DATABASE_URL: fresh.url, SERVERLESS_FIT_DB: join(dir, 'ignored.db') });
      expect(before).toBe(`ok      database: Postgres at ${redacted}, schema 0 of ${POSTGRES_MIGRATIONS.length} (serve migrates it at start), round trip ${before?.match(/round trip ([\d.]+) ms/)?.[1]} ms`);
      expect(before).toMatch(/round trip \d+(\.\d)? ms$/);
      // doctor only looked: the database is still empty.
      expect(await databaseLine({ DATABASE_URL: fresh.url })).toMatch(/schema 0 of/);

      await (await openPostgres(fresh.url)).close();
      expect(await databaseLine({ DATABASE_URL: fresh.url })).toMatch(new RegExp(`^ok {6}database: Postgres at .*, schema ${POSTGRES_MIGRATIONS.length} \\(current\\), round trip [\\d.]+ ms, 0 conversations$`));

      await fresh.drop();
      const gone = await databaseLine({ DATABASE_URL: fresh.url });
      expect(gone).toMatch(/^PROBLEM database: Cannot connect to Postgres at .* \(database "sf_test_\w+" does not exist\)\. Create the database first/);
      expect(gone).not.toContain(password);
    } finally {
      await fresh.drop();
    }
  });

  it('an unreachable server is one PROBLEM line naming the host, without the password', async () => {
    const line = await databaseLine({ DATABASE_URL: 'postgres://sf:hunter2@127.0.0.1:1/sf' });
    expect(line).toMatch(/^PROBLEM database: Cannot connect to Postgres at postgres:\/\/sf@127\.0\.0\.1:1\/sf \(.*\)\. Check that the server is running and that the host and port in DATABASE_URL are right\.$/);
    expect(line).not.toContain('hunter2');
  });
});
