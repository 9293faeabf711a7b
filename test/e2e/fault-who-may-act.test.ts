import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordHarness, type DiscordHarness } from './fakes/discord-harness.js';
import { button, callbackOf, latestIn } from './fakes/discord-messages.js';
import type { InteractionInit } from './fakes/discord-server.js';
import { button as slackButton, blocksText, SlackHarness } from './fakes/slack-harness.js';
import { report } from './fakes/chaos.js';

// A button carries its conversation's id, and an id can be copied into a
// press from elsewhere. On every platform the place a press comes from must
// be the conversation's own (its channel or thread; in a DM, the owner's
// DM): anyone there may act, nobody elsewhere. Discord DMs are also stored
// per person, so someone else's DM conversation is not found at all.

const ADA = '700000000000000001';
const BOB = '700000000000000002';
const ADA_DM = '820000000000000001';
const BOB_DM = '820000000000000002';
const GUILD = '800000000000000001';
const CHANNEL = '810000000000000001';

let discord: DiscordHarness | null = null;
let slack: SlackHarness | null = null;
afterEach(async () => {
  await discord?.close();
  await slack?.close();
  discord = null;
  slack = null;
});

describe('Discord', () => {
  it.each<[string, InteractionInit]>([
    ['from his own DM', { guildId: null, channelId: BOB_DM, userId: BOB }],
    ["naming Ada's DM channel as his own", { guildId: null, channelId: ADA_DM, userId: BOB }],
    ['from a guild channel', { guildId: GUILD, channelId: CHANNEL, userId: BOB }],
  ])("Bob pressing Ada's DM button %s sees nothing of hers and changes nothing", async (_name, bob) => {
    const h = (discord = await startDiscordHarness());
    const ada: InteractionInit = { guildId: null, channelId: ADA_DM, userId: ADA };
    await h.fake.waitForCall(callbackOf(await h.fake.slashCommand(ada, 'assess', { description: 'payroll export for ACME, 40 minutes each night' })));
    const question = latestIn(h.fake, ADA_DM);
    const conversation = await h.store.findByThread({ platform: 'discord', workspace: `@me:${ADA}`, channel: ADA_DM, thread: ADA_DM });
    const turnsBefore = await h.store.turns(`@me:${ADA}`, conversation?.id ?? '');

    const press = await h.fake.button(bob, question, button(question, /.+/).custom_id);
    const answer = await h.fake.waitForCall(callbackOf(press));
    expect(answer.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(answer.body)).not.toContain('payroll');
    expect(await h.store.turns(`@me:${ADA}`, conversation?.id ?? '')).toEqual(turnsBefore);
    expect((await h.store.get(`@me:${ADA}`, conversation?.id ?? ''))?.pending).toBe(conversation?.pending);
    // Ada's own press still works.
    const own = await h.fake.button(ada, question, button(question, /.+/).custom_id);
    const next = await h.fake.waitForCall(callbackOf(own));
    expect(next.body.data.flags ?? 0).toBe(0);
    const presses = [press, own];
    const answers = (id: string) => h.fake.calls.filter((c) => callbackOf(id)(c) && c.status < 300);
    report(`Discord DM button pressed by someone else (${_name})`, {
      sent: presses.length,
      acknowledged: presses.filter((id) => h.fake.acknowledged(id)).length,
      answered: presses.filter((id) => answers(id).length === 1).length,
      duplicated: presses.filter((id) => answers(id).length > 1).length,
      'answered privately, nothing of hers': [answer].filter((a) => a.body.data.flags === 64 && !JSON.stringify(a.body).includes('payroll')).length,
    });
  });

  it('in a guild channel anyone present may answer', async () => {
    const h = (discord = await startDiscordHarness());
    const ada: InteractionInit = { guildId: GUILD, channelId: CHANNEL, userId: ADA, appPermissions: ((1n << 10n) | (1n << 11n) | (1n << 14n)).toString() };
    await h.fake.waitForCall(callbackOf(await h.fake.slashCommand(ada, 'assess', { description: 'resize images on upload' })));
    const question = latestIn(h.fake, CHANNEL);
    const press = await h.fake.button({ ...ada, userId: BOB }, question, button(question, '~1,000 a day').custom_id);
    expect((await h.fake.waitForCall(callbackOf(press))).body.data.content).toContain('How long does one run take');
  });
});

describe('Slack', () => {
  it('a press carrying a conversation id from another channel is refused; from its own channel anyone may', async () => {
    const h = (slack = await SlackHarness.start());
    await h.command('payroll export for ACME, 40 minutes each night', { user: 'U100', channel: 'C100' });
    const root = await h.fake.waitFor(() => h.rootMessages('C100')[0]);
    const question = await h.nextInThread(root.ts, 0);
    const b = slackButton(question, /.+/);
    const before = h.rows('SELECT * FROM turns');

    // The same button value, pressed in another channel.
    const fromElsewhere = await h.click({ ...question, channel: 'C999' }, b, 'U200');
    const refused = await h.fake.waitFor(() => h.fake.responses.at(-1));
    expect(JSON.stringify(refused.body)).toMatch(/belongs to a conversation somewhere you are not/);
    expect(JSON.stringify(refused.body)).not.toContain('payroll');
    expect(h.rows('SELECT * FROM turns')).toEqual(before);

    // In the conversation's own channel a colleague may answer.
    const fromHere = await h.click(question, b, 'U200');
    const next = await h.nextInThread(root.ts, 1);
    expect(blocksText(next)).not.toBe(blocksText(question));
    const refusals = h.fake.responses.filter((r) => /belongs to a conversation somewhere you are not/.test(JSON.stringify(r.body))).length;
    const answersInThread = h.thread(root.ts).length - 1;
    const presses = [fromElsewhere, fromHere];
    report('Slack button pressed from another channel', { sent: presses.length, acknowledged: presses.filter((p) => p.status === 200).length, answered: refusals + answersInThread, duplicated: Math.max(0, answersInThread - 1) + Math.max(0, refusals - 1), 'refused (not theirs)': refusals });
  });
});
