import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DESCRIPTION_CHARS } from '../../commands/serverless-fit.js';
import { postToSlackApp, sign, slashCommandBody } from './fakes/slack-requests.js';
import { startFakeSlackWebApi, type FakeSlackWebApi } from './fakes/slack-web-api.js';
import { spawnServe, type ServeProcess } from './fakes/serve-process.js';

// What `serve` does with requests Slack would never send: too big, not
// parseable, unsigned, signed outside five minutes either way, or at the
// wrong place. Each gets a 4xx at once with one sentence saying why; nothing
// reaches the advisor or the database; the bot keeps serving.

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
  /** Sent as X-Slack-Request-Timestamp instead of `timestamp`. */
  timestampHeader?: string;
  signed?: boolean;
  /** Sign with this secret instead of the bot's. */
  secret?: string;
}

async function raw(request: Raw): Promise<{ status: number; body: string }> {
  const timestamp = request.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': request.type ?? form };
  if (request.signed !== false && request.body !== undefined) {
    headers['x-slack-request-timestamp'] = request.timestampHeader ?? String(timestamp);
    headers['x-slack-signature'] = sign(request.secret ?? SECRET, timestamp, request.body);
  }
  try {
    const response = await fetch(serve.url('/slack/events'), { method: request.method ?? 'POST', headers, ...(request.body === undefined ? {} : { body: request.body }) });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    return { status: 0, body: String((error as Error).cause ?? error) };
  }
}

const now = () => Math.floor(Date.now() / 1000);
const form = 'application/x-www-form-urlencoded';
const json = 'application/json';

describe('requests Slack would never send get a 4xx and a reason, at once', () => {
  it.each<[string, Raw, number, RegExp]>([
    ['a 5 MB body', { body: `text=${'x'.repeat(5 * 1024 * 1024)}` }, 413, /larger than a Slack payload can be/],
    ['no signature', { body: 'command=%2Fserverless-fit&text=hi', signed: false }, 401, /not signed by Slack: .* missing/],
    ['a signature with another secret', { body: 'command=%2Fserverless-fit&text=hi', secret: 'fedcba9876543210fedcba9876543210' }, 401, /does not match the body/],
    ['a signature ten minutes old (a replay)', { body: 'command=%2Fserverless-fit&text=hi', timestamp: now() - 600 }, 401, /more than 5 minutes off \(in the past\)/],
    ['a signature five minutes and a bit ahead', { body: 'command=%2Fserverless-fit&text=hi', timestamp: now() + 330 }, 401, /more than 5 minutes off \(in the future\)/],
    ['a signature a year ahead', { body: 'command=%2Fserverless-fit&text=hi', timestamp: now() + 365 * 24 * 3600 }, 401, /in the future/],
    ['a timestamp that is not a number', { body: 'command=%2Fserverless-fit&text=hi', timestampHeader: 'soon' }, 401, /not signed by Slack/],
    ['a JSON event that is not JSON', { body: '{"type": "event_callback", "event": ', type: json }, 400, /not valid JSON/],
    ['JSON null', { body: 'null', type: json }, 400, /not an object/],
    ['a JSON array', { body: '[1, 2]', type: json }, 400, /not an object/],
    ['a JSON object without a type', { body: '{"event": {}}', type: json }, 400, /has no "type"/],
    ['an interaction whose payload is not JSON', { body: 'payload=%7Bnot-json' }, 400, /"payload" field is not valid JSON/],
    ['payload=null', { body: 'payload=null' }, 400, /"payload" field is not a JSON object/],
    ['payload=[]', { body: 'payload=%5B%5D' }, 400, /not a JSON object/],
    ['a payload without a type', { body: 'payload=%7B%7D' }, 400, /"payload" has no "type"/],
    ['a form that is neither a command nor an interaction', { body: 'hello=world' }, 400, /not a Slack payload this endpoint can read/],
    ['plain text', { body: 'hello', type: 'text/plain' }, 400, /Slack sends application\/x-www-form-urlencoded or application\/json/],
    ['XML', { body: '<command>/serverless-fit</command>', type: 'application/xml' }, 400, /this request is application\/xml/],
    ['a GET where Slack POSTs', { method: 'GET' }, 404, /Slack posts to \/slack\/events/],
  ])('%s', async (_name, request, status, reason) => {
    const response = await raw(request);
    expect(response.status).toBe(status);
    expect(JSON.parse(response.body)).toEqual({ error: expect.stringMatching(reason) });
    // One sentence: a reason, not a dump.
    expect((JSON.parse(response.body) as { error: string }).error.split(/\. /)).toHaveLength(1);
  });

  it('a signed form with a charset parameter is read like one without', async () => {
    const body = slashCommandBody({ text: 'help', team: 'T0000001', channel: 'C101', user: 'U101', responseUrl: fake.responseUrl('charset') });
    const response = await raw({ body, type: 'application/x-www-form-urlencoded; charset=utf-8' });
    expect(response.status).toBe(200);
    await fake.waitFor(() => fake.responses.find((r) => r.path === '/response/charset'));
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

  it.each([
    ['a few characters over the limit', MAX_DESCRIPTION_CHARS + 10],
    ['a 1 MB command', 1024 * 1024],
  ])('%s is refused in the acknowledgement, and nothing of it is stored', async (_name, length) => {
    const text = 'x'.repeat(length);
    const ack = await postToSlackApp(
      serve.url('/slack/events'),
      slashCommandBody({ text, team: 'T0000001', channel: 'C100', user: 'U100', responseUrl: fake.responseUrl('long') }),
      form,
      { secret: SECRET },
    );
    expect(ack.status).toBe(200);
    expect(JSON.parse(ack.body)).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/too long .*max 4,000/) });
    const db = new Database(join(dir, 'p.db'), { readonly: true });
    try {
      const stored = db.prepare('SELECT coalesce(max(length(payload)), 0) AS longest, count(*) AS n FROM deliveries').get() as { longest: number; n: number };
      expect(stored.longest).toBeLessThan(MAX_DESCRIPTION_CHARS + 1000);
      expect(db.prepare("SELECT count(*) AS n FROM turns WHERE length(text) > ?").get(MAX_DESCRIPTION_CHARS)).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
