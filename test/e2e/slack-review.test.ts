import { afterEach, describe, expect, it } from 'vitest';
import { blockKitError } from './fakes/slack-block-kit-rules.js';
import { blocksText, button, SlackHarness } from './fakes/slack-harness.js';
import type { FakeMessage } from './fakes/slack-web-api.js';

// A design review through the real Bolt app, the real advisor on a temp
// SQLite file and the fake Slack Web API: the living card at the top of the
// thread, components by text, by a pasted list and by the modal, two people
// editing, a restart half way, and the totals checked against the rows.

let harness: SlackHarness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const LIST = [
  '- image pipeline: resize uploads, 2 s, 3k/day',
  '- checkout api: REST API, 200 rps 24/7, 80 ms',
  '- stripe webhook: 5k/day, 300 ms',
  '- nightly report: every night, 45 minutes',
].join('\n');

const money = (text: string) => Number(text.replace(/[$,]/g, ''));

/** The card's component rows and totals, read back from the rendered blocks. */
function figures(card: FakeMessage) {
  const text = (card.blocks as { type: string; text?: { text: string } }[]).map((b) => b.text?.text ?? '').join('\n');
  const rows = [...text.matchAll(/^• (?::\w+: )?(.+?): (?:fit|marginal|avoid), .+?, (\$[\d,.]+)\/month \(serverless (\$[\d,.]+|n\/a), containers (\$[\d,.]+)\)$/gm)].map((m) => ({
    name: m[1] ?? '',
    recommended: money(m[2] ?? ''),
    serverless: m[3] === 'n/a' ? 0 : money(m[3] ?? ''),
    containers: money(m[4] ?? ''),
  }));
  const total = (label: string) => money(new RegExp(`${label}: (\\$[\\d,.]+)/month`).exec(text)?.[1] ?? 'NaN');
  return { rows, recommended: total('Recommended hybrid plan'), serverless: total('All serverless'), containers: total('All containers') };
}

/** Sends a thread message and waits for the bot's answer to it. */
async function say(h: SlackHarness, root: FakeMessage, text: string, user: string): Promise<FakeMessage> {
  const before = h.thread(root.ts).length;
  await h.say(root.ts, text, { user });
  return h.nextInThread(root.ts, before);
}

