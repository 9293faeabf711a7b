import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SERVERLESS_FIT_BIN } from '../helpers/entry-point.js';

// The JSON interface as a script calls it: `serverless-fit assess --json`, a
// spawned process on a temp database, for a few classes of advice (every class
// is in test/unit/advice-json.test.ts, through the same code in-process).

const dir = mkdtempSync(join(tmpdir(), 'serverless-fit-advice-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = promisify(execFile);
const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK|DISCORD|SERVERLESS_FIT|PORT)/.test(k)));

const CASES = {
  connections: ['--assume-defaults', 'chat backend on websockets, 20k concurrent users, each sends a message every 30s'],
  batch: ['--assume-defaults', 'nightly ML training job, 6 hours, 8 GB of RAM'],
  negative: ['REST API, -100 rps, 100 ms'],
} as const;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed JSON read field by field in the tests
const out: Partial<Record<keyof typeof CASES, Json>> = {};

beforeAll(async () => {
  const names = Object.keys(CASES) as (keyof typeof CASES)[];
  const queue = [...names];
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      const args = [SERVERLESS_FIT_BIN, 'assess', '--json', ...CASES[name]];
      const options = { cwd: ROOT, env: { ...CLEAN_ENV, SERVERLESS_FIT_DB: join(dir, `${name}.db`), NO_COLOR: '1' }, timeout: 120_000 };
      // needs_input exits 3 with its JSON on stdout; any other failure fails the test.
      const stdout = await run(process.execPath, args, options).then(
        (r) => r.stdout,
        (error: { code?: number; stdout?: string }) => {
          if (error.code === 3 && error.stdout) return error.stdout;
          throw error;
        },
      );
      out[name] = JSON.parse(stdout) as Json;
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}, 300_000);

const get = (name: keyof typeof CASES): Json => out[name] as Json;
const cost = (json: Json, platform: string): Json => json.costs.find((c: Json) => c.platform === platform);

describe('assess --json as a spawned process', () => {
  it('prices held connections by connection-minutes and messages, servers in hundreds', () => {
    const j = get('connections');
    expect(j).toMatchObject({ status: 'complete', verdict: 'avoid', workload: { connections: { concurrent: 20_000, kind: 'websocket', messagesPerMinute: 2 } } });
    expect(j.connections).toMatchObject({ concurrent: 20_000, connectionMinutesPerMonth: 876e6 });
    expect(cost(j, j.platformId).monthlyUsd).toBeLessThan(1000);
  });

  it('prices a job per run on AWS Batch, with its lines', () => {
    const j = get('batch');
    expect(j).toMatchObject({ verdict: 'avoid', platform: 'AWS Batch', platformId: 'aws-batch', jobs: { hoursPerRun: 6 } });
    expect(cost(j, 'aws-batch').lines.length).toBeGreaterThan(0);
  });

  it('refuses a negative rate with the reason instead of reading it as positive', () => {
    const j = get('negative');
    expect(j).toMatchObject({ status: 'needs_input', hint: expect.stringMatching(/"-100 rps": a figure cannot be negative/) });
    expect(j.questions[0].id).toBe('traffic');
  });
});
