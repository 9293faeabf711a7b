import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notSetUpText } from '../../src/core/dispatch/answers.js';
import { ACTION_IDS } from '../../src/core/action-ids.js';
import type { Reply, ReviewAttachment } from '../../src/core/advisor-types.js';
import { assess } from '../../src/core/assess.js';
import { buildCard } from '../../src/core/build-card.js';
import { REVIEW_ACTIONS } from '../../src/core/review/review-actions.js';
import type { Review } from '../../src/core/review/review-types.js';
import { createReviewHarness, type ReviewHarness } from '../helpers/review-harness.js';

// The design review through the one entry point, advisor.handle, over real SQLite.

let h: ReviewHarness;
beforeEach(() => {
  h = createReviewHarness();
});
afterEach(() => h.close());

function attachment(reply: Reply): ReviewAttachment {
  if (reply.kind === 'result' || !reply.review) throw new Error(`expected a review reply, got ${JSON.stringify(reply).slice(0, 300)}`);
  return reply.review;
}

async function review(): Promise<Review> {
  const found = await h.reviews.findByThread(h.key);
  if (!found) throw new Error('no review in the thread');
  return found;
}

async function component(name: string) {
  const found = (await review()).components.find((c) => c.name === name);
  if (!found) throw new Error(`no component ${name}`);
  return found;
}

const FIVE = [
  '- image pipeline: resize uploads, 2 s, 3k/day',
  '- checkout api: REST API, 200 rps 24/7, 80 ms, keeps a connection pool to postgres',
  '- stripe webhook: 5k/day, 300 ms',
  '- nightly report: every night, 45 minutes',
  '- edge redirects: cloudflare, 50 rps, 5 ms',
  '- orders db: postgres',
].join('\n');

/** Opens the review and adds the five workloads and a data store; answers "none" until no question is left. */
async function openWithFive(): Promise<Reply> {
  await h.send({ kind: 'review-open', name: 'checkout platform' });
  let reply = await h.say(FIVE, 'bob');
  for (let i = 0; i < 10 && reply.kind === 'question'; i++) reply = await h.say('none', i % 2 ? 'alice' : 'bob');
  return reply;
}

describe('opening a review', () => {
  it('shows an empty living card and owns the thread', async () => {
    const reply = await h.send({ kind: 'review-open', name: 'checkout platform' });
    const a = attachment(reply);
    expect(a).toMatchObject({ show: true, updated: true, anchor: null, thread: { platform: 'cli', workspace: 'W1', channel: 'C1', thread: 'T-review' } });
    expect(a.card.title).toBe('Design review: checkout platform');
    expect(await h.advisor.owns(h.key)).toBe(true);
    expect((await h.reviews.changes('W1', a.reviewId)).map((c) => [c.kind, c.actor])).toEqual([['open', 'alice']]);
  });

  it('asks for a name when none is given', async () => {
    expect(await h.send({ kind: 'review-open', name: '  ' })).toMatchObject({ kind: 'notice', level: 'error', text: expect.stringMatching(/Name the system/) });
  });

  it('answers that reviews are not set up when the advisor has no review store', async () => {
    const { createAdvisorHarness } = await import('../helpers/advisor-harness.js');
    const plain = createAdvisorHarness();
    try {
      expect(await plain.advisor.handle({ key: h.key, event: { kind: 'review-list' }, actor: 'alice' })).toMatchObject({ kind: 'notice', level: 'warning', text: notSetUpText('reviews') });
    } finally {
      plain.close();
    }
  });
});