describe('a design review in a Slack thread', () => {
  it('five components, two people, a modal, a restart: the card stays current and its totals add up', async () => {
    const h = (harness = await SlackHarness.start());

    const ack = await h.command('review checkout platform', { user: 'U100' });
    expect(ack.status).toBe(200);
    const root = await h.fake.waitFor(() => h.rootMessages().find((m) => blocksText(m).includes('Design review: checkout platform')));
    expect(blocksText(root)).toContain('No components yet');
    const howTo = await h.nextInThread(root.ts, 0);
    expect(blocksText(howTo)).toContain('Add components in this thread');
    const [review] = h.rows<{ id: string; anchor: string }>('SELECT id, anchor FROM reviews');
    expect(review?.anchor).toBe(root.ts);

    // A pasted list from one person; the interview starts with the first component.
    const first = await say(h, root, LIST, 'U100');
    expect(blocksText(first)).toContain('image pipeline: Anything special?');
    expect(blocksText(root)).toContain('4 components, 0 assessed, 4 in interview');

    // A second person answers; then a restart half way through the interviews.
    await say(h, root, 'none', 'U200');
    await h.restart();
    await say(h, root, 'none', 'U200');

    // The "Add component" button on the card opens a modal; its text adds a fifth component.
    await h.click(root, button(root, /Add component/), 'U200');
    const open = await h.fake.waitFor(() => h.fake.callsTo('views.open')[0]);
    const view = JSON.parse(String(open.args.view)) as { private_metadata: string; callback_id: string };
    const form = { callbackId: view.callback_id, blockId: 'component' };
    const empty = await h.submitModal(view.private_metadata, ' ', 'U200', form);
    expect(JSON.parse(empty.body)).toMatchObject({ response_action: 'errors' });
    const before = h.thread(root.ts).length;
    await h.submitModal(view.private_metadata, 'edge redirects: cloudflare, 50 rps, 5 ms', 'U200', form);
    await h.nextInThread(root.ts, before);
    expect(blocksText(root)).toContain('5 components');

    // Answer what is left, by text and by a quick-reply button.
    let next = await say(h, root, 'none', 'U100');
    while (blocksText(next).includes('Anything special?')) {
      const b = button(next, /None of these/);
      const count = h.thread(root.ts).length;
      await h.click(next, b, 'U100');
      next = await h.nextInThread(root.ts, count);
    }
    expect(blocksText(next)).toMatch(/Assessed /);

    // A change by the second person moves the card in place.
    const edits = root.edits;
    const changed = await say(h, root, 'image pipeline takes 20 min now', 'U200');
    expect(blocksText(changed)).toContain('Changed image pipeline: avoid');
    await h.fake.waitFor(() => root.edits > edits);
    expect(blockKitError(root.blocks)).toBeNull();

    // The card's totals are the sums of its rows (each rounded to the cent on the card).
    const card = figures(root);
    expect(card.rows.map((r) => r.name).sort()).toEqual(['checkout api', 'edge redirects', 'image pipeline', 'nightly report', 'stripe webhook']);
    const sum = (pick: (r: (typeof card.rows)[number]) => number) => card.rows.reduce((n, r) => n + pick(r), 0);
    expect(Math.abs(sum((r) => r.recommended) - card.recommended)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(sum((r) => r.containers) - card.containers)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(sum((r) => r.serverless) - card.serverless)).toBeLessThanOrEqual(0.05);

    // "summary" reposts the card in the thread; "history" shows who did what.
    const summary = await say(h, root, 'summary', 'U100');
    expect(blocksText(summary)).toContain('Recommended hybrid plan');
    const history = await say(h, root, 'history', 'U100');
    expect(blocksText(history)).toMatch(/U100 {2}add image pipeline/);
    expect(blocksText(history)).toMatch(/U200 {2}add edge redirects/);
    expect(blocksText(history)).toMatch(/U200 {2}change image pipeline: takes 20 min now/);
    const actors = h.rows<{ actor: string }>('SELECT DISTINCT actor FROM review_changes ORDER BY actor').map((r) => r.actor);
    expect(actors).toEqual(['U100', 'U200']);

    // "close" freezes it: the final card in the thread and at the top.
    const final = await say(h, root, 'close', 'U100');
    expect(blocksText(final)).toContain('Final design review: checkout platform');
    await h.fake.waitFor(() => blocksText(root).includes('Final design review'));
    expect(h.rows('SELECT status FROM reviews')).toEqual([{ status: 'closed' }]);
    expect(h.rows('SELECT id FROM conversations')).toHaveLength(0);
  }, 30_000);

  it('lists reviews privately and reopens one by id', async () => {
    const h = (harness = await SlackHarness.start());
    await h.command('review payments', { user: 'U100' });
    const root = await h.fake.waitFor(() => h.rootMessages().find((m) => blocksText(m).includes('Design review: payments')));
    await h.nextInThread(root.ts, 0);
    await say(h, root, 'close', 'U100');
    const [review] = h.rows<{ id: string }>('SELECT id FROM reviews');

    await h.command('review list', { user: 'U200', channel: 'C100' });
    const listed = await h.fake.waitFor(() => h.fake.responses.find((r) => JSON.stringify(r.body).includes('Design reviews (1)')));
    expect(JSON.stringify(listed.body)).toContain(`${review?.id}  closed  payments`);

    await h.command(`review ${review?.id}`, { user: 'U200' });
    await h.fake.waitFor(() => (blocksText(root).includes('Design review: payments') && !blocksText(root).includes('Final') ? true : undefined));
    expect(h.rows('SELECT status FROM reviews')).toEqual([{ status: 'open' }]);
    expect(h.rootMessages()).toHaveLength(1);
  });
});
