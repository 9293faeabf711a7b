import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DESCRIPTION_CHARS } from '../../commands/serverless-fit.js';
import { postToSlackApp, sign, slashCommandBody } from './fakes/slack-requests.js';
import { startFakeSlackWebApi, type FakeSlackWebApi } from './fakes/slack-web-api.js';
import { spawnServe, type ServeProcess } from './fakes/serve-process.js';

// What `serve` does with requests Slack would never send: too big, not
// parseable, unsigned, stale, or at the wrong place. Each gets a 4xx with a
// sentence saying why; nothing reaches the advisor; the bot keeps serving.

const SECRET = '0123456789abcdef0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'sf-hardening-payloads-'));
let fake: FakeSlackWebApi;
let serve: ServeProcess;

beforeAll(async () => {
  fake = await startFakeSlackWebApi();
  serve = await spawnServe({
    env: { SLACK_BOT_TOKEN: 'xoxb-payloads', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', SERVERLESS_FIT_DB: join(dir, 'p.db') },
  });
});
afterAll(async () => {
  serve.child.kill('SIGTERM');
  await serve.exited;
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Raw {
  method?: string;
  body?: string;
  type?: string;
  /** Unix seconds for the signature; defaults to now. */
  timestamp?: number;
  signed?: boolean;
}

async function raw(request: Raw): Promise<{ status: number; body: string }> {
  const timestamp = request.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': request.type ?? 'application/x-www-form-urlencoded' };
  if (request.signed !== false && request.body !== undefined) {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = sign(SECRET, timestamp, request.body);
  }
  try {
    const response = await fetch(serve.url('/slack/events'), { method: request.method ?? 'POST', headers, ...(request.body === undefined ? {} : { body: request.body }) });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    return { status: 0, body: String((error as Error).cause ?? error) };
  }
}

describe('requests Slack would never send get a 4xx and a reason', () => {
  it.each([
    ['a 5 MB body', { body: `text=${'x'.repeat(5 * 1024 * 1024)}` }, 413, /larger than a Slack payload can be/],
    ['a JSON event that is not JSON', { body: '{"type": "event_callback", "event": ', type: 'application/json' }, 400, /not a Slack payload this endpoint can read/],
    ['an interaction whose payload is not JSON', { body: 'payload=%7Bnot-json' }, 400, /not a Slack payload/],
    ['no signature', { body: 'command=%2Fserverless-fit&text=hi', signed: false }, 401, /not signed by Slack/],
    ['a signature ten minutes old (a replay)', { body: 'command=%2Fserverless-fit&text=hi', timestamp: Math.floor(Date.now() / 1000) - 600 }, 401, /more than 5 minutes off/],
    ['a GET where Slack POSTs', { method: 'GET' }, 404, /Slack posts to \/slack\/events/],
  ])('%s', async (_name, request: Raw, status, reason) => {
    const response = await raw(request);
    expect(response.status).toBe(status);
    expect(JSON.parse(response.body)).toEqual({ error: expect.stringMatching(reason) });
  });

  it('nothing refused reached the advisor, and the bot still serves', async () => {
    expect(fake.messages).toEqual([]);
    const ack = await postToSlackApp(
      serve.url('/slack/events'),
      slashCommandBody({ text: 'resize images on upload', team: 'T0000001', channel: 'C100', user: 'U100', responseUrl: fake.responseUrl('ok') }),
      'application/x-www-form-urlencoded',
      { secret: SECRET },
    );
    expect(ack.status).toBe(200);
    await fake.waitFor(() => fake.messages.find((m) => m.threadTs));
    // The operator sees Bolt's reasons in the JSON log.
    const warnings = serve.logs.filter((l) => l.level === 'warn').map((l) => l.msg);
    expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(/exceeded the maximum allowed size/), expect.stringMatching(/Malformed request body|Failed to parse/)]));
  });

  it('an over-long description is acknowledged and the asker is told the limit, privately', async () => {
    const text = 'x '.repeat(MAX_DESCRIPTION_CHARS);
    const ack = await postToSlackApp(
      serve.url('/slack/events'),
      slashCommandBody({ text, team: 'T0000001', channel: 'C100', user: 'U100', responseUrl: fake.responseUrl('long') }),
      'application/x-www-form-urlencoded',
      { secret: SECRET },
    );
    expect(ack.status).toBe(200);
    const told = await fake.waitFor(() => fake.responses.find((r) => r.path === '/response/long'));
    expect(told.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/too long .*max 4,000/) });
  });
});
