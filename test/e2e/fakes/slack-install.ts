import crypto from 'node:crypto';
import type { FakeWorkspace } from './slack-oauth.js';
import { eventCallbackBody, postToSlackApp, slashCommandBody, type SlackResponse } from './slack-requests.js';
import type { FakeSlackWebApi } from './slack-web-api.js';

// A browser installing the app, step by step over real HTTP: open the app's
// /slack/install, follow its redirect to Slack's authorize page (the fake
// grants `workspace`), follow Slack's redirect back to /slack/oauth_redirect
// with the code, the state and the state cookie the app set. Every hop is
// kept so a test can replay or forge one.

export interface BrowserInstall {
  /** Where /slack/install sent the browser (Slack's authorize page, with client_id, scope, state). */
  authorizeUrl: URL;
  /** The state cookie the app set, as the browser sends it back. */
  cookie: string;
  /** Where Slack sent the browser back (the app's redirect URL with code and state). */
  callbackUrl: URL;
  /** The page the app answered the callback with. */
  page: { status: number; html: string };
}

export async function installThroughBrowser(appBase: string, fake: FakeSlackWebApi, workspace: FakeWorkspace | null): Promise<BrowserInstall> {
  fake.oauth.nextInstall = workspace;
  const start = await fetch(`${appBase}/slack/install`, { redirect: 'manual' });
  if (start.status !== 302) throw new Error(`/slack/install answered ${start.status}: ${await start.text()}`);
  const authorizeUrl = new URL(start.headers.get('location') ?? '');
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const slack = await fetch(authorizeUrl, { redirect: 'manual' });
  const callbackUrl = new URL(slack.headers.get('location') ?? '');
  const page = await openPage(callbackUrl, cookie);
  return { authorizeUrl, cookie, callbackUrl, page };
}

/** GET a page as a browser with `cookie` would. */
export async function openPage(url: URL | string, cookie: string): Promise<{ status: number; html: string }> {
  const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  return { status: response.status, html: await response.text() };
}

/** A signed slash command from `team`, its response_url on the fake. */
export function commandFrom(eventsUrl: string, secret: string, fake: FakeSlackWebApi, team: string, channel: string, text: string): Promise<SlackResponse> {
  const body = slashCommandBody({ text, team, channel, user: 'U-person', responseUrl: fake.responseUrl(`cmd-${team}-${crypto.randomUUID()}`) });
  return postToSlackApp(eventsUrl, body, 'application/x-www-form-urlencoded', { secret });
}

/** Slack telling the app it was uninstalled from `team` (and revoking that team's tokens, as Slack does). */
export function uninstallFrom(eventsUrl: string, secret: string, fake: FakeSlackWebApi, team: string): Promise<SlackResponse> {
  fake.oauth.revokeTeam(team);
  const body = eventCallbackBody(team, `Ev-uninstall-${team}-${crypto.randomUUID()}`, { type: 'app_uninstalled', event_ts: `${Math.floor(Date.now() / 1000)}.000100` });
  return postToSlackApp(eventsUrl, body, 'application/json', { secret });
}
