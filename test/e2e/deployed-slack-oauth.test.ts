import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCheckLine, runDoctor } from '../../src/ops/doctor.js';
import { spawnServe, startServe, stopNow, type ServeProcess } from './fakes/serve-process.js';
import { commandFrom, installThroughBrowser, uninstallFrom } from './fakes/slack-install.js';
import { startFakeSlackWebApi, type FakeSlackWebApi } from './fakes/slack-web-api.js';

// Installed in many workspaces, as deployed: `serverless-fit serve` spawned
// with environment variables only (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET,
// SLACK_STATE_SECRET, SLACK_SIGNING_SECRET) against the fake Slack; a
// browser installs two workspaces through /slack/install, each one's command
// is answered with its own token, one is uninstalled and stops being served.

const SECRET = '0123456789abcdef0123456789abcdef';

let fake: FakeSlackWebApi;
let serve: ServeProcess;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sf-deployed-slack-oauth-'));
  fake = await startFakeSlackWebApi();
  serve = await spawnServe({
    env: {
      SLACK_CLIENT_ID: fake.oauth.app.clientId,
      SLACK_CLIENT_SECRET: fake.oauth.app.clientSecret,
      SLACK_STATE_SECRET: 'deployed-state-secret-0123456789',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      SERVERLESS_FIT_DB: join(dir, 'serverless-fit.db'),
    },
  });
  fake.oauth.app.redirectUrl = serve.url('/slack/oauth_redirect');
});

afterAll(async () => {
  if (serve) {
    serve.signal('SIGTERM');
    await serve.exited;
  }
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('serve, installed in many workspaces (OAuth mode)', () => {
  it('installs two workspaces, answers each with its own token, and stops serving the one that uninstalled', async () => {
    expect(serve.logs.find((l) => l.msg === 'ready')?.platforms).toEqual([expect.stringContaining('/slack/install')]);
    for (const workspace of [{ team: 'T-DEPLOY-A', name: 'Alpha' }, { team: 'T-DEPLOY-B', name: 'Beta' }]) {
      const install = await installThroughBrowser(serve.url(''), fake, workspace);
      expect(install.page.html).toContain(`installed in ${workspace.name}`);
    }
    const token = (team: string) => [...fake.oauth.tokens].find(([, w]) => w.team === team)?.[0];
    for (const [team, channel] of [['T-DEPLOY-A', 'C-A'], ['T-DEPLOY-B', 'C-B']]) {
      expect((await commandFrom(serve.url('/slack/events'), SECRET, fake, team!, channel!, 'resize images on upload, 3000 a day, 1 s each')).status).toBe(200);
      const posted = await fake.waitFor(() => fake.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === channel), 15_000);
      expect(posted.token).toBe(token(team!));
    }

    expect((await uninstallFrom(serve.url('/slack/events'), SECRET, fake, 'T-DEPLOY-A')).status).toBe(200);
    await serve.waitForLog((l) => String(l.msg).startsWith('slack: uninstalled: tokens deleted') && l.workspace === 'T-DEPLOY-A');
    const before = fake.calls.length;
    await commandFrom(serve.url('/slack/events'), SECRET, fake, 'T-DEPLOY-A', 'C-A', 'nightly cleanup, 3 minutes');
    await fake.waitFor(() => fake.responses.find((r) => String(r.body.text).includes('no longer installed')), 15_000);
    expect(fake.calls.slice(before).filter((c) => c.token === token('T-DEPLOY-A'))).toEqual([]);
    // Tokens never reach the log.
    expect(JSON.stringify(serve.logs)).not.toContain(token('T-DEPLOY-B'));
  });
});

describe('a half-set OAuth configuration', () => {
  it('stops serve with exit code 2 and one line naming the missing variable', async () => {
    const half = startServe({ env: { SLACK_CLIENT_ID: '1111111111.2222222222', SLACK_STATE_SECRET: 'deployed-state-secret-0123456789', SLACK_SIGNING_SECRET: SECRET, PORT: '0', SERVERLESS_FIT_DB: join(dir, 'half.db') } });
    try {
      expect(await half.exited).toBe(2);
      expect(half.stderr().trim().split('\n')).toEqual([expect.stringMatching(/^Configuration error: SLACK_CLIENT_SECRET is missing: /)]);
    } finally {
      stopNow(half);
    }
  });
});

describe('doctor, installed in many workspaces', () => {
  it.each([
    ['the client Slack knows', () => fake.oauth.app.clientSecret, /^ok {6}Slack: oauth\.v2\.access knows the client id and secret/],
    ['a client secret Slack refuses', () => 'ffffffffffffffffffffffffffffffff', /^PROBLEM Slack: oauth\.v2\.access refused the app's credentials \(bad_client_secret\): copy SLACK_CLIENT_ID and SLACK_CLIENT_SECRET again/],
  ])('%s: one line about it, and nothing installed', async (_what, secret, expected) => {
    const env = { SLACK_CLIENT_ID: fake.oauth.app.clientId, SLACK_CLIENT_SECRET: secret(), SLACK_STATE_SECRET: 'deployed-state-secret-0123456789', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, SERVERLESS_FIT_DB: join(dir, 'doctor.db') };
    const exchanged = () => fake.calls.filter((c) => c.method === 'oauth.v2.access' && c.ok).length;
    const before = exchanged();
    const lines = (await runDoctor({ env, fetch, now: new Date() })).map(formatCheckLine);
    expect(lines.filter((l) => l.includes('Slack:'))).toEqual([expect.stringMatching(expected)]);
    expect(exchanged()).toBe(before);
  });
});
