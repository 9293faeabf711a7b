import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, NOT_INSTALLED, type SlackAdapter } from '../../src/adapters/slack/app.js';
import { createAdvisor } from '../../src/core/advisor.js';
import type { InstallationStore } from '../../src/core/ports.js';
import { createMemoryLogger } from '../../src/logger.js';
import { createErasureService } from '../../src/ops/erasure-service.js';
import { openDatabase, type Database } from '../../src/store/open-database.js';
import { createSqliteConversationStore } from '../../src/store/sqlite-conversation-store.js';
import { createSqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';
import { createSqliteInstallationStore } from '../../src/store/sqlite-installations.js';
import { createSqliteReviewStore } from '../../src/store/sqlite-review-store.js';
import { createSqliteWorkspaceSettings } from '../../src/store/sqlite-workspace-settings.js';
import { loadCatalog } from './fakes/slack-harness.js';
import { freePort } from './fakes/serve-process.js';
import { commandFrom, installThroughBrowser, openPage, uninstallFrom } from './fakes/slack-install.js';
import type { FakeWorkspace } from './fakes/slack-oauth.js';
import { startFakeSlackWebApi, type FakeSlackWebApi } from './fakes/slack-web-api.js';

// Installed in many workspaces: the real Bolt app over HTTP in OAuth mode,
// installed by a browser walking the real redirects against the fake Slack
// (authorize page, oauth.v2.access), commands from two workspaces answered
// each with its own token, then one uninstalled: its tokens are gone at once,
// its people are told (never with a dead token), the other goes on, and after
// the grace period (an injected clock, no sleeping) only its data is erased.

const SECRET = 'oauth-test-signing-secret';
const ACME: FakeWorkspace = { team: 'T-ACME', name: 'Acme', installer: 'U-ann' };
const GLOBEX: FakeWorkspace = { team: 'T-GLOBEX', name: 'Globex', installer: 'U-hank' };
const DAY_MS = 24 * 60 * 60 * 1000;

interface Running {
  fake: FakeSlackWebApi;
  db: Database;
  installations: InstallationStore;
  adapter: SlackAdapter;
  base: string;
  events: string;
  close(): Promise<void>;
}

let running: Running | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

async function start(options: { redirectUri?: (base: string) => string } = {}): Promise<Running> {
  const fake = await startFakeSlackWebApi();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slack-oauth-e2e-'));
  const db = openDatabase(path.join(dir, 'serverless-fit.db'));
  const store = createSqliteConversationStore(db);
  const reviews = createSqliteReviewStore(db);
  const installations = createSqliteInstallationStore(db);
  const port = await freePort();
  const advisor = createAdvisor({ store, catalog: loadCatalog(), clock: { now: () => new Date() }, newId: () => crypto.randomUUID(), reviews, settings: createSqliteWorkspaceSettings(db) });
  const adapter = createSlackAdapter({
    advisor,
    store,
    reviews,
    installations,
    ledger: createSqliteDeliveryLedger(db),
    logger: createMemoryLogger(),
    retry: { attempts: 2, maxWaitMs: 50 },
    config: {
      oauth: {
        clientId: fake.oauth.app.clientId,
        clientSecret: fake.oauth.app.clientSecret,
        stateSecret: 'a-state-secret-of-enough-length',
        ...(options.redirectUri ? { redirectUri: options.redirectUri(`http://127.0.0.1:${port}`) } : {}),
      },
      signingSecret: SECRET,
      port,
      apiUrl: fake.apiUrl,
    },
  });
  await adapter.start();
  const base = `http://127.0.0.1:${port}`;
  fake.oauth.app.redirectUrl = `${base}/slack/oauth_redirect`;
  return {
    fake,
    db,
    installations,
    adapter,
    base,
    events: `${base}/slack/events`,
    close: async () => {
      // As serve stops: no new work, the work already taken finishes, then the port and the file close.
      adapter.stopIntake();
      await adapter.drain(Date.now() + 10_000);
      await adapter.stop().catch(() => undefined);
      db.close();
      await fake.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The token Slack issued to a workspace's install. */
function tokenOf(fake: FakeSlackWebApi, team: string): string {
  const token = [...fake.oauth.tokens].find(([, w]) => w.team === team)?.[0];
  if (!token) throw new Error(`no token issued for ${team}`);
  return token;
}

/** A command's answer: the first message the bot posts in that channel, with the token it used. */
async function answerIn(r: Running, channel: string, after = 0) {
  return r.fake.waitFor(() => r.fake.calls.slice(after).find((c) => c.method === 'chat.postMessage' && c.args.channel === channel && c.ok), 10_000);
}

const count = (db: Database, table: string, workspace: string) => (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE workspace = ?`).get(workspace) as { n: number }).n;

describe('installing in many workspaces through OAuth', () => {
  it('two installs, commands from both, one uninstalled: its tokens go at once, the other keeps working, only its data is erased after the grace period', async () => {
    const r = (running = await start());
    for (const workspace of [ACME, GLOBEX]) {
      const install = await installThroughBrowser(r.base, r.fake, workspace);
      expect(install.authorizeUrl.searchParams.get('client_id')).toBe(r.fake.oauth.app.clientId);
      expect(install.authorizeUrl.searchParams.get('scope')).toContain('commands');
      expect(install.page.status).toBe(200);
      expect(install.page.html).toContain(`installed in ${workspace.name}`);
    }
    const [acmeToken, globexToken] = [tokenOf(r.fake, ACME.team), tokenOf(r.fake, GLOBEX.team)];
    expect(acmeToken).not.toBe(globexToken);

    for (const [workspace, channel] of [[ACME, 'C-ACME'], [GLOBEX, 'C-GLOBEX']] as const) {
      expect((await commandFrom(r.events, SECRET, r.fake, workspace.team, channel, 'resize images on upload, 3000 a day, 1 s each')).status).toBe(200);
      await answerIn(r, channel);
    }
    // No query crosses workspaces: every call about a workspace's channel carried that workspace's token, and only it.
    const tokensUsedIn = (channel: string) => [...new Set(r.fake.calls.filter((c) => c.args.channel === channel).map((c) => c.token))];
    expect(tokensUsedIn('C-ACME')).toEqual([acmeToken]);
    expect(tokensUsedIn('C-GLOBEX')).toEqual([globexToken]);
    // The root message goes out before the conversation is saved under it: wait for the save, not just the post.
    await r.fake.waitFor(() => count(r.db, 'conversations', ACME.team) === 1 && count(r.db, 'conversations', GLOBEX.team) === 1, 10_000).catch(() => undefined);
    expect([count(r.db, 'conversations', ACME.team), count(r.db, 'conversations', GLOBEX.team)]).toEqual([1, 1]);

    const uninstalledAt = new Date();
    expect((await uninstallFrom(r.events, SECRET, r.fake, ACME.team)).status).toBe(200);
    expect(await r.installations.find('slack', ACME.team, null)).toBeNull();
    expect(r.db.prepare('SELECT count(*) AS n FROM installations WHERE bot_token = ?').get(acmeToken)).toEqual({ n: 0 });

    // A command still reaching the app from there is answered once, privately, through its response_url; nothing goes out with the dead token.
    const callsBefore = r.fake.calls.length;
    expect((await commandFrom(r.events, SECRET, r.fake, ACME.team, 'C-ACME', 'nightly cleanup, 3 minutes')).status).toBe(200);
    const told = await r.fake.waitFor(() => r.fake.responses.find((x) => String(x.body.text).includes('no longer installed')), 10_000);
    expect(told.body.text).toContain(NOT_INSTALLED);
    // The other workspace keeps working, with its own token.
    expect((await commandFrom(r.events, SECRET, r.fake, GLOBEX.team, 'C-GLOBEX', 'nightly cleanup, 3 minutes')).status).toBe(200);
    expect((await answerIn(r, 'C-GLOBEX', callsBefore)).token).toBe(globexToken);
    await r.fake.waitFor(() => count(r.db, 'conversations', GLOBEX.team) === 2, 10_000).catch(() => undefined);
    expect(r.fake.calls.slice(callsBefore).filter((c) => c.token === acmeToken || c.args.channel === 'C-ACME')).toEqual([]);
    expect(r.fake.responses.filter((x) => String(x.body.text).includes('no longer installed'))).toHaveLength(1);

    // The grace period: kept through day 29, erased (Acme's only) after day 30.
    const sweepAt = (days: number) => createErasureService(r.installations, 30, createMemoryLogger(), () => new Date(uninstalledAt.getTime() + days * DAY_MS)).sweep();
    expect(await sweepAt(29)).toBe(0);
    expect(count(r.db, 'conversations', ACME.team)).toBe(1);
    expect(await sweepAt(31)).toBe(1);
    expect([count(r.db, 'conversations', ACME.team), count(r.db, 'deliveries', ACME.team)]).toEqual([0, 0]);
    expect([count(r.db, 'conversations', GLOBEX.team), count(r.db, 'installations', GLOBEX.team)]).toEqual([2, 1]);
  });

  it('a reinstall within the grace period cancels the erasure: the workspace keeps its data and works with its new token', async () => {
    const r = (running = await start());
    await installThroughBrowser(r.base, r.fake, ACME);
    await commandFrom(r.events, SECRET, r.fake, ACME.team, 'C-ACME', 'resize images on upload, 3000 a day, 1 s each');
    await answerIn(r, 'C-ACME');
    const uninstalledAt = new Date();
    await uninstallFrom(r.events, SECRET, r.fake, ACME.team);
    await installThroughBrowser(r.base, r.fake, ACME);
    const fresh = [...r.fake.oauth.tokens.keys()].find((t) => !r.fake.oauth.revoked.has(t));
    expect(await createErasureService(r.installations, 30, createMemoryLogger(), () => new Date(uninstalledAt.getTime() + 40 * DAY_MS)).sweep()).toBe(0);
    expect(count(r.db, 'conversations', ACME.team)).toBe(1);
    const callsBefore = r.fake.calls.length;
    await commandFrom(r.events, SECRET, r.fake, ACME.team, 'C-ACME', 'nightly cleanup, 3 minutes');
    expect((await answerIn(r, 'C-ACME', callsBefore)).token).toBe(fresh);
  });

  interface Callback {
    callbackUrl: URL;
    cookie: string;
  }
  it.each<[string, (c: Callback) => URL, (c: Callback) => string]>([
    ['a state this app never issued', (c) => withState(c.callbackUrl, 'forged.state'), () => 'slack-app-oauth-state=forged.state'],
    ['the state cookie of another browser', (c) => c.callbackUrl, () => 'slack-app-oauth-state=someone-else'],
    ['no state at all', (c) => withState(c.callbackUrl, null), (c) => c.cookie],
  ])('an install callback with %s gets a page saying so, and installs nothing', async (_what, url, cookie) => {
    const r = (running = await start());
    r.fake.oauth.nextInstall = ACME;
    const startPage = await fetch(`${r.base}/slack/install`, { redirect: 'manual' });
    const back = await fetch(new URL(startPage.headers.get('location') ?? ''), { redirect: 'manual' });
    const callback: Callback = { callbackUrl: new URL(back.headers.get('location') ?? ''), cookie: (startPage.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
    const page = await openPage(url(callback), cookie(callback));
    expect(page.status).toBe(400);
    expect(page.html).toContain('This install link cannot be used');
    expect(page.html).not.toMatch(/at \S+\.(js|ts):\d+|Error:/);
    expect(r.fake.callsTo('oauth.v2.access')).toEqual([]);
    expect(await r.installations.find('slack', ACME.team, null)).toBeNull();
  });

  it('a replayed callback (the same code, state and cookie again) is refused once the install has used its state', async () => {
    const r = (running = await start());
    const install = await installThroughBrowser(r.base, r.fake, ACME);
    expect(install.page.status).toBe(200);
    const replay = await openPage(install.callbackUrl, install.cookie);
    expect(replay.status).toBe(400);
    expect(replay.html).toContain('already used');
    expect(r.fake.callsTo('oauth.v2.access')).toHaveLength(1);
  });

  it('names the configured redirect URL (SLACK_REDIRECT_URI) in the authorize URL and again in the code exchange', async () => {
    const r = (running = await start({ redirectUri: (base) => `${base}/slack/oauth_redirect` }));
    const install = await installThroughBrowser(r.base, r.fake, ACME);
    expect(install.authorizeUrl.searchParams.get('redirect_uri')).toBe(`${r.base}/slack/oauth_redirect`);
    expect(install.page.html).toContain('installed in Acme');
    expect(r.fake.callsTo('oauth.v2.access').map((c) => c.args.redirect_uri)).toEqual([`${r.base}/slack/oauth_redirect`]);
  });

  it('a cancelled install says so and installs nothing', async () => {
    const r = (running = await start());
    const install = await installThroughBrowser(r.base, r.fake, null);
    expect(install.page.html).toContain('The install was cancelled');
    expect(r.db.prepare('SELECT count(*) AS n FROM installations').get()).toEqual({ n: 0 });
  });
});

function withState(url: URL, state: string | null): URL {
  const copy = new URL(url);
  if (state === null) copy.searchParams.delete('state');
  else copy.searchParams.set('state', state);
  return copy;
}