describe('components and their interviews', () => {
  it('asks only what is missing and assesses as soon as nothing is', async () => {
    await h.send({ kind: 'review-open', name: 'shop' });
    const asked = await h.say('add image pipeline: resize uploads, 2 s, 3k/day');
    expect(asked).toMatchObject({ kind: 'question', question: { id: 'constraints', text: expect.stringMatching(/^image pipeline: Anything special/) } });
    const done = await h.say('none', 'bob');
    expect(done).toMatchObject({ kind: 'notice', text: expect.stringMatching(/Assessed image pipeline: fit, AWS Lambda/) });
    expect(attachment(done).updated).toBe(true);
    expect((await component('image pipeline')).last).toMatchObject({ verdict: 'fit', layer: 'functions' });
  });

  it('sends an unnamed answer to the first component still in interview, a named one to that component', async () => {
    await h.send({ kind: 'review-open', name: 'shop' });
    await h.say('- reports: nightly\n- search api: REST API, 120 ms');
    expect((await component('reports')).pending).toBe('duration');
    expect((await component('search api')).pending).toBe('traffic');
    // Named: goes to search api although reports is first in line.
    await h.say('search api: 50 rps', 'bob');
    expect((await component('search api')).facts.traffic).toBeDefined();
    expect((await component('reports')).facts.duration).toBeUndefined();
    // Unnamed: goes to reports, the first with an open question.
    const reply = await h.say('20 minutes', 'carol');
    expect((await component('reports')).facts.duration).toEqual({ typicalMs: 1_200_000, worstMs: 1_200_000 });
    expect(reply).toMatchObject({ kind: 'question', question: { text: expect.stringMatching(/^reports: /) } });
  });

  it('routes a quick reply by the component id it carries', async () => {
    await h.send({ kind: 'review-open', name: 'shop' });
    await h.say('- reports: nightly, 20 min\n- search api: REST API, 120 ms');
    const searchId = (await component('search api')).id;
    await h.send({ kind: 'action', actionId: ACTION_IDS.answer, value: `${searchId}|traffic:100 rps 24/7` }, 'dave');
    expect((await component('search api')).pending).toBe('constraints');
    await h.send({ kind: 'action', actionId: ACTION_IDS.assumeDefault, value: `${searchId}|constraints` });
    expect((await component('search api')).last).not.toBeNull();
    // A second press of an answered question changes nothing.
    const late = await h.send({ kind: 'action', actionId: ACTION_IDS.answer, value: `${searchId}|traffic:5 a day` });
    expect(late).toMatchObject({ question: { hint: expect.stringMatching(/already answered/) } });
    expect((await component('search api')).facts.traffic?.echo).toMatch(/100/);
  });

  it('asks again, with why, when an answer cannot be read', async () => {
    await h.send({ kind: 'review-open', name: 'shop' });
    await h.say('add search api: REST API, 120 ms');
    const reply = await h.say('200');
    expect(reply).toMatchObject({ kind: 'question', question: { id: 'traffic', hint: expect.stringMatching(/^200 what\? e\.g\./) } });
    expect((await component('search api')).misses).toBe(1);
  });

  it('adds a name once, and a data store without an interview', async () => {
    await h.send({ kind: 'review-open', name: 'shop' });
    await h.say('add orders db: postgres');
    expect(await component('orders db')).toMatchObject({ kind: 'data', pending: null, last: null });
    const again = await h.say('add Orders DB: mysql');
    expect(again).toMatchObject({ kind: 'notice', text: expect.stringMatching(/^Orders DB is already in the review/) });
    expect((await review()).components).toHaveLength(1);
  });

  it('places each component in the hybrid layout', async () => {
    await openWithFive();
    const card = attachment(await h.say('summary')).card;
    const byLayer = Object.fromEntries(card.layers.map((l) => [l.layer, l.components.map((c) => c.name).sort()]));
    expect(byLayer).toEqual({
      edge: ['edge redirects'],
      containers: ['checkout api', 'nightly report'],
      functions: ['image pipeline', 'stripe webhook'],
      data: ['orders db'],
    });
    expect(card.interviewing).toEqual([]);
  });
});

describe('the totals', () => {
  it('are the sums of the per-component figures, each checked against its own assessment', async () => {
    await openWithFive();
    const card = attachment(await h.say('summary')).card;
    const rows = card.layers.flatMap((l) => l.components).filter((c) => c.verdict !== null);
    expect(rows).toHaveLength(5);
    const sum = (pick: (r: (typeof rows)[number]) => number | null) => rows.reduce((n, r) => n + (pick(r) ?? 0), 0);
    expect(card.totals.recommendedUsd).toBeCloseTo(sum((r) => r.figures.recommended), 6);
    expect(card.totals.serverlessUsd).toBeCloseTo(sum((r) => r.figures.serverless), 6);
    expect(card.totals.containersUsd).toBeCloseTo(sum((r) => r.figures.containers), 6);
    // Each figure is what a single assessment of that component says.
    for (const row of rows) {
      const facts = (await component(row.name)).facts;
      const assessment = assess(facts, h.catalog, { chart: false });
      const recommended = buildCard(assessment, null, new Date('2026-11-26T12:00:00Z')).costs.find((c) => c.recommended);
      const expected = assessment.cost.costs.find((c) => c.platform === recommended?.platform)?.monthlyUsd;
      expect(row.figures.recommended).toBeCloseTo(expected ?? NaN, 6);
      const servers = assessment.cost.costs.filter((c) => c.kind === 'servers' && c.available).map((c) => c.monthlyUsd ?? Infinity);
      expect(row.figures.containers).toBeCloseTo(Math.min(...servers), 6);
    }
    expect(card.totalLines[0]).toBe(`Recommended hybrid plan: $${card.totals.recommendedUsd.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}/month`);
  });
});

