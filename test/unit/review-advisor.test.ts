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

function review(): Review {
  const found = h.reviews.findByThread(h.key);
  if (!found) throw new Error('no review in the thread');
  return found;
}

function component(name: string) {
  const found = review().components.find((c) => c.name === name);
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
function openWithFive(): Reply {
  h.send({ kind: 'review-open', name: 'checkout platform' });
  let reply = h.say(FIVE, 'bob');
  for (let i = 0; i < 10 && reply.kind === 'question'; i++) reply = h.say('none', i % 2 ? 'alice' : 'bob');
  return reply;
}

describe('opening a review', () => {
  it('shows an empty living card and owns the thread', () => {
    const reply = h.send({ kind: 'review-open', name: 'checkout platform' });
    const a = attachment(reply);
    expect(a).toMatchObject({ show: true, updated: true, anchor: null, thread: { platform: 'cli', workspace: 'W1', channel: 'C1', thread: 'T-review' } });
    expect(a.card.title).toBe('Design review: checkout platform');
    expect(h.advisor.owns(h.key)).toBe(true);
    expect(h.reviews.changes('W1', a.reviewId).map((c) => [c.kind, c.actor])).toEqual([['open', 'alice']]);
  });

  it('asks for a name when none is given', () => {
    expect(h.send({ kind: 'review-open', name: '  ' })).toMatchObject({ kind: 'notice', level: 'error', text: expect.stringMatching(/Name the system/) });
  });

  it('answers that reviews are not set up when the advisor has no review store', async () => {
    const { createAdvisorHarness } = await import('../helpers/advisor-harness.js');
    const plain = createAdvisorHarness();
    try {
      expect(plain.advisor.handle({ key: h.key, event: { kind: 'review-list' }, actor: 'alice' })).toMatchObject({ kind: 'notice', level: 'warning', text: notSetUpText('reviews') });
    } finally {
      plain.close();
    }
  });
});

describe('components and their interviews', () => {
  it('asks only what is missing and assesses as soon as nothing is', () => {
    h.send({ kind: 'review-open', name: 'shop' });
    const asked = h.say('add image pipeline: resize uploads, 2 s, 3k/day');
    expect(asked).toMatchObject({ kind: 'question', question: { id: 'constraints', text: expect.stringMatching(/^image pipeline: Anything special/) } });
    const done = h.say('none', 'bob');
    expect(done).toMatchObject({ kind: 'notice', text: expect.stringMatching(/Assessed image pipeline: fit, AWS Lambda/) });
    expect(attachment(done).updated).toBe(true);
    expect(component('image pipeline').last).toMatchObject({ verdict: 'fit', layer: 'functions' });
  });

  it('sends an unnamed answer to the first component still in interview, a named one to that component', () => {
    h.send({ kind: 'review-open', name: 'shop' });
    h.say('- reports: nightly\n- search api: REST API, 120 ms');
    expect(component('reports').pending).toBe('duration');
    expect(component('search api').pending).toBe('traffic');
    // Named: goes to search api although reports is first in line.
    h.say('search api: 50 rps', 'bob');
    expect(component('search api').facts.traffic).toBeDefined();
    expect(component('reports').facts.duration).toBeUndefined();
    // Unnamed: goes to reports, the first with an open question.
    const reply = h.say('20 minutes', 'carol');
    expect(component('reports').facts.duration).toEqual({ typicalMs: 1_200_000, worstMs: 1_200_000 });
    expect(reply).toMatchObject({ kind: 'question', question: { text: expect.stringMatching(/^reports: /) } });
  });

  it('routes a quick reply by the component id it carries', () => {
    h.send({ kind: 'review-open', name: 'shop' });
    h.say('- reports: nightly, 20 min\n- search api: REST API, 120 ms');
    const searchId = component('search api').id;
    h.send({ kind: 'action', actionId: ACTION_IDS.answer, value: `${searchId}|traffic:100 rps 24/7` }, 'dave');
    expect(component('search api').pending).toBe('constraints');
    h.send({ kind: 'action', actionId: ACTION_IDS.assumeDefault, value: `${searchId}|constraints` });
    expect(component('search api').last).not.toBeNull();
    // A second press of an answered question changes nothing.
    const late = h.send({ kind: 'action', actionId: ACTION_IDS.answer, value: `${searchId}|traffic:5 a day` });
    expect(late).toMatchObject({ question: { hint: expect.stringMatching(/already answered/) } });
    expect(component('search api').facts.traffic?.echo).toMatch(/100/);
  });

  it('asks again, with why, when an answer cannot be read', () => {
    h.send({ kind: 'review-open', name: 'shop' });
    h.say('add search api: REST API, 120 ms');
    const reply = h.say('200');
    expect(reply).toMatchObject({ kind: 'question', question: { id: 'traffic', hint: expect.stringMatching(/^200 what\? e\.g\./) } });
    expect(component('search api').misses).toBe(1);
  });

  it('adds a name once, and a data store without an interview', () => {
    h.send({ kind: 'review-open', name: 'shop' });
    h.say('add orders db: postgres');
    expect(component('orders db')).toMatchObject({ kind: 'data', pending: null, last: null });
    const again = h.say('add Orders DB: mysql');
    expect(again).toMatchObject({ kind: 'notice', text: expect.stringMatching(/^Orders DB is already in the review/) });
    expect(review().components).toHaveLength(1);
  });

  it('places each component in the hybrid layout', () => {
    openWithFive();
    const card = attachment(h.say('summary')).card;
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
  it('are the sums of the per-component figures, each checked against its own assessment', () => {
    openWithFive();
    const card = attachment(h.say('summary')).card;
    const rows = card.layers.flatMap((l) => l.components).filter((c) => c.verdict !== null);
    expect(rows).toHaveLength(5);
    const sum = (pick: (r: (typeof rows)[number]) => number | null) => rows.reduce((n, r) => n + (pick(r) ?? 0), 0);
    expect(card.totals.recommendedUsd).toBeCloseTo(sum((r) => r.figures.recommended), 6);
    expect(card.totals.serverlessUsd).toBeCloseTo(sum((r) => r.figures.serverless), 6);
    expect(card.totals.containersUsd).toBeCloseTo(sum((r) => r.figures.containers), 6);
    // Each figure is what a single assessment of that component says.
    for (const row of rows) {
      const facts = component(row.name).facts;
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
  it('changes a component by its name and says what moved', () => {
    openWithFive();
    const reply = h.say('image pipeline takes 20 min now', 'carol');
    expect(reply).toMatchObject({ kind: 'notice', text: expect.stringMatching(/Changed image pipeline: avoid, .*\(was fit, AWS Lambda/) });
    expect(attachment(reply).updated).toBe(true);
    expect(component('image pipeline').last?.layer).toBe('containers');
  });

  it('scales one component\'s traffic when told so, without "what if"', () => {
    openWithFive();
    const before = component('stripe webhook').last?.averageRps ?? 0;
    h.say('stripe webhook traffic doubles');
    expect(component('stripe webhook').last?.averageRps).toBeCloseTo(before * 2, 9);
  });

  it('answers a what-if for the whole system or one component without changing anything', () => {
    openWithFive();
    const before = review().components;
    const all = h.say('what if all traffic triples');
    expect(all).toMatchObject({ kind: 'notice', title: 'What if traffic x3 (the whole system)' });
    const one = h.say('what if image pipeline traffic doubles');
    expect(one).toMatchObject({ kind: 'notice', title: 'What if traffic x2 (image pipeline)' });
    expect(one.kind === 'notice' && one.text.split('\n').filter((l) => l.includes('->') && !l.startsWith('Recommended') && !l.startsWith('All'))).toHaveLength(1);
    expect(review().components).toEqual(before);
    expect(attachment(all).updated).toBe(false);
  });

  it('removes a component and names the known ones when the name is wrong', () => {
    openWithFive();
    expect(h.say('remove the edge redirects')).toMatchObject({ text: expect.stringMatching(/Removed edge redirects/) });
    expect(h.say('remove billing')).toMatchObject({ level: 'warning', text: expect.stringMatching(/no component called "billing".*image pipeline/) });
    expect(review().components.map((c) => c.name)).not.toContain('edge redirects');
  });

  it('keeps who changed what, and when, and shows it on "history"', () => {
    openWithFive();
    h.say('image pipeline takes 20 min now', 'carol');
    const trail = h.reviews.changes('W1', review().id);
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
    const history = h.say('history');
    expect(history).toMatchObject({ kind: 'notice', title: `History of the review "checkout platform" (${trail.length})` });
    expect(history.kind === 'notice' && history.text).toMatch(/carol {2}change image pipeline: takes 20 min now/);
  });
});

describe('closing, listing and reopening', () => {
  it('freezes a closed review and reopens it by id from anywhere in the workspace', () => {
    openWithFive();
    const closed = attachment(h.say('close', 'bob'));
    expect(closed).toMatchObject({ show: true, updated: true, card: { status: 'closed', title: 'Final design review: checkout platform' } });
    expect(h.say('add billing: 3 a day, 1 s')).toMatchObject({ text: expect.stringMatching(/This review is closed/) });
    expect(review().components).toHaveLength(6);

    const elsewhere = { ...h.key, channel: 'C9', thread: 'other' };
    const list = h.advisor.handle({ key: elsewhere, event: { kind: 'review-list' }, actor: 'erin' });
    expect(list).toMatchObject({ kind: 'notice', text: expect.stringContaining(`${review().id}  closed  checkout platform  (6 components`) });
    const reopened = h.advisor.handle({ key: elsewhere, event: { kind: 'review-open', name: review().id }, actor: 'erin' });
    expect(attachment(reopened)).toMatchObject({ show: true, card: { status: 'open' }, thread: { channel: 'C1', thread: 'T-review' } });
    expect(h.reviews.changes('W1', review().id).slice(-2).map((c) => [c.kind, c.actor])).toEqual([
      ['close', 'bob'],
      ['reopen', 'erin'],
    ]);
  });

  it('repeats the open question with a reopened card, so a front end without the thread can show it', () => {
    h.send({ kind: 'review-open', name: 'shop' });
    h.say('- reports: nightly\n- search api: REST API, 120 ms', 'bob');
    const elsewhere = { ...h.key, channel: 'C9', thread: 'other' };
    const reopened = attachment(h.advisor.handle({ key: elsewhere, event: { kind: 'review-reopen', id: review().id }, actor: 'erin' }));
    expect(reopened.pending).toMatchObject({ id: 'duration', text: expect.stringMatching(/^reports: How long does one run take.*\(then 1 more component to ask about\)$/) });
    expect(reopened.pending?.choices[0]).toMatchObject({ id: ACTION_IDS.answer, value: `${component('reports').id}|duration:100 ms` });
    expect(attachment(h.say('summary')).pending?.id).toBe('duration');
    // A closed review asks nothing; neither does one whose components are all assessed.
    expect(attachment(h.say('close')).pending).toBeUndefined();
    h.say('reopen');
    for (const line of ['reports takes 20 minutes', 'none', 'search api: 50 rps 24/7', 'none']) h.say(line);
    expect(review().components.every((c) => c.pending === null)).toBe(true);
    expect(attachment(h.say('summary')).pending).toBeUndefined();
  });

  it('never reopens another workspace\'s review', () => {
    openWithFive();
    const other = { ...h.key, workspace: 'W2' };
    expect(h.advisor.handle({ key: other, event: { kind: 'review-reopen', id: review().id }, actor: 'mallory' })).toMatchObject({ level: 'warning', conversationId: null });
  });
});

describe('a restart in the middle of a review', () => {
  it('loses nothing: the next answer continues the same interview', () => {
    h.send({ kind: 'review-open', name: 'shop' });
    h.say('- reports: nightly\n- search api: REST API, 120 ms', 'bob');
    h.restart();
    expect(h.advisor.owns(h.key)).toBe(true);
    h.say('20 minutes', 'alice');
    expect(component('reports').facts.duration?.typicalMs).toBe(1_200_000);
    expect(h.reviews.changes('W1', review().id).map((c) => c.kind)).toEqual(['open', 'add', 'add', 'answer']);
  });
});

describe('the single-workload flow is untouched', () => {
  it('never starts a conversation for a message in a review thread', () => {
    h.send({ kind: 'review-open', name: 'shop' });
    h.say('resize images on upload, 2 s, 3k/day');
    expect(h.store.findByThread(h.key)).toBeNull();
  });

  it('leaves a normal conversation to the single-workload flow', () => {
    const key = { ...h.key, thread: 'plain' };
    const reply = h.advisor.handle({ key, event: { kind: 'start', text: 'resize images on upload, 2 s, 3k/day' }, actor: 'alice' });
    expect(reply).toMatchObject({ kind: 'question', question: { id: 'constraints' } });
    expect(reply.kind === 'question' && reply.review).toBeUndefined();
  });

  it('offers the add, summary and close buttons while open', () => {
    const a = attachment(h.send({ kind: 'review-open', name: 'shop' }));
    expect(a.card.actions.map((x) => x.id)).toEqual([REVIEW_ACTIONS.add, REVIEW_ACTIONS.summary, REVIEW_ACTIONS.close]);
    const added = h.send({ kind: 'action', actionId: REVIEW_ACTIONS.add, value: 'billing: 3 a day, 1 s' });
    expect(added).toMatchObject({ kind: 'question', question: { text: expect.stringMatching(/^billing:/) } });
  });
});

describe('forget-me in a review', () => {
  it("removes the asker's words from the trail and keeps everyone else's", () => {
    openWithFive();
    const reviewId = attachment(h.send({ kind: 'review-open', name: 'checkout platform' })).reviewId;
    const before = h.reviews.changes('W1', reviewId);
    expect(before.some((c) => c.actor === 'bob')).toBe(true);
    const reply = h.send({ kind: 'forget-me' }, 'bob');
    expect(reply.kind === 'notice' && reply.text).toMatch(/Your words were removed from \d+ design-review history entr/);
    const after = h.reviews.changes('W1', reviewId);
    expect(after).toHaveLength(before.length);
    expect(after.some((c) => c.actor === 'bob')).toBe(false);
    expect(after.filter((c) => c.actor === 'alice').length).toBe(before.filter((c) => c.actor === 'alice').length);
  });
});
