import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksText } from './fakes/slack-messages.js';
import { appHomeOpenedBody, appMentionBody, directMessageBody, postToSlackApp, slashCommandBody } from './fakes/slack-requests.js';
import { spawnServe, type ServeProcess } from './fakes/serve-process.js';
import { FAKE_BOT, startFakeSlackWebApi, type FakeSlackWebApi } from './fakes/slack-web-api.js';

// Mentions, DMs and the Home tab as deployed: the real entry point spawned
// with environment variables only, so the composition root is what wires
// them (the digests the Home tab lists come from the same database).

const SECRET = '0123456789abcdef0123456789abcdef';
const TEAM = FAKE_BOT.team;

let fake: FakeSlackWebApi;
let serve: ServeProcess;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sf-deployed-mentions-'));
  fake = await startFakeSlackWebApi();
  serve = await spawnServe({ env: { SLACK_BOT_TOKEN: 'xoxb-deployed', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', SERVERLESS_FIT_DB: join(dir, 'sf.db') } });
}, 60_000);

afterAll(async () => {
  serve.signal('SIGTERM');
  expect(await serve.exited).toBe(0);
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

async function send(body: string, type = 'application/json'): Promise<void> {
  const response = await postToSlackApp(serve.url('/slack/events'), body, type, { secret: SECRET });
  expect(response.status).toBe(200);
}

const roots = (channel: string) => fake.messages.filter((m) => m.channel === channel && !m.threadTs);

describe('Slack mentions, DMs and the Home tab through the real entry point', () => {
  it('a mention and a DM each start an assessment where they were written; the Home tab lists them and the digest', async () => {
    const mention = `<@${FAKE_BOT.userId}> resize images on upload, 3000 a day, 1 s each`;
    await send(appMentionBody({ team: TEAM, channel: 'CMENTION', user: 'U7', text: mention, ts: '1800000002.000001', eventId: 'EvDeployedMention1' }));
    await send(directMessageBody({ team: TEAM, channel: 'D7', user: 'U7', text: 'nightly cleanup job, 3 minutes', ts: '1800000002.000002', eventId: 'EvDeployedDm1' }));
    const inChannel = await fake.waitFor(() => roots('CMENTION')[0], 15_000);
    const inDm = await fake.waitFor(() => roots('D7')[0], 15_000);
    expect(blocksText(inChannel)).toContain('resize images on upload');
    expect(blocksText(inDm)).toContain('nightly cleanup job');
    await fake.waitFor(() => fake.messages.some((m) => m.threadTs === inDm.ts), 15_000);

    await send(slashCommandBody({ text: 'digest subscribe tuesday 08:00', team: TEAM, channel: 'CDIGEST', user: 'U7', responseUrl: fake.responseUrl('deployed-digest') }), 'application/x-www-form-urlencoded');
    await fake.waitFor(() => fake.responses.find((r) => r.path.endsWith('deployed-digest')), 15_000);

    await send(appHomeOpenedBody({ team: TEAM, user: 'U7', eventId: 'EvDeployedHome1' }));
    const home = JSON.stringify((await fake.waitFor(() => fake.homeViews.get('U7'), 15_000)).blocks);
    expect(home).toContain('resize images on upload');
    expect(home).toContain('nightly cleanup job');
    expect(home).toContain('in your messages with me');
    expect(home).toContain('<#CDIGEST>: Tuesdays at 08:00');
  }, 60_000);
});
