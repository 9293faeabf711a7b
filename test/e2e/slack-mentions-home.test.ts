import { afterEach, describe, expect, it } from 'vitest';
import { appHomeOpenedBody, appMentionBody, directMessageBody, messageEventBody } from './fakes/slack-requests.js';
import { blocksText, SlackHarness, TEAM } from './fakes/slack-harness.js';
import { FAKE_BOT, type FakeMessage } from './fakes/slack-web-api.js';
import { createSqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';

// Being addressed the way Slack users address a bot, through the real Bolt
// app against the fake Slack: "@serverless-fit <words>" in a channel and a
// direct message start the same assessment as the slash command, the Home
// tab shows help, your assessments and the digests, and a reply that takes
// a while shows a "Working on it" note until the card and chart are in.

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const BOT = `<@${FAKE_BOT.userId}>`;
const COMPLETE_BUT_CONSTRAINTS = 'resize images on upload, 3000 a day, 1 s each';

let harness: SlackHarness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

let seq = 0;
const nextTs = () => `1800000001.${String((seq += 1)).padStart(6, '0')}`;
const nextEvent = () => `EvChat${String((seq += 1)).padStart(6, '0')}`;

async function mention(h: SlackHarness, text: string, who: { user?: string; channel?: string; threadTs?: string; eventId?: string; edited?: boolean } = {}) {
  const ts = nextTs();
  const body = appMentionBody({ team: TEAM, channel: who.channel ?? 'C100', user: who.user ?? 'U100', text, ts, eventId: who.eventId ?? nextEvent(), ...(who.threadTs ? { threadTs: who.threadTs } : {}), ...(who.edited ? { edited: true } : {}) });
  const response = await h.event(body);
  expect(response.status).toBe(200);
  return ts;
}

async function direct(h: SlackHarness, text: string, who: { user?: string; channel?: string; threadTs?: string; botId?: string; subtype?: string } = {}) {
  const body = directMessageBody({
    team: TEAM,
    channel: who.channel ?? 'D100',
    ...(who.botId ? { botId: who.botId } : { user: who.user ?? 'U100' }),
    text,
    ts: nextTs(),
    eventId: nextEvent(),
    ...(who.threadTs ? { threadTs: who.threadTs } : {}),
    ...(who.subtype ? { subtype: who.subtype } : {}),
  });
  expect((await h.event(body)).status).toBe(200);
}

const isCard = (m: FakeMessage) => blocksText(m).includes('*Monthly cost*');

/** Answers "none" to the constraints question in `thread` and returns the card. */
async function finish(h: SlackHarness, channel: string, thread: string, via: 'channel' | 'dm' = 'channel'): Promise<FakeMessage> {
  const question = await h.nextInThread(thread, 0);
  expect(blocksText(question)).toContain('Anything special?');
  if (via === 'dm') await direct(h, 'none', { channel, threadTs: thread });
  else await h.say(thread, 'none', { channel });
  return h.fake.waitFor(() => h.thread(thread).find(isCard));
}

describe('@serverless-fit in a channel', () => {
  it('starts the same assessment as the slash command: root in the channel naming the asker, the interview and the card in its thread', async () => {
    const h = (harness = await SlackHarness.start({ renderChart: async () => PNG }));
    await mention(h, `${BOT} ${COMPLETE_BUT_CONSTRAINTS}`, { user: 'U100' });

    const root = await h.fake.waitFor(() => h.rootMessages('C100')[0]);
    expect(blocksText(root)).toContain('<@U100> asked whether this should run serverless');
    expect(blocksText(root)).toContain('resize images on upload');
    expect(blocksText(root)).not.toContain(FAKE_BOT.userId);

    const card = await finish(h, 'C100', root.ts);
    expect(blocksText(card)).toContain('Fit: run it on AWS Lambda');
    await h.fake.waitFor(() => h.fake.fileShares.find((f) => f.threadTs === root.ts));
    await h.fake.waitFor(() => root.edits === 1);
    expect(blocksText(root)).toContain('Fit: run it on AWS Lambda');

    const [conversation] = h.rows<{ user: string; thread: string; channel: string }>('SELECT user, thread, channel FROM conversations');
    expect(conversation).toEqual({ user: 'U100', thread: root.ts, channel: 'C100' });
    const [first] = h.rows<{ text: string }>("SELECT text FROM turns WHERE role = 'user' ORDER BY seq");
    expect(first?.text).toBe(COMPLETE_BUT_CONSTRAINTS);
  });

  it('reads the words after the mention as the slash command reads them: a sub-command, or help when there are none', async () => {
    const h = (harness = await SlackHarness.start());
    await mention(h, `${BOT} review checkout platform`);
    const review = await h.fake.waitFor(() => h.rootMessages('C100').find((m) => blocksText(m).includes('Design review: checkout platform')));
    expect(review).toBeDefined();

    for (const bare of [BOT, `  ${BOT}  `, `${BOT} assess`, `<@${FAKE_BOT.userId}|serverless-fit>`]) {
      const before = h.fake.callsTo('chat.postEphemeral').length;
      await mention(h, bare, { user: 'U300' });
      const told = await h.fake.waitFor(() => h.fake.callsTo('chat.postEphemeral')[before]);
      expect(told.args).toMatchObject({ channel: 'C100', user: 'U300' });
      expect(String(told.args.blocks)).toContain('How to use serverless-fit');
    }
    expect(h.rootMessages('C100')).toHaveLength(1);
  });

  it('is answered once: a retried event, an edit, a mention inside a running thread (its message event is the answer) start nothing more', async () => {
    const h = (harness = await SlackHarness.start());
    const eventId = nextEvent();
    await mention(h, `${BOT} nightly cleanup job, 3 minutes`, { eventId });
    await mention(h, `${BOT} nightly cleanup job, 3 minutes`, { eventId });
    const root = await h.fake.waitFor(() => h.rootMessages('C100')[0]);
    const question = await h.nextInThread(root.ts, 0);
    expect(blocksText(question)).toContain('Anything special?');

    await mention(h, `${BOT} nightly cleanup job, 3 minutes`, { edited: true });
    // In the thread Slack sends both events for one message; only the message event is read, as the answer.
    const ts = await mention(h, `${BOT} none`, { threadTs: root.ts });
    await h.event(messageEventBody({ team: TEAM, channel: 'C100', user: 'U100', text: `${BOT} none`, ts, threadTs: root.ts, eventId: nextEvent() }));
    await h.fake.waitFor(() => h.thread(root.ts).find(isCard));
    await h.adapter.drain(Date.now() + 5000);

    expect(h.rootMessages('C100')).toHaveLength(1);
    expect(h.thread(root.ts).filter(isCard)).toHaveLength(1);
    expect(h.rows('SELECT id FROM conversations')).toHaveLength(1);
  });

  it('refuses an oversized mention privately before storing any of it', async () => {
    const h = (harness = await SlackHarness.start());
    await mention(h, `${BOT} ${'x'.repeat(4_100)}`, { user: 'U400' });
    const told = await h.fake.waitFor(() => h.fake.callsTo('chat.postEphemeral')[0]);
    expect(told.args).toMatchObject({ channel: 'C100', user: 'U400' });
    expect(String(told.args.text)).toContain('That message is too long (4,100 characters, max 4,000)');
    expect(h.fake.callsTo('chat.postMessage')).toEqual([]);
    expect(h.rows('SELECT id FROM conversations')).toEqual([]);
  });

  it('a mention in a thread that is not one of its conversations starts a new assessment', async () => {
    const h = (harness = await SlackHarness.start());
    await mention(h, `${BOT} webhook for our CRM, 300 ms, 20k a month`, { threadTs: '1700000000.000001' });
    const root = await h.fake.waitFor(() => h.rootMessages('C100')[0]);
    expect(blocksText(root)).toContain('webhook for our CRM');
  });
});

describe('a direct message to the bot', () => {
  it('starts an assessment that lives in the DM: the interview and the card in a thread there', async () => {
    const h = (harness = await SlackHarness.start({ renderChart: async () => PNG }));
    await direct(h, COMPLETE_BUT_CONSTRAINTS, { channel: 'D100', user: 'U100' });
    const root = await h.fake.waitFor(() => h.rootMessages('D100')[0]);
    expect(blocksText(root)).toContain('resize images on upload');

    const card = await finish(h, 'D100', root.ts, 'dm');
    expect(card.channel).toBe('D100');
    await h.fake.waitFor(() => h.fake.fileShares.find((f) => f.channel === 'D100' && f.threadTs === root.ts));
    expect(h.fake.messages.filter((m) => m.channel !== 'D100')).toEqual([]);
  });

  it('ignores what is not a person writing to it: its own posts, bots, edits and deletions', async () => {
    const h = (harness = await SlackHarness.start());
    await direct(h, 'resize images on upload', { user: FAKE_BOT.userId });
    await direct(h, 'resize images on upload', { botId: 'B999' });
    await direct(h, 'resize images on upload', { subtype: 'message_changed' });
    await direct(h, 'resize images on upload', { subtype: 'message_deleted' });
    await h.adapter.drain(Date.now() + 5000);
    expect(h.fake.callsTo('chat.postMessage')).toEqual([]);
    // ...while a person's message is answered.
    await direct(h, 'resize images on upload');
    await h.fake.waitFor(() => h.rootMessages('D100')[0]);
  });
});

describe('the App Home tab', () => {
  it("publishes a valid view with help, the viewer's own assessments and the workspace's digests", async () => {
    const h = (harness = await SlackHarness.start({ digests: true }));
    await mention(h, `${BOT} ${COMPLETE_BUT_CONSTRAINTS}`, { user: 'U100' });
    const mine = await h.fake.waitFor(() => h.rootMessages('C100')[0]);
    await finish(h, 'C100', mine.ts);
    await mention(h, `${BOT} nightly report for finance, 40 minutes`, { user: 'U200', channel: 'C200' });
    await h.fake.waitFor(() => h.rootMessages('C200')[0]);
    const subscribed = await h.command('digest subscribe friday 16:30 Europe/Berlin skip-quiet', { channel: 'C300' });
    expect(subscribed.status).toBe(200);
    await h.fake.waitFor(async () => (await h.digests?.subscriptions('slack', TEAM))?.length);

    expect((await h.event(appHomeOpenedBody({ team: TEAM, user: 'U100', eventId: nextEvent() }))).status).toBe(200);
    const view = await h.fake.waitFor(() => h.fake.homeViews.get('U100'));
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('/serverless-fit review');
    expect(text).toContain('resize images on upload');
    expect(text).toContain('*fit*: AWS Lambda');
    expect(text).toContain(`app_redirect?team=${TEAM}&channel=C100&message_ts=${mine.ts}`);
    expect(text).not.toContain('nightly report for finance');
    expect(text).toContain('<#C300>: Fridays at 16:30 (Europe/Berlin); quiet weeks are skipped.');

    // Someone with nothing yet sees how to start; the Messages tab publishes nothing.
    await h.event(appHomeOpenedBody({ team: TEAM, user: 'U900', eventId: nextEvent() }));
    expect(JSON.stringify((await h.fake.waitFor(() => h.fake.homeViews.get('U900'))).blocks)).toContain('None yet.');
    await h.event(appHomeOpenedBody({ team: TEAM, user: 'U901', eventId: nextEvent(), tab: 'messages' }));
    await h.adapter.drain(Date.now() + 5000);
    expect(h.fake.callsTo('views.publish').every((c) => c.ok)).toBe(true);
    expect(h.fake.homeViews.has('U901')).toBe(false);
  });

  it('stays within Block Kit limits with many long assessments, and says when digests are not set up', async () => {
    const h = (harness = await SlackHarness.start());
    for (let i = 0; i < 14; i += 1) {
      await mention(h, `${BOT} ${'a very long description of a workload with <angle> & ampersands '.repeat(30)} number ${i}`, { user: 'U100' });
    }
    await h.fake.waitFor(() => h.rows('SELECT id FROM conversations').length === 14);
    await h.event(appHomeOpenedBody({ team: TEAM, user: 'U100', eventId: nextEvent() }));
    const view = await h.fake.waitFor(() => h.fake.homeViews.get('U100'));
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('4 older');
    expect(text).toContain('not set up in this bot');
    expect(text).not.toMatch(/<angle>/);
  });
});

describe('progress while a reply is prepared', () => {
  function clock() {
    const waiting: (() => void)[] = [];
    return {
      after: () => new Promise<void>((resolve) => waiting.push(resolve)),
      /** Every reply started so far is now "over a second" old. */
      tick: () => waiting.splice(0).forEach((resolve) => resolve()),
      get started() {
        return waiting.length;
      },
    };
  }
  const isNote = (m: { text: string }) => m.text.startsWith('Working on it');

  it('posts "Working on it" in the thread while a reply is still being finished, and removes it once the reply is in', async () => {
    const time = clock();
    const h = (harness = await SlackHarness.start({ renderChart: async () => PNG, deps: { progressAfter: time.after } }));
    await mention(h, `${BOT} ${COMPLETE_BUT_CONSTRAINTS}`);
    const root = await h.fake.waitFor(() => h.rootMessages('C100')[0]);
    await h.nextInThread(root.ts, 0);
    // The verdict's edit of the root message comes after the card: held up, it keeps the reply unfinished.
    h.fake.delays.set('chat.update', 2_000);
    await h.say(root.ts, 'none');
    await h.fake.waitFor(() => h.thread(root.ts).find(isCard));
    await h.fake.waitFor(() => time.started > 0);
    time.tick();

    const note = await h.fake.waitFor(() => h.thread(root.ts).find(isNote));
    expect(blocksText(note)).toContain('Working on it');
    await h.fake.waitFor(() => h.fake.deleted.find(isNote));
    expect(root.edits).toBe(1);
    expect(h.thread(root.ts).filter(isNote)).toEqual([]);
    expect(h.fake.callsTo('chat.delete')[0]?.args).toMatchObject({ channel: 'C100', ts: note.ts });
  });

  it('a chart still being drawn holds nothing up: the reply ends with the card, no note, and the chart follows when drawn', async () => {
    const time = clock();
    let release: () => void = () => undefined;
    const drawn = new Promise<void>((resolve) => (release = resolve));
    let drawing = false;
    const h = (harness = await SlackHarness.start({ renderChart: async () => ((drawing = true), await drawn, PNG), deps: { progressAfter: time.after } }));
    await mention(h, `${BOT} ${COMPLETE_BUT_CONSTRAINTS}`);
    const root = await h.fake.waitFor(() => h.rootMessages('C100')[0]);
    await h.nextInThread(root.ts, 0);
    await h.say(root.ts, 'none');
    await h.fake.waitFor(() => h.thread(root.ts).find(isCard));
    await h.fake.waitFor(() => drawing);
    // Only the chart is still at work: the delivery that posted the card is over.
    let left = await h.adapter.drain(Date.now() + 50);
    while (left.some((label) => !label.startsWith('slack chart'))) left = await h.adapter.drain(Date.now() + 50);
    expect(left).toHaveLength(1);
    time.tick();
    await new Promise((resolve) => setImmediate(resolve));
    expect(h.fake.fileShares).toEqual([]);

    release();
    await h.fake.waitFor(() => h.fake.fileShares.find((f) => f.threadTs === root.ts));
    expect(h.thread(root.ts).filter(isNote)).toEqual([]);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => String(c.args.text).startsWith('Working on it'))).toEqual([]);
  });

  it('posts nothing when the card and chart were in before the second was up', async () => {
    const time = clock();
    const h = (harness = await SlackHarness.start({ renderChart: async () => PNG, deps: { progressAfter: time.after } }));
    await direct(h, COMPLETE_BUT_CONSTRAINTS, { channel: 'D100' });
    const root = await h.fake.waitFor(() => h.rootMessages('D100')[0]);
    await finish(h, 'D100', root.ts, 'dm');
    await h.fake.waitFor(() => h.fake.fileShares.find((f) => f.threadTs === root.ts));
    await h.adapter.drain(Date.now() + 5000);

    expect(time.started).toBeGreaterThan(0);
    time.tick();
    await new Promise((resolve) => setImmediate(resolve));
    expect(h.fake.callsTo('chat.postMessage').filter((c) => String(c.args.text).startsWith('Working on it'))).toEqual([]);
    expect(h.fake.callsTo('chat.delete')).toEqual([]);
  });

  it('a note left by a run that crashed is removed when the work is continued after the restart', async () => {
    const h = (harness = await SlackHarness.start({ renderChart: async () => PNG }));
    await mention(h, `${BOT} ${COMPLETE_BUT_CONSTRAINTS}`);
    const root = await h.fake.waitFor(() => h.rootMessages('C100')[0]);
    await h.nextInThread(root.ts, 0);

    // What a run killed mid-answer leaves: the answer acknowledged and unfinished, its note in the thread.
    const ref = { platform: 'slack', workspace: TEAM, deliveryId: 'event:EvCrashedMidAnswer' };
    const at = new Date().toISOString();
    const ledger = createSqliteDeliveryLedger(h.db);
    const work = { kind: 'message', workspace: TEAM, channel: 'C100', user: 'U100', text: 'none', threadTs: root.ts };
    await ledger.enqueue({ platform: 'slack', workspace: TEAM, deliveryId: ref.deliveryId, at, lane: `${TEAM}/C100/${root.ts}`, payload: work, raw: null });
    await ledger.recordEffect(ref, 'progress#1', { channel: 'C100', thread: root.ts }, at);
    h.fake.messages.push({
      channel: 'C100',
      ts: nextTs(),
      threadTs: root.ts,
      text: 'Working on it…',
      blocks: [],
      edits: 0,
      metadata: { event_type: 'serverless_fit_post', event_payload: { step: `${ref.deliveryId}/progress` } },
    });

    await h.restart();
    await h.fake.waitFor(() => h.thread(root.ts).find(isCard));
    await h.fake.waitFor(() => h.fake.deleted.find(isNote));
    expect(h.thread(root.ts).filter(isNote)).toEqual([]);
    expect(h.thread(root.ts).filter(isCard)).toHaveLength(1);
  });
});
