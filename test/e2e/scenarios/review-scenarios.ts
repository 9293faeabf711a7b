import { expect } from 'vitest';
import { eventually } from '../fakes/chat-driver.js';
import type { PlatformDriver, Posted } from './platform-driver.js';

// Design reviews, written once for every platform: the living card at the
// top of the thread, components by a pasted list, by text and by the form
// behind the card's button, two people editing, a restart half way, the
// totals checked against the rows, the trail, closing, listing, reopening.

const LIST = [
  '- image pipeline: resize uploads, 2 s, 3k/day',
  '- checkout api: REST API, 200 rps 24/7, 80 ms',
  '- stripe webhook: 5k/day, 300 ms',
  '- nightly report: every night, 45 minutes',
].join('\n');

const money = (text: string) => Number(text.replace(/[$,]/g, ''));

/** The card's component rows and totals, read back from what it says. */
function figures(text: string) {
  const row = /^(?:\s*[•*] )?(?::\w+: |[^\s\w]+ )?(.+?): (?:fit|marginal|avoid), .+?, (\$[\d,.]+)\/month \(serverless (\$[\d,.]+|n\/a), containers (\$[\d,.]+)\)$/gmu;
  const rows = [...text.matchAll(row)].map((m) => ({
    name: m[1] ?? '',
    recommended: money(m[2] ?? ''),
    serverless: m[3] === 'n/a' ? 0 : money(m[3] ?? ''),
    containers: money(m[4] ?? ''),
  }));
  const total = (label: string) => money(new RegExp(`${label}: (\\$[\\d,.]+)/month`).exec(text)?.[1] ?? 'NaN');
  return { rows, recommended: total('Recommended hybrid plan'), serverless: total('All serverless'), containers: total('All containers') };
}

const textOf = (d: PlatformDriver, message: Posted) => d.read(message).text;

/** Waits for the thread to hold more than `seen` bot messages; the newest. */
export function nextIn(d: PlatformDriver, root: Posted, seen: number): Promise<Posted> {
  return eventually(() => (d.thread(root).length > seen ? d.thread(root).at(-1) : undefined), `message ${seen + 1} in the thread`);
}

/** A thread message and the bot's answer to it. */
export async function say(d: PlatformDriver, root: Posted, user: string, text: string): Promise<Posted> {
  const seen = d.thread(root).length;
  await d.say(user, root, text);
  return nextIn(d, root, seen);
}

/** Presses a button on `message` and waits for the next message in the thread. */
async function press(d: PlatformDriver, root: Posted, user: string, message: Posted, label: RegExp): Promise<Posted> {
  const seen = d.thread(root).length;
  await d.press(user, message, label);
  return nextIn(d, root, seen);
}

async function openReview(d: PlatformDriver, channel: string, user: string, name: string): Promise<Posted> {
  await d.command(user, channel, `review ${name}`);
  return eventually(() => d.roots(channel).find((m) => textOf(d, m).includes(`Design review: ${name}`)), 'the review card');
}

