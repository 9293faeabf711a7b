import { afterEach, describe, expect, it } from 'vitest';
import { blockKitError } from './fakes/slack-block-kit-rules.js';
import { blocksText, button, buttons, SlackHarness } from './fakes/slack-harness.js';
import type { FakeMessage } from './fakes/slack-web-api.js';

// The real Bolt app over HTTP, the real advisor on a temp SQLite file, a fake
// Slack Web API. Each test walks a conversation the way people would.

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

let harness: SlackHarness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function begin(h: SlackHarness, text: string, who: { user?: string; channel?: string } = {}): Promise<{ root: FakeMessage; question: FakeMessage }> {
  const before = h.rootMessages(who.channel).length;
  const response = await h.command(text, who);
  expect(response.status).toBe(200);
  const root = await h.fake.waitFor(() => h.rootMessages(who.channel)[before]);
  const question = await h.nextInThread(root.ts, 0);
  return { root, question };
}

/** A description with traffic and duration leaves one question (constraints); "none" finishes it. */
async function assessed(h: SlackHarness): Promise<{ root: FakeMessage; card: FakeMessage }> {
  const { root, question } = await begin(h, 'resize images on upload, 3000 a day, 1 s each');
  expect(blocksText(question)).toContain('Anything special?');
  await h.say(root.ts, 'none');
  const card = await h.fake.waitFor(() => h.thread(root.ts).find((m) => blocksText(m).includes('*Monthly cost*')));
  return { root, card };
}

