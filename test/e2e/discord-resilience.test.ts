import { afterEach, describe, expect, it } from 'vitest';
import { USER_MESSAGES } from '../../src/adapters/discord/errors.js';
import { startDiscordHarness, type DiscordHarness } from './fakes/discord-harness.js';
import { button, callbackOf, latestIn, tokenOf } from './fakes/discord-messages.js';
import type { InteractionInit } from './fakes/discord-server.js';

// Gateway resumes, replays, expired tokens and failures: the user always hears
// something, and the conversation in SQLite is never lost.

const GUILD = '800000000000000001';
const CHANNEL = '810000000000000001';
const DM = '820000000000000001';
const USER = '700000000000000001';
const inChannel: InteractionInit = { guildId: GUILD, channelId: CHANNEL };
const inDm: InteractionInit = { guildId: null, channelId: DM };
const EPHEMERAL = 64;

let h: DiscordHarness;
afterEach(async () => h?.close());

async function eventually(condition: () => boolean, what: string, timeoutMs = 5000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('gateway', () => {
  it('resumes after a resumable disconnect and the conversation carries on', async () => {
    h = await startDiscordHarness();
    const { fake, store } = h;
    await fake.slashCommand(inChannel, 'assess', { description: 'resize images on upload' });
    await fake.waitForCall((c) => c.path.endsWith('/threads'));
    const first = latestIn(fake, CHANNEL);

    await fake.dropConnection(4000);
    expect(fake.gateway.identifies).toHaveLength(1);
    expect(fake.gateway.resumes).toEqual([{ token: fake.token, session_id: 'fake-session', seq: expect.any(Number) }]);
    expect(fake.gateway.resumes[0].seq).toBeGreaterThanOrEqual(2);

    const click = await fake.button(inChannel, first, button(first, '~1,000 a day').custom_id);
    const next = await fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${first.id}/messages`);
    expect(next.body.content).toContain('How long does one run take');
    const conversation = await store.findByThread({ platform: 'discord', workspace: GUILD, channel: CHANNEL, thread: first.id });
    expect(conversation?.pending).toBe('duration');

    // Discord replays events missed around a resume; the ledger makes the second copy a no-op.
    const turnsBefore = (await store.turns(GUILD, conversation?.id ?? '')).length;
    fake.replay(click);
    await eventually(() => h.logger.entries.some((e) => e.message.includes('already handled')), 'the replay to be seen');
    expect(fake.calls.filter(callbackOf(click))).toHaveLength(1);
    expect(await store.turns(GUILD, conversation?.id ?? '')).toHaveLength(turnsBefore);
  });
});

describe('answers that reach the user whatever happens', () => {
  it('help and history are ephemeral', async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    const help = await fake.waitForCall(callbackOf(await fake.slashCommand(inChannel, 'help')));
    expect(help.body.data.flags).toBe(EPHEMERAL);
    expect(help.body.data.content).toContain('/serverless-fit resize images on upload');

    await fake.waitForCall(callbackOf(await fake.slashCommand({ ...inChannel, appPermissions: '3072' }, 'assess', { description: 'nightly cleanup job' })));
    const history = await fake.waitForCall(callbackOf(await fake.slashCommand(inChannel, 'history')));
    expect(history.body.data.flags).toBe(EPHEMERAL);
    expect(history.body.data.content).toContain('nightly cleanup job');
  });

  it('forget-me deletes what the asker saved, ephemerally', async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    await fake.waitForCall(callbackOf(await fake.slashCommand({ ...inChannel, appPermissions: '3072' }, 'assess', { description: 'nightly cleanup job' })));
    const forgotten = await fake.waitForCall(callbackOf(await fake.slashCommand(inChannel, 'forget-me')));
    expect(forgotten.body.data.flags).toBe(EPHEMERAL);
    expect(forgotten.body.data.content).toMatch(/Deleted 1 conversation you started/);
    const history = await fake.waitForCall(callbackOf(await fake.slashCommand(inChannel, 'history')));
    expect(history.body.data.content).toContain('No assessments here yet');
  });

  it('a button whose conversation is gone gets an ephemeral explanation', async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    const stale = { id: '1', channel_id: CHANNEL, content: 'old', embeds: [], components: [], attachments: [], flags: 0 };
    const click = await fake.button(inChannel, stale, 'sf|6f1c2a9e-4b7d-4f0a-9a43-2d8e5b1c7f10|a|answer|traffic:5 a day');
    const answer = await fake.waitForCall(callbackOf(click));
    expect(answer.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, content: USER_MESSAGES.conversationGone } });
  });

  it('an expired interaction still gets its answer, posted in the channel with a mention', async () => {
    h = await startDiscordHarness();
    const { fake, store } = h;
    await fake.waitForCall(callbackOf(await fake.slashCommand(inDm, 'assess', { description: 'resize images on upload' })));
    const first = latestIn(fake, DM);
    const click = await fake.button({ ...inDm, expired: true }, first, button(first, '~1,000 a day').custom_id);
    const posted = await fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${DM}/messages`);
    expect(fake.calls.find(callbackOf(click))).toMatchObject({ status: 404, body: { type: 4 } });
    expect(posted.body.content).toMatch(new RegExp(`^<@${USER}> ${USER_MESSAGES.expired}\\n\\*\\*How long does one run take`));
    expect(posted.body.allowed_mentions).toEqual({ users: [USER] });
    expect((await store.findByThread({ platform: 'discord', workspace: '@me:700000000000000001', channel: DM, thread: DM }))?.pending).toBe('duration');
  });

  it('a failure before acknowledging is answered with an ephemeral reply', async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    fake.failNext((c) => c.path.endsWith('/callback'), { status: 400, code: 50035, message: 'Invalid Form Body' });
    const slash = await fake.slashCommand(inDm, 'assess', { description: 'resize images on upload' });
    await eventually(() => fake.calls.filter(callbackOf(slash)).length === 2, 'the second callback');
    const [refused, apology] = fake.calls.filter(callbackOf(slash));
    expect(refused?.status).toBe(400);
    expect(apology).toMatchObject({ status: 204, body: { type: 4, data: { flags: EPHEMERAL, content: USER_MESSAGES.generic } } });
    expect(h.logger.entries.some((e) => e.level === 'error' && e.message === 'discord: interaction failed')).toBe(true);
  });

  it('a failure after acknowledging is answered with an ephemeral follow-up', async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    await fake.slashCommand(inChannel, 'assess', { description: 'resize images on upload' });
    await fake.waitForCall((c) => c.path.endsWith('/threads'));
    const first = latestIn(fake, CHANNEL);
    fake.failNext((c) => c.path === `/channels/${first.id}/messages`, { status: 400, code: 50035, message: 'Invalid Form Body' });
    const click = await fake.button(inChannel, first, button(first, '~1,000 a day').custom_id);
    const followUp = await fake.waitForCall((c) => c.method === 'POST' && c.path === `/webhooks/${fake.applicationId}/${tokenOf(click)}`);
    expect(fake.calls.find(callbackOf(click))?.body).toEqual({ type: 6 });
    expect(followUp.body).toMatchObject({ flags: EPHEMERAL, content: USER_MESSAGES.generic });
  });
});

describe('the fake refuses what Discord refuses', () => {
  it.each([
    ['content over 2000', { content: 'x'.repeat(2001) }],
    ['an empty message', { content: '' }],
    ['six buttons in a row', { components: [{ type: 1, components: Array.from({ length: 6 }, (_, i) => ({ type: 2, style: 2, label: 'b', custom_id: `b${i}` })) }] }],
    ['an embed over 6000', { embeds: [{ description: 'x'.repeat(4000), fields: [{ name: 'n', value: 'x'.repeat(1024) }, { name: 'n', value: 'x'.repeat(1024) }] }] }],
  ])('%s -> 400 50035', async (_name, body) => {
    h = await startDiscordHarness();
    const response = await fetch(`${h.fake.apiUrl}/v10/channels/${CHANNEL}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${h.fake.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: number }).code).toBe(50035);
  });
});
