import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadRecordedSeries } from './fakes/aws-recorded-series.js';
import { startFakeAws, type FakeAws } from './fakes/aws-server.js';
import { CLEAN_ENV, ROOT } from './fakes/serve-process.js';
import { SERVERLESS_FIT_BIN } from '../helpers/entry-point.js';

// The entry point as a person runs it, configured by environment variables
// only: `assess --from` and `doctor` with credentials from the environment,
// from a named profile, and with none at all.

const KEY_ID = 'AKIAPROCESSKEY000001';
const SECRET = 'process/secret+never+printed';
const dir = mkdtempSync(join(tmpdir(), 'sf-aws-process-'));
let fake: FakeAws;

/** No AWS variable from the machine running the tests, no profile files, no instance metadata. */
const NO_AWS = {
  ...Object.fromEntries(Object.entries(CLEAN_ENV).filter(([k]) => !k.startsWith('AWS_'))),
  HOME: dir,
  AWS_CONFIG_FILE: join(dir, 'missing-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(dir, 'missing-credentials'),
  AWS_EC2_METADATA_DISABLED: 'true',
  SERVERLESS_FIT_DB: join(dir, 'sf.db'),
};

beforeAll(async () => {
  fake = await startFakeAws();
  loadRecordedSeries(fake, Date.now());
  writeFileSync(join(dir, 'credentials'), `[reader]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`);
  writeFileSync(join(dir, 'config'), '[profile reader]\nregion = eu-central-1\n');
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => void (fake.requests.length = 0));

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SERVERLESS_FIT_BIN, ...args], { cwd: ROOT, env: { ...NO_AWS, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const endpoints = () => ({
  AWS_ENDPOINT_URL_CLOUDWATCH: fake.url,
  AWS_ENDPOINT_URL_ECS: fake.url,
  AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: fake.url,
  AWS_ENDPOINT_URL_LAMBDA: fake.url,
  AWS_ENDPOINT_URL_STS: fake.url,
});
const keysInEnvironment = { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: 'eu-west-1' };
const namedProfile = () => ({ AWS_PROFILE: 'reader', AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') });

describe('assess --from as a process', () => {
  it.each([
    ['keys in the environment', () => keysInEnvironment, 'eu-west-1'],
    ['a named profile (AWS_PROFILE) with its own region', namedProfile, 'eu-central-1'],
  ])('%s: measured, signed for that region, nothing secret printed', async (_name, credentials, region) => {
    const { code, stdout, stderr } = await run(['assess', '--from', 'lambda:notify-api', '--json'], { ...endpoints(), ...credentials() });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { status: string; verdict: string; measured: { note: string; region: string; source: string } };
    expect(json).toMatchObject({ status: 'complete', verdict: 'fit', measured: { note: 'measured over 14 days', region, source: 'lambda:notify-api' } });
    expect(fake.requests.map((r) => r.authorization.split('/')[2])).toEqual(fake.requests.map(() => region));
    expect(`${stdout}${stderr}`).not.toContain(SECRET);
    expect(`${stdout}${stderr}`).not.toContain(KEY_ID);
  });

  it('an ECS service through the one AWS_ENDPOINT_URL: its size and cost now, its traffic from the words', async () => {
    const words = 'checkout API, 25 requests a second, 200 ms each';
    const { code, stdout, stderr } = await run(['assess', '--from', 'ecs:prod/web', '--json', words], { AWS_ENDPOINT_URL: fake.url, ...keysInEnvironment });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { status: string; workload: { description: string }; measured: { source: string; nowMonthlyUsd: number } };
    expect(json).toMatchObject({ status: 'complete', workload: { description: words }, measured: { source: 'ecs:prod/web', nowMonthlyUsd: 108.12 } });
    expect(new Set(fake.requests.map((r) => r.signedFor))).toEqual(new Set(['ecs', 'monitoring']));
  });

  it('an ALB by its plain name: looked up through its own endpoint variable, then measured by its ARN\'s end', async () => {
    const { code, stdout, stderr } = await run(['assess', '--from', 'alb:web', '--json'], { ...endpoints(), ...keysInEnvironment });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { status: string; measured: { source: string } };
    expect(json).toMatchObject({ status: 'complete', measured: { source: 'alb:app/web/50dc6c495c0c9188' } });
    expect(fake.requests.map((r) => `${r.operation}:${r.signedFor}`)[0]).toBe('DescribeLoadBalancers:elasticloadbalancing');
  });

  it('with no credentials anywhere: one sentence on stderr, nothing on stdout', async () => {
    const { code, stdout, stderr } = await run(['assess', '--from', 'lambda:notify-api', '--region', 'eu-west-1'], endpoints());
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe('No AWS credentials were found: set AWS_PROFILE to a profile from `aws configure` or `aws sso login`, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run with an instance or task role.');
    expect(code).toBe(1);
  });
});

describe('doctor and AWS', () => {
  it('with credentials: the account, principal and region they resolve to (sts:GetCallerIdentity)', async () => {
    const { code, stdout, stderr } = await run(['doctor'], { ...endpoints(), ...keysInEnvironment });
    expect(stderr).toBe('');
    expect(stdout.trim().split('\n').at(-1)).toBe('ok      AWS: credentials for account 123456789012 (arn:aws:iam::123456789012:user/reader), region eu-west-1');
    expect(fake.requests.map((r) => `${r.operation}:${r.signedFor}`)).toEqual(['GetCallerIdentity:sts']);
    expect(stdout).not.toContain(SECRET);
    expect(code).toBe(0);
  });

  it('without AWS configured: a skip line, and doctor still passes', async () => {
    const { code, stdout } = await run(['doctor'], {});
    expect(stdout.trim().split('\n').at(-1)).toBe('skip    AWS: no credentials found (only assess --from needs them: set AWS_PROFILE, or run with an instance or task role)');
    expect(code).toBe(0);
  });
});