describe('a whole conversation in a thread', () => {
  it('command -> questions in the thread -> text and button answers -> card -> what-if', async () => {
    const h = (harness = await SlackHarness.start({ renderChart: async () => PNG }));

    const ack = await h.command('resize images on upload', { user: 'U100' });
    expect(ack.status).toBe(200);
    expect(ack.elapsedMs).toBeLessThan(3000);

    const root = await h.fake.waitFor(() => h.rootMessages()[0]);
    expect(blocksText(root)).toContain('<@U100> asked whether this should run serverless');
    expect(blocksText(root)).toContain('resize images on upload');

    const traffic = await h.nextInThread(root.ts, 0);
    expect(blocksText(traffic)).toContain('How much traffic');
    expect(buttons(traffic).map((b) => b.label)).toContain('~1,000 a day');

    // Anyone in the thread may answer, by text...
    await h.say(root.ts, '3000 a day', { user: 'U200' });
    const duration = await h.nextInThread(root.ts, 1);
    expect(blocksText(duration)).toContain('How long does one run take');
    expect(blocksText(duration)).toContain('3,000 requests/day');

    // ...or by button.
    const click = await h.click(duration, button(duration, /~1 s/), 'U300');
    expect(click.status).toBe(200);
    const constraints = await h.nextInThread(root.ts, 2);
    expect(blocksText(constraints)).toContain('Anything special?');

    await h.say(root.ts, 'none');
    const card = await h.nextInThread(root.ts, 3);
    const cardText = blocksText(card);
    expect(cardText).toContain(':large_green_circle: *Fit: run it on AWS Lambda*');
    expect(cardText).toContain('*Monthly cost*');
    // CPU-bound work gets one full Lambda vCPU by default: 91,250 runs x 1 s x 1,769 MB = 157,638 GB-s ($2.63) + requests ($0.02).
    expect(cardText).toMatch(/AWS Lambda \(x86\) +\$2\.65/);
    expect(cardText).toContain('&lt;- cheapest');

    // The root now shows the verdict, so the channel sees it without opening the thread.
    await h.fake.waitFor(() => root.edits === 1);
    expect(blocksText(root)).toContain('Fit: run it on AWS Lambda');
    expect(h.fake.callsTo('chat.update')[0]?.args).toMatchObject({ channel: 'C100', ts: root.ts });

    // The chart goes into the thread through the three upload steps.
    const completed = await h.fake.waitFor(() => h.fake.callsTo('files.completeUploadExternal')[0]);
    expect(completed.args).toMatchObject({ channel_id: 'C100', thread_ts: root.ts });
    expect(h.fake.callsTo('files.getUploadURLExternal')[0]?.args).toMatchObject({ filename: 'serverless-fit-costs.png', length: String(PNG.length) });
    expect([...h.fake.uploads.values()][0]).toBeGreaterThanOrEqual(PNG.length);

    await h.say(root.ts, 'what if traffic doubles', { user: 'U200' });
    const whatIf = await h.nextInThread(root.ts, 4);
    expect(blocksText(whatIf)).toContain('*What changed*');
    // Twice the runs: 182,500 x 1 s x 1,769 MB = 315,277 GB-s ($5.25) + requests ($0.04).
    expect(blocksText(whatIf)).toMatch(/AWS Lambda \(x86\) +\$5\.29/);
    await h.fake.waitFor(() => root.edits === 2);

    // Everything Slack was sent was valid Block Kit.
    for (const m of h.fake.messages) expect(blockKitError(m.blocks)).toBeNull();

    const [conversation] = h.rows<{ id: string; status: string; thread: string; user: string; anchor: string }>('SELECT * FROM conversations');
    expect(conversation).toMatchObject({ status: 'complete', thread: root.ts, user: 'U100', anchor: root.ts });
    const turns = h.rows<{ role: string; kind: string; actor: string; text: string }>('SELECT role, kind, actor, text FROM turns ORDER BY seq');
    expect(turns.filter((t) => t.role === 'user').map((t) => [t.actor, t.text])).toEqual([
      ['U100', 'resize images on upload'],
      ['U200', '3000 a day'],
      ['U300', 'duration:1 s'],
      ['U100', 'none'],
      ['U200', 'what if traffic doubles'],
    ]);
    const assessments = h.rows<{ verdict: string; reassessment: number }>('SELECT verdict, reassessment FROM assessments ORDER BY at, reassessment');
    expect(assessments).toEqual([
      { verdict: 'fit', reassessment: 0 },
      { verdict: 'fit', reassessment: 1 },
    ]);
  });

  it('card buttons: a what-if re-assesses in the thread and share posts the card in the channel itself', async () => {
    const h = (harness = await SlackHarness.start());
    const { root, card } = await assessed(h);
    const count = h.thread(root.ts).length;

    await h.click(card, button(card, /Traffic x10/));
    const whatIf = await h.nextInThread(root.ts, count);
    expect(blocksText(whatIf)).toContain('*What changed*');

    await h.click(card, button(card, /Share to channel/), 'U555');
    const shared = await h.fake.waitFor(() => h.rootMessages().find((m) => blocksText(m).includes('Shared by <@U555>')));
    expect(shared.threadTs).toBeUndefined();
    expect(blocksText(shared)).toContain('*Monthly cost*');
  });

  it('the card comes first; a chart still being drawn follows it into the thread', async () => {
    // The chart is held until the card is seen: a slow chart cannot delay the answer.
    let draw: (png: Buffer) => void = () => undefined;
    const drawn = new Promise<Buffer>((resolve) => (draw = resolve));
    const h = (harness = await SlackHarness.start({ renderChart: () => drawn }));
    const { root, card } = await assessed(h);
    await h.fake.waitFor(() => root.edits === 1);
    expect(h.fake.callsTo('files.getUploadURLExternal')).toHaveLength(0);
    expect(h.fake.fileShares).toHaveLength(0);

    draw(PNG);
    const share = await h.fake.waitFor(() => h.fake.fileShares.find((f) => f.threadTs === root.ts));
    expect(share.files[0]?.bytes).toEqual(PNG);
    const cardPost = h.fake.calls.findIndex((c) => c.method === 'chat.postMessage' && JSON.stringify(c.args).includes('*Monthly cost*'));
    const upload = h.fake.calls.findIndex((c) => c.method === 'files.completeUploadExternal');
    expect(cardPost).toBeGreaterThanOrEqual(0);
    expect(cardPost).toBeLessThan(upload);
    expect(card.threadTs).toBe(root.ts);
  });

  it('the chart failing to render never stops the card', async () => {
    const h = (harness = await SlackHarness.start({ renderChart: async () => Promise.reject(new Error('resvg exploded')) }));
    const { root } = await assessed(h);
    await h.fake.waitFor(() => root.edits === 1);
    // The root is edited before the chart is drawn, so the warning may come a moment after the edit.
    const warned = await h.fake.waitFor(() => h.logger.entries.some((e) => e.level === 'warn' && e.message.includes('chart rendering failed')));
    expect(warned).toBe(true);
    expect(h.fake.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });
});

describe('the three-second rule', () => {
  it('acknowledges the slash command before any Slack call, even when Slack is slow', async () => {
    const h = (harness = await SlackHarness.start());
    h.fake.delays.set('chat.postMessage', 1500);
    const ack = await h.command('resize images on upload');
    expect(ack.status).toBe(200);
    expect(ack.elapsedMs).toBeLessThan(1000);
    expect(h.fake.messages).toHaveLength(0);
    const root = await h.fake.waitFor(() => h.rootMessages()[0]);
    expect(blocksText(root)).toContain('resize images on upload');
  });
});

// help, history and forget-me are shared by every platform: test/e2e/scenarios/assessment-scenarios.ts.
describe('the other ways in', () => {
  it('no text opens a modal; submitting it starts the conversation in the channel', async () => {
    const h = (harness = await SlackHarness.start());
    await h.command('', { triggerId: '42.42.modal' });
    const open = await h.fake.waitFor(() => h.fake.callsTo('views.open')[0]);
    expect(open.args.trigger_id).toBe('42.42.modal');
    const view = JSON.parse(String(open.args.view)) as { private_metadata: string; callback_id: string };
    expect(view.callback_id).toBe('sf-start');

    const empty = await h.submitModal(view.private_metadata, '   ');
    expect(JSON.parse(empty.body)).toMatchObject({ response_action: 'errors' });

    const submitted = await h.submitModal(view.private_metadata, 'nightly cleanup job');
    expect(submitted.status).toBe(200);
    const root = await h.fake.waitFor(() => h.rootMessages()[0]);
    expect(blocksText(root)).toContain('nightly cleanup job');
    const question = await h.nextInThread(root.ts, 0);
    expect(blocksText(question)).toContain('?');
    expect(h.rows('SELECT id FROM conversations')).toHaveLength(1);
  });
});

describe('who the bot listens to', () => {
  it('ignores bots, itself, edits and threads it does not own', async () => {
    const h = (harness = await SlackHarness.start());
    const { root } = await begin(h, 'resize images on upload');
    await h.say(root.ts, '5000 a day', { user: 'U900', botId: 'B900' });
    await h.say(root.ts, '5000 a day', { user: '', botId: 'B900', subtype: 'bot_message' });
    await h.say(root.ts, '5000 a day', { user: 'UBOT0001' });
    await h.say(root.ts, '5000 a day', { subtype: 'message_changed' });
    await h.say('1234.5678', '5000 a day');
    // A real answer after them: once it is answered, the ignored ones would have been too.
    await h.say(root.ts, '3000 a day');
    const next = await h.nextInThread(root.ts, 1);
    expect(blocksText(next)).toContain('3,000 requests/day');
    expect(h.thread(root.ts)).toHaveLength(2);
    expect(h.thread('1234.5678')).toHaveLength(0);
    expect(h.rows('SELECT * FROM turns WHERE role = ?', 'user')).toHaveLength(2);
    // Only deliveries the bot acted on are remembered.
    expect(h.rows<{ delivery_id: string }>("SELECT delivery_id FROM deliveries WHERE delivery_id LIKE 'event:%'")).toHaveLength(1);
  });

  it('processes a retried event (X-Slack-Retry-Num, same event_id) once', async () => {
    const h = (harness = await SlackHarness.start());
    const { root } = await begin(h, 'resize images on upload');
    const first = await h.say(root.ts, '3000 a day');
    await h.nextInThread(root.ts, 1);
    const retry = await h.say(root.ts, '3000 a day', { eventId: first.eventId, retryNum: 1 });
    expect(retry.response.status).toBe(200);
    await h.say(root.ts, '1 s');
    await h.nextInThread(root.ts, 2);
    expect(h.thread(root.ts)).toHaveLength(3);
    expect(h.rows("SELECT * FROM turns WHERE role = 'user' AND text = '3000 a day'")).toHaveLength(1);
  });

  it('keeps two conversations in parallel threads apart', async () => {
    const h = (harness = await SlackHarness.start());
    const [a, b] = await Promise.all([
      h.command('resize images on upload', { user: 'UA', channel: 'C100' }),
      h.command('REST API for the mobile app', { user: 'UB', channel: 'C100' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const roots = await h.fake.waitFor(() => (h.rootMessages().length === 2 ? h.rootMessages() : undefined));
    const rootA = roots.find((r) => blocksText(r).includes('<@UA>'));
    const rootB = roots.find((r) => blocksText(r).includes('<@UB>'));
    if (!rootA || !rootB) throw new Error('both roots expected');
    await Promise.all([h.nextInThread(rootA.ts, 0), h.nextInThread(rootB.ts, 0)]);

    await Promise.all([h.say(rootA.ts, '3000 a day', { user: 'UA' }), h.say(rootB.ts, '1000 rps 24/7', { user: 'UB' })]);
    const [nextA, nextB] = await Promise.all([h.nextInThread(rootA.ts, 1), h.nextInThread(rootB.ts, 1)]);
    expect(blocksText(nextA)).toContain('3,000 requests/day');
    expect(blocksText(nextA)).not.toContain('1,000 req/s');
    expect(blocksText(nextB)).toContain('1,000 req/s');
    expect(blocksText(nextB)).not.toContain('3,000 requests/day');

    const rows = h.rows<{ thread: string; user: string; facts: string }>('SELECT thread, user, facts FROM conversations ORDER BY user');
    expect(rows.map((r) => [r.user, r.thread])).toEqual([
      ['UA', rootA.ts],
      ['UB', rootB.ts],
    ]);
    expect(rows[0]?.facts).toContain('resize images');
    expect(rows[1]?.facts).toContain('REST API');
  });

  it('resumes an interview after a restart, from SQLite', async () => {
    const h = (harness = await SlackHarness.start());
    const { root } = await begin(h, 'resize images on upload');
    await h.say(root.ts, '3000 a day');
    await h.nextInThread(root.ts, 1);

    await h.restart();

    await h.say(root.ts, '1 s');
    const next = await h.nextInThread(root.ts, 2);
    expect(blocksText(next)).toContain('Anything special?');
    expect(blocksText(next)).toContain('3,000 requests/day');
    expect(h.rows('SELECT id FROM conversations')).toHaveLength(1);
  });
});

describe('requests that are not from Slack', () => {
  it.each([
    ['a forged signature', { signature: 'v0=' + '0'.repeat(64) }],
    ['a signature made with another secret', { secret: 'not-the-secret' }],
    ['a stale timestamp (6 minutes old)', { timestamp: Math.floor(Date.now() / 1000) - 360 }],
  ])('%s gets 401 and stores nothing', async (_name, send) => {
    const h = (harness = await SlackHarness.start());
    const response = await h.command('resize images on upload', {}, send);
    expect(response.status).toBe(401);
    const event = await h.say('1700000001.000001', 'hello'); // a properly signed one still works afterwards
    expect(event.response.status).toBe(200);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
    expect(h.rows('SELECT * FROM conversations')).toHaveLength(0);
    expect(h.rows('SELECT * FROM turns')).toHaveLength(0);
    expect(h.rows('SELECT * FROM deliveries')).toHaveLength(0);
  });
});

describe('when Slack says no', () => {
  it('not_in_channel: tells the asker privately how to invite the bot, and saves nothing', async () => {
    const h = (harness = await SlackHarness.start());
    h.fake.notInChannel.add('C404');
    await h.command('resize images on upload', { channel: 'C404' });
    const told = await h.fake.waitFor(() => h.fake.responses[0]);
    expect(told.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(told.body)).toContain('/invite @serverless-fit');
    expect(h.rows('SELECT * FROM conversations')).toHaveLength(0);
  });

  it('channel_not_found: a clear private message', async () => {
    const h = (harness = await SlackHarness.start());
    h.fake.missingChannels.add('G999');
    await h.command('resize images on upload', { channel: 'G999' });
    const told = await h.fake.waitFor(() => h.fake.responses[0]);
    expect(JSON.stringify(told.body)).toContain("I can't see <#G999>");
  });

  it('a rate limit is retried per Retry-After and the post goes through', async () => {
    const h = (harness = await SlackHarness.start());
    h.fake.failNext('chat.postMessage', { error: 'ratelimited', retryAfter: 0, times: 2 });
    const { root } = await begin(h, 'resize images on upload');
    expect(blocksText(root)).toContain('resize images on upload');
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.error === 'ratelimited')).toHaveLength(2);
    expect(h.logger.entries.filter((e) => e.message === 'slack rate limit, retrying')).toHaveLength(2);
  });

  it('a post that keeps failing loses nothing: the user is told, the turn is saved, the next message continues', async () => {
    const h = (harness = await SlackHarness.start());
    const { root } = await begin(h, 'resize images on upload');
    h.fake.failNext('chat.postMessage', { error: 'ratelimited', retryAfter: 0, times: 3 });
    await h.say(root.ts, '3000 a day', { user: 'U200' });
    const told = await h.fake.waitFor(() => h.fake.callsTo('chat.postEphemeral')[0]);
    expect(told.args).toMatchObject({ channel: 'C100', user: 'U200', thread_ts: root.ts });
    expect(String(told.args.text)).toContain('Everything so far is saved');
    expect(h.rows("SELECT * FROM turns WHERE text = '3000 a day'")).toHaveLength(1);

    await h.say(root.ts, '1 s', { user: 'U200' });
    const next = await h.nextInThread(root.ts, 1);
    expect(blocksText(next)).toContain('Anything special?');
    expect(blocksText(next)).toContain('3,000 requests/day');
  });

  it('an over-long description is refused with its length in the acknowledgement, before anything is stored or posted', async () => {
    const h = (harness = await SlackHarness.start());
    const ack = await h.command(`resize images ${'x'.repeat(5000)}`);
    expect(ack.status).toBe(200);
    expect(JSON.parse(ack.body)).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('too long (5,014 characters, max 4,000)') });
    expect(h.rootMessages()).toHaveLength(0);
    expect(h.rows('SELECT * FROM deliveries')).toHaveLength(0);
  });
});

describe('failures on our side', () => {
  it('a database that cannot be used: nothing is taken without its record, the operator is told, the process keeps serving', async () => {
    const h = (harness = await SlackHarness.start());
    const { root } = await begin(h, 'resize images on upload');
    const posted = h.fake.messages.length;
    h.db.close();
    // An event is left unacknowledged, so Slack sends it again later.
    const { response } = await h.say(root.ts, '3000 a day', { user: 'U200' });
    expect(response.status).toBe(503);
    expect(JSON.parse(response.body)).toEqual({ error: expect.stringMatching(/could not save this event; Slack will retry/) });
    expect(h.logger.entries.some((e) => e.level === 'error' && e.message.startsWith('could not save a Slack delivery before acknowledging it'))).toBe(true);
    // A command is answered, privately, with why nothing started; still answering HTTP.
    const help = await h.command('help');
    expect(help.status).toBe(200);
    expect(JSON.parse(help.body)).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/could not save your request/) });
    expect(h.fake.messages).toHaveLength(posted);
  });
});
