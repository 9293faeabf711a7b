import { describe, expect, it } from 'vitest';
import { authorizedBot, durableWorkOf } from '../../src/adapters/slack/durable-work.js';
import { mentionWorkOf, withoutMention } from '../../src/adapters/slack/mention-work.js';

// Which Slack events start an assessment the way the slash command does, and
// what text they carry once the bot's own mention is taken out.

const BOT = 'UBOT0001';

describe('withoutMention', () => {
  const cases: [string, string][] = [
    [`<@${BOT}> resize images, 2 s`, 'resize images, 2 s'],
    [`resize images <@${BOT}>`, 'resize images'],
    [`<@${BOT}|serverless-fit> help`, 'help'],
    [`hey <@${BOT}>, what about <@U200>'s api?`, "hey , what about <@U200>'s api?"],
    [`<@${BOT}> add api: REST, 200 rps\nadd worker: queue, 3 s`, 'add api: REST, 200 rps\nadd worker: queue, 3 s'],
    ['  none  ', '  none  '],
    [`<@${BOT}>`, ''],
    ['<@U200> none', '<@U200> none'],
  ];
  it.each(cases)('%j -> %j', (text, expected) => expect(withoutMention(text, BOT)).toBe(expected));
  it('leaves everything alone while the bot does not know its own id', () => expect(withoutMention(`<@${BOT}> help`, undefined)).toBe(`<@${BOT}> help`));
});

describe('mentionWorkOf', () => {
  const body = (event: Record<string, unknown>) => ({ type: 'event_callback', team_id: 'T1', event_id: 'Ev1', event });
  const mention = { type: 'app_mention', channel: 'C1', user: 'U1', text: `<@${BOT}> cron job, 3 min`, ts: '1.000002' };
  const dm = { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'cron job, 3 min', ts: '1.000002' };
  const cases: [string, Record<string, unknown>, object | null][] = [
    ['a mention in a channel', mention, { kind: 'mention', workspace: 'T1', channel: 'C1', user: 'U1', text: 'cron job, 3 min' }],
    ['a mention in a thread', { ...mention, thread_ts: '1.000001' }, { channel: 'C1', threadTs: '1.000001' }],
    ['a mention that is a thread root', { ...mention, thread_ts: '1.000002' }, { channel: 'C1' }],
    ['a DM', dm, { kind: 'mention', channel: 'D1', text: 'cron job, 3 min' }],
    ['an edited mention', { ...mention, edited: { user: 'U1', ts: '1.000003' } }, null],
    ['a reply in a DM thread (an answer)', { ...dm, thread_ts: '1.000001' }, null],
    ['a DM edit', { ...dm, subtype: 'message_changed' }, null],
    ['a bot in the DM', { ...dm, bot_id: 'B2' }, null],
    ['the bot itself', { ...dm, user: BOT }, null],
    ['a channel message', { ...dm, channel_type: 'channel' }, null],
    ['another event', { type: 'reaction_added', user: 'U1', channel: 'C1' }, null],
  ];
  it.each(cases)('%s', (_name, event, expected) => {
    const found = mentionWorkOf(body(event), BOT);
    if (expected === null) expect(found).toBeNull();
    else expect(found).toMatchObject({ deliveryId: 'event:Ev1', work: expected });
  });
  it('has no thread for a mention at the top of a channel', () => expect(mentionWorkOf(body(mention), BOT)?.work.threadTs).toBeUndefined());
});

describe('the bot of each workspace, from the event itself (installed in many workspaces)', () => {
  const event = { type: 'app_mention', channel: 'C1', user: 'U1', text: '<@UBOTW2> nightly report, 4 min', ts: '1.000002' };
  const delivered = (authorizations: unknown) => ({ type: 'event_callback', team_id: 'T2', event_id: 'Ev2', event, authorizations });
  const cases: [string, unknown, string | undefined][] = [
    ['the bot user it was delivered to', [{ team_id: 'T2', user_id: 'UBOTW2', is_bot: true }], 'UBOTW2'],
    ['a person who installed the app (not a bot)', [{ team_id: 'T2', user_id: 'U9', is_bot: false }], undefined],
    ['no authorizations', undefined, undefined],
    ['an empty list', [], undefined],
    ['a malformed entry', ['UBOTW2'], undefined],
  ];
  it.each(cases)('%s', (_name, authorizations, bot) => expect(authorizedBot(delivered(authorizations))).toBe(bot));

  it("takes that workspace's own bot mention out of the words when no single bot id is known", () => {
    const found = durableWorkOf(delivered([{ team_id: 'T2', user_id: 'UBOTW2', is_bot: true }]), undefined);
    expect(found).toMatchObject({ work: { kind: 'mention', workspace: 'T2', text: 'nightly report, 4 min' } });
  });

  it('keeps the id known at start when there is one (one workspace)', () => {
    const found = durableWorkOf({ ...delivered([{ team_id: 'T2', user_id: 'UOTHER', is_bot: true }]), event: { ...event, text: `<@${BOT}> nightly report, 4 min` } }, BOT);
    expect(found).toMatchObject({ work: { text: 'nightly report, 4 min' } });
  });
});