describe('changes, what-ifs and the trail', () => {
  it('changes a component by its name and says what moved', async () => {
    await openWithFive();
    const reply = await h.say('image pipeline takes 20 min now', 'carol');
    expect(reply).toMatchObject({ kind: 'notice', text: expect.stringMatching(/Changed image pipeline: avoid, .*\(was fit, AWS Lambda/) });
    expect(attachment(reply).updated).toBe(true);
    expect((await component('image pipeline')).last?.layer).toBe('containers');
  });

  it('scales one component\'s traffic when told so, without "what if"', async () => {
    await openWithFive();
    const before = (await component('stripe webhook')).last?.averageRps ?? 0;
    await h.say('stripe webhook traffic doubles');
    expect((await component('stripe webhook')).last?.averageRps).toBeCloseTo(before * 2, 9);
  });

  it('answers a what-if for the whole system or one component without changing anything', async () => {
    await openWithFive();
    const before = (await review()).components;
    const all = await h.say('what if all traffic triples');
    expect(all).toMatchObject({ kind: 'notice', title: 'What if traffic x3 (the whole system)' });
    const one = await h.say('what if image pipeline traffic doubles');
    expect(one).toMatchObject({ kind: 'notice', title: 'What if traffic x2 (image pipeline)' });
    expect(one.kind === 'notice' && one.text.split('\n').filter((l) => l.includes('->') && !l.startsWith('Recommended') && !l.startsWith('All'))).toHaveLength(1);
    expect((await review()).components).toEqual(before);
    expect(attachment(all).updated).toBe(false);
  });

  it('removes a component and names the known ones when the name is wrong', async () => {
    await openWithFive();
    expect(await h.say('remove the edge redirects')).toMatchObject({ text: expect.stringMatching(/Removed edge redirects/) });
    expect(await h.say('remove billing')).toMatchObject({ level: 'warning', text: expect.stringMatching(/no component called "billing".*image pipeline/) });
    expect((await review()).components.map((c) => c.name)).not.toContain('edge redirects');
  });

  it('keeps who changed what, and when, and shows it on "history"', async () => {
    await openWithFive();
    await h.say('image pipeline takes 20 min now', 'carol');
    const trail = await h.reviews.changes('W1', (await review()).id);
    expect(trail.filter((c) => c.kind === 'add').map((c) => [c.actor, c.component])).toEqual([
      ['bob', 'image pipeline'],
      ['bob', 'checkout api'],
      ['bob', 'stripe webhook'],
      ['bob', 'nightly report'],
      ['bob', 'edge redirects'],
      ['bob', 'orders db'],
    ]);
    expect(new Set(trail.filter((c) => c.kind === 'answer').map((c) => c.actor))).toEqual(new Set(['alice', 'bob']));
    expect(trail.at(-1)).toMatchObject({ kind: 'change', actor: 'carol', component: 'image pipeline', text: 'takes 20 min now' });
    expect(trail.map((c) => c.at)).toEqual([...trail.map((c) => c.at)].sort());
    const history = await h.say('history');
    expect(history).toMatchObject({ kind: 'notice', title: `History of the review "checkout platform" (${trail.length})` });
    expect(history.kind === 'notice' && history.text).toMatch(/carol {2}change image pipeline: takes 20 min now/);
  });
});

describe('closing, listing and reopening', () => {
  it('freezes a closed review and reopens it by id from anywhere in the workspace', async () => {
    await openWithFive();
    const closed = attachment(await h.say('close', 'bob'));
    expect(closed).toMatchObject({ show: true, updated: true, card: { status: 'closed', title: 'Final design review: checkout platform' } });
    expect(await h.say('add billing: 3 a day, 1 s')).toMatchObject({ text: expect.stringMatching(/This review is closed/) });
    expect((await review()).components).toHaveLength(6);

    const elsewhere = { ...h.key, channel: 'C9', thread: 'other' };
    const list = await h.advisor.handle({ key: elsewhere, event: { kind: 'review-list' }, actor: 'erin' });
    expect(list).toMatchObject({ kind: 'notice', text: expect.stringContaining(`${(await review()).id}  closed  checkout platform  (6 components`) });
    const reopened = await h.advisor.handle({ key: elsewhere, event: { kind: 'review-open', name: (await review()).id }, actor: 'erin' });
    expect(attachment(reopened)).toMatchObject({ show: true, card: { status: 'open' }, thread: { channel: 'C1', thread: 'T-review' } });
    expect((await h.reviews.changes('W1', (await review()).id)).slice(-2).map((c) => [c.kind, c.actor])).toEqual([
      ['close', 'bob'],
      ['reopen', 'erin'],
    ]);
  });

  it('repeats the open question with a reopened card, so a front end without the thread can show it', async () => {
    await h.send({ kind: 'review-open', name: 'shop' });
    await h.say('- reports: nightly\n- search api: REST API, 120 ms', 'bob');
    const elsewhere = { ...h.key, channel: 'C9', thread: 'other' };
    const reopened = attachment(await h.advisor.handle({ key: elsewhere, event: { kind: 'review-reopen', id: (await review()).id }, actor: 'erin' }));
    expect(reopened.pending).toMatchObject({ id: 'duration', text: expect.stringMatching(/^reports: How long does one run take.*\(then 1 more component to ask about\)$/) });
    expect(reopened.pending?.choices[0]).toMatchObject({ id: ACTION_IDS.answer, value: `${(await component('reports')).id}|duration:100 ms` });
    expect(attachment(await h.say('summary')).pending?.id).toBe('duration');
    // A closed review asks nothing; neither does one whose components are all assessed.
    expect(attachment(await h.say('close')).pending).toBeUndefined();
    await h.say('reopen');
    for (const line of ['reports takes 20 minutes', 'none', 'search api: 50 rps 24/7', 'none']) await h.say(line);
    expect((await review()).components.every((c) => c.pending === null)).toBe(true);
    expect(attachment(await h.say('summary')).pending).toBeUndefined();
  });

  it('never reopens another workspace\'s review', async () => {
    await openWithFive();
    const other = { ...h.key, workspace: 'W2' };
    expect(await h.advisor.handle({ key: other, event: { kind: 'review-reopen', id: (await review()).id }, actor: 'mallory' })).toMatchObject({ level: 'warning', conversationId: null });
  });
});

describe('a restart in the middle of a review', () => {
  it('loses nothing: the next answer continues the same interview', async () => {
    await h.send({ kind: 'review-open', name: 'shop' });
    await h.say('- reports: nightly\n- search api: REST API, 120 ms', 'bob');
    h.restart();
    expect(await h.advisor.owns(h.key)).toBe(true);
    await h.say('20 minutes', 'alice');
    expect((await component('reports')).facts.duration?.typicalMs).toBe(1_200_000);
    expect((await h.reviews.changes('W1', (await review()).id)).map((c) => c.kind)).toEqual(['open', 'add', 'add', 'answer']);
  });
});

describe('the single-workload flow is untouched', () => {
  it('never starts a conversation for a message in a review thread', async () => {
    await h.send({ kind: 'review-open', name: 'shop' });
    await h.say('resize images on upload, 2 s, 3k/day');
    expect(await h.store.findByThread(h.key)).toBeNull();
  });

  it('leaves a normal conversation to the single-workload flow', async () => {
    const key = { ...h.key, thread: 'plain' };
    const reply = await h.advisor.handle({ key, event: { kind: 'start', text: 'resize images on upload, 2 s, 3k/day' }, actor: 'alice' });
    expect(reply).toMatchObject({ kind: 'question', question: { id: 'constraints' } });
    expect(reply.kind === 'question' && reply.review).toBeUndefined();
  });

  it('offers the add, summary and close buttons while open', async () => {
    const a = attachment(await h.send({ kind: 'review-open', name: 'shop' }));
    expect(a.card.actions.map((x) => x.id)).toEqual([REVIEW_ACTIONS.add, REVIEW_ACTIONS.summary, REVIEW_ACTIONS.close]);
    const added = await h.send({ kind: 'action', actionId: REVIEW_ACTIONS.add, value: 'billing: 3 a day, 1 s' });
    expect(added).toMatchObject({ kind: 'question', question: { text: expect.stringMatching(/^billing:/) } });
  });
});

describe('forget-me in a review', () => {
  it("removes the asker's words from the trail and keeps everyone else's", async () => {
    await openWithFive();
    const reviewId = attachment(await h.send({ kind: 'review-open', name: 'checkout platform' })).reviewId;
    const before = await h.reviews.changes('W1', reviewId);
    expect(before.some((c) => c.actor === 'bob')).toBe(true);
    const reply = await h.send({ kind: 'forget-me' }, 'bob');
    expect(reply.kind === 'notice' && reply.text).toMatch(/Your words were removed from \d+ design-review history entr/);
    const after = await h.reviews.changes('W1', reviewId);
    expect(after).toHaveLength(before.length);
    expect(after.some((c) => c.actor === 'bob')).toBe(false);
    expect(after.filter((c) => c.actor === 'alice').length).toBe(before.filter((c) => c.actor === 'alice').length);
  });
});
