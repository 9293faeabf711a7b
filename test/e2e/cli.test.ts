import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-harness.js';

// The terminal front end as a user runs it: a spawned process, stdin piped,
// SQLite on a temp file, then the rows checked.

const dir = mkdtempSync(join(tmpdir(), 'serverless-fit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input = '', env: Record<string, string> = {}) {
  return runCli(join(dir, 'cli.db'), args, input, env);
}

describe('terminal chat (piped stdin)', () => {
  it('walks a whole conversation and saves every turn', () => {
    const dbPath = join(dir, 'chat.db');
    const lines = ['resize images when they are uploaded', '3000 a day', '2 seconds', 'none', 'what if traffic is 10x', 'quit'];
    const { code, out, err } = run([], `${lines.join('\n')}\n`, { SERVERLESS_FIT_DB: dbPath });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/How much traffic/);
    expect(out).toMatch(/How long does one run take/);
    expect(out).toMatch(/\[FIT\] Fit: run it on AWS Lambda/);
    expect(out).toMatch(/What changed/);

    const db = new Database(dbPath, { readonly: true });
    try {
      const conversations = db.prepare('select * from conversations').all() as { status: string; platform: string }[];
      expect(conversations).toHaveLength(1);
      expect(conversations[0]).toMatchObject({ status: 'complete', platform: 'cli' });
      const turns = db.prepare('select role, kind, text from turns order by seq').all() as { role: string; kind: string; text: string }[];
      expect(turns.map((t) => `${t.role}:${t.kind}`)).toEqual([
        'user:message', 'bot:question', 'user:answer', 'bot:question', 'user:answer', 'bot:question', 'user:answer', 'bot:card', 'user:message', 'bot:card',
      ]);
      expect(turns[0]?.text).toBe('resize images when they are uploaded');
      const assessments = db.prepare('select verdict, reassessment from assessments').all();
      expect(assessments).toHaveLength(2);
    } finally {
      db.close();
    }
  });

  it('picks a numbered choice', () => {
    const { out } = run([], 'webhook from Stripe\n2\n1\n1\nquit\n', { SERVERLESS_FIT_DB: join(dir, 'numbered.db') });
    expect(out).toMatch(/Fit: run it on AWS Lambda/);
  });
});

describe('assess for scripts', () => {
  it('prints the public JSON shape when complete', () => {
    const { code, out } = run(['assess', '--json', 'REST API, 1000 rps 24/7, 100 ms, 1 GB, calls Postgres, no state, p99 300 ms, 40 MB package']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.status).toBe('complete');
    expect(json.verdict).toBe('avoid');
    expect(json.workload).toMatchObject({ averageRps: 1000, peakRps: 1000, durationMs: 100, memoryMb: 1024 });
    expect(json.costs.map((c: { platform: string }) => c.platform).sort()).toEqual(
      ['aws-ec2', 'aws-fargate', 'aws-lambda', 'azure-functions', 'cloudflare-workers', 'gcp-cloud-run-functions'],
    );
    const lambda = json.costs.find((c: { platform: string }) => c.platform === 'aws-lambda');
    expect(lambda.lines.length).toBeGreaterThan(1);
    expect(json.reasons[0]).toHaveProperty('rule');
    expect(json.breakEven).toHaveProperty('averageRps');
  });

  it('lists the open questions when input is missing, with exit code 3', () => {
    const { code, out } = run(['assess', '--json', 'a webhook for our CRM']);
    expect(code).toBe(3);
    const json = JSON.parse(out);
    expect(json.status).toBe('needs_input');
    expect(json.questions.map((q: { id: string }) => q.id)).toEqual(['traffic', 'duration', 'constraints']);
  });

  it('completes with --assume-defaults and states the defaults', () => {
    const { out } = run(['assess', '--json', '--assume-defaults', 'a webhook for our CRM']);
    const json = JSON.parse(out);
    expect(json.status).toBe('complete');
    expect(json.assumptions.join('\n')).toMatch(/10,000 requests a day/);
  });

  it('writes the chart PNG', () => {
    const png = join(dir, 'chart.png');
    const { code } = run(['assess', '--assume-defaults', '--chart', png, 'resize images on upload, 2 s, 3000 a day']);
    expect(code).toBe(0);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('bad configuration gets one clear line', () => {
  it.each([
    [{ SLACK_BOT_TOKEN: 'not-a-token', SLACK_SIGNING_SECRET: 'abcdef0123456789' }, /SLACK_BOT_TOKEN must be a bot token starting with xoxb-/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1-2-3' }, /SLACK_SIGNING_SECRET is missing/],
    [{ PORT: 'eighty' }, /PORT must be a port number/],
    [{ SERVERLESS_FIT_PRICING: '/nonexistent/catalog.json' }, /Pricing catalog error: .*nonexistent\/catalog\.json/],
  ])('%o', (env, message) => {
    const { code, err } = run(['history'], '', env as Record<string, string>);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('reports a corrupt pricing file by field', () => {
    const file = join(dir, 'bad-catalog.json');
    writeFileSync(file, JSON.stringify({ version: 'x' }));
    const { code, err } = run(['pricing'], '', { SERVERLESS_FIT_PRICING: file });
    expect(code).toBe(2);
    expect(err).toMatch(/bad-catalog\.json/);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('reports a database file that is not SQLite', () => {
    const file = join(dir, 'garbage.db');
    writeFileSync(file, 'hello, this is not a database at all'.repeat(100));
    const { code, err } = run(['history'], '', { SERVERLESS_FIT_DB: file });
    expect(code).toBe(2);
    expect(err).toMatch(/garbage\.db/);
    expect(err).not.toMatch(/\n\s+at /);
  });
});