export async function fiveComponentsTwoPeopleAndARestart(d: PlatformDriver): Promise<void> {
  const alice = d.user('alice');
  const bob = d.user('bob');
  const channel = d.channel();

  const root = await openReview(d, channel, alice, 'checkout platform');
  expect(textOf(d, root)).toContain('No components yet');
  const howTo = await nextIn(d, root, 0);
  expect(textOf(d, howTo)).toContain('Add components in this thread');
  const review = await d.app.ports.reviews.findByThread({ platform: d.platform, workspace: d.workspace, channel, thread: root.id });
  expect(review?.anchor).toBe(root.id);
  const reviewId = review?.id ?? '';

  // A pasted list from one person; the interview starts with the first component.
  const first = await say(d, root, alice, LIST);
  expect(textOf(d, first)).toContain('image pipeline: Anything special?');
  expect(textOf(d, root)).toContain('4 components, 0 assessed, 4 in interview');

  // A second person answers by text; a restart half way; the interview carries on.
  await say(d, root, bob, 'none');
  await d.app.restart();
  let next = await say(d, root, bob, 'none');

  // What is left, by the quick-reply buttons.
  for (let step = 0; step < 6 && textOf(d, next).includes('Anything special?'); step += 1) next = await press(d, root, alice, next, /None of these/);
  expect(textOf(d, next)).toMatch(/Assessed /);

  // The card's "Add component" opens a form; an empty one is turned back, a filled one adds a fifth component.
  await d.press(bob, root, /Add component/);
  expect(await d.submitForm(bob, ' ')).toBe('refused');
  const seen = d.thread(root).length;
  expect(await d.submitForm(bob, 'edge redirects: cloudflare, 50 rps, 5 ms')).toBe('accepted');
  const question = await nextIn(d, root, seen);
  expect(textOf(d, question)).toContain('edge redirects: Anything special?');
  expect(textOf(d, root)).toContain('5 components');
  await press(d, root, alice, question, /None of these/);
  await eventually(() => textOf(d, root).includes('5 components, 5 assessed'), 'the card to show five assessed');

  // A change by the second person moves the card in place.
  const edits = d.read(root).edits;
  const changed = await say(d, root, bob, 'image pipeline takes 20 min now');
  expect(textOf(d, changed)).toContain('Changed image pipeline: avoid');
  await eventually(() => d.read(root).edits > edits, 'the card to be edited');
  expect(d.read(root).edits).toBeGreaterThan(3);
  expect(d.limitProblem(root)).toBeNull();

  // The card's totals are the sums of its rows (each rounded to the cent on the card).
  const card = figures(textOf(d, root));
  expect(card.rows.map((r) => r.name).sort()).toEqual(['checkout api', 'edge redirects', 'image pipeline', 'nightly report', 'stripe webhook']);
  const sum = (pick: (r: (typeof card.rows)[number]) => number) => card.rows.reduce((n, r) => n + pick(r), 0);
  expect(Math.abs(sum((r) => r.recommended) - card.recommended)).toBeLessThanOrEqual(0.05);
  expect(Math.abs(sum((r) => r.containers) - card.containers)).toBeLessThanOrEqual(0.05);
  expect(Math.abs(sum((r) => r.serverless) - card.serverless)).toBeLessThanOrEqual(0.05);

  // "summary" reposts the card in the thread; "history" shows who did what.
  expect(textOf(d, await say(d, root, alice, 'summary'))).toContain('Recommended hybrid plan');
  const history = textOf(d, await say(d, root, alice, 'history'));
  expect(history).toContain(`${alice}  add image pipeline`);
  expect(history).toContain(`${bob}  add edge redirects`);
  expect(history).toContain(`${bob}  change image pipeline: takes 20 min now`);
  const trail = await d.app.ports.reviews.changes(d.workspace, reviewId);
  expect(new Set(trail.map((c) => c.actor))).toEqual(new Set([alice, bob]));
  expect(trail.filter((c) => c.actor === bob).map((c) => c.kind)).toEqual(expect.arrayContaining(['answer', 'change', 'add']));

  // "close" freezes it: the final card in the thread and at the top; no conversation is left open.
  expect(textOf(d, await say(d, root, alice, 'close'))).toContain('Final design review: checkout platform');
  await eventually(() => textOf(d, root).includes('Final design review'), 'the final card at the top');
  expect((await d.app.ports.reviews.get(d.workspace, reviewId))?.status).toBe('closed');
  expect(await d.app.ports.store.list(d.workspace)).toHaveLength(0);
}

export async function reviewsListedPrivatelyAndReopenedById(d: PlatformDriver): Promise<void> {
  const alice = d.user('alice');
  const bob = d.user('bob');
  const channel = d.channel();
  const root = await openReview(d, channel, alice, 'payments');
  await nextIn(d, root, 0);
  // Closed from the card's own button.
  await d.press(alice, root, /Close review/);
  await eventually(() => textOf(d, root).includes('Final design review: payments'), 'the final card');
  const [review] = await d.app.ports.reviews.list(d.workspace, { platform: d.platform });
  expect(review?.status).toBe('closed');

  const listed = await d.privately(bob, channel, 'review list');
  expect(listed).toMatch(/Design reviews \(1\)[\s\S]*payments/);
  expect(listed).toContain(`${review?.id}  closed  payments`);

  await d.command(bob, channel, `review ${review?.id}`);
  await eventually(() => textOf(d, root).includes('Design review: payments') && !textOf(d, root).includes('Final'), 'the card open again');
  expect((await d.app.ports.reviews.get(d.workspace, review?.id ?? ''))?.status).toBe('open');
  expect(d.roots(channel)).toHaveLength(1);

  // The week's digest counts the review's work: opened, closed and reopened, still open now.
  const digest = await d.privately(bob, channel, 'digest preview');
  expect(digest).toContain('Design reviews');
  expect(digest).toMatch(/1 review changed: 1 opened · 0 closed · 3 changes/);
  expect(digest).toMatch(/payments \(open\): 0 components, 0 assessed · plan \$0\.00\/month · this week: opened · closed · reopened/);
}
