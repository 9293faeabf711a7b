import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssessmentRecord } from '../../src/core/conversation.js';
import type { DigestSubscription, WeekFigures, WeekReviews } from '../../src/core/digest/digest-types.js';
import type { ConversationStore, DigestStore, ReviewStore } from '../../src/core/ports.js';
import type { ChangeKind, ComponentResult, ReviewComponent } from '../../src/core/review/review-types.js';
import { totalsOf } from '../../src/core/review/review-card.js';
import { assessmentFixture } from './conversation-store.contract.js';
import { reviewFixture } from './review-store.contract.js';

// The behaviour every DigestStore must have. Figures are checked against a
// week worked out by hand (see the table below); run it from a *.test.ts file
// with a factory that opens a fresh, empty store.

export interface DigestStoreUnderTest {
  digests: DigestStore;
  /** Where the assessments come from: the same database, through its own port. */
  conversations: ConversationStore;
  /** Where the design reviews come from, likewise. */
  reviews: ReviewStore;
  close(): unknown;
}

export const FIXTURE_WINDOW = { since: '2026-11-16T00:00:00.000Z', until: '2026-11-23T00:00:00.000Z' };
export const FIXTURE_PREVIOUS_WINDOW = { since: '2026-11-09T00:00:00.000Z', until: '2026-11-16T00:00:00.000Z' };

type Row = [id: string, conversation: string, at: string, verdict: AssessmentRecord['verdict'], recommended: string, usd: number | null, alt: number | null, reassessment: boolean];

// prettier-ignore
const ROWS: Row[] = [
  ['a1', 'c1', '2026-11-16T09:00:00.000Z', 'fit',      'AWS Lambda',         12.5, 30.37, false],
  ['a2', 'c1', '2026-11-17T10:00:00.000Z', 'avoid',    'AWS Fargate',        120,  400,   true ], // flip fit -> avoid
  ['a3', 'c2', '2026-11-18T08:00:00.000Z', 'marginal', 'AWS Lambda',         55.25, 50,   false],
  ['a4', 'c3', '2026-11-19T12:00:00.000Z', 'fit',      'Cloudflare Workers', 5,    null,  false],
  ['a5', 'c4', '2026-11-20T15:00:00.000Z', 'avoid',    'AWS EC2',            null, null,  false],
  ['a6', 'c2', '2026-11-21T16:00:00.000Z', 'marginal', 'AWS Lambda',         60,   50,    true ], // same verdict: no flip
  ['a7', 'c5', '2026-11-22T23:59:59.999Z', 'fit',      'AWS Lambda',         1,    10,    false], // last millisecond: in
  ['a8', 'c6', '2026-11-23T00:00:00.000Z', 'fit',      'AWS Lambda',         999,  999,   false], // window end: out
  ['b1', 'c8', '2026-11-14T08:00:00.000Z', 'fit',      'AWS Lambda',         3,    20,    false], // the week before
  ['b2', 'c8', '2026-11-18T09:30:00.000Z', 'avoid',    'AWS Fargate',        200,  300,   true ], // flip against last week's
  ['a9', 'c7', '2026-11-15T23:59:00.000Z', 'fit',      'AWS Lambda',         7,    9,     false], // the week before
];

/**
 * By hand, for 16-22 Nov: 8 assessments (a1-a7, b2): fit a1 a4 a7, avoid a2 a5 b2, marginal a3 a6.
 * Workloads at their latest assessment: c1=a2 120/400, c2=a6 60/50, c3=a4 5/-, c4=a5 -/-, c5=a7 1/10, c8=b2 200/300.
 * Recommended 120+60+5+1+200 = 386; alternatives (both priced) 400+50+10+300 = 760;
 * saving 280-10+9+100 = 379. Week before: a9 and b1 = 2 assessments, 2 workloads, 7+3 = $10.
 */
export const NO_REVIEWS: WeekReviews = { active: 0, opened: 0, closed: 0, changes: 0, items: [] };

export const FIXTURE_FIGURES: WeekFigures = {
  assessments: 8,
  byVerdict: { fit: 3, marginal: 2, avoid: 3 },
  workloads: 6,
  recommendedMonthlyUsd: 386,
  alternativeMonthlyUsd: 760,
  savingMonthlyUsd: 379,
  byPlatform: [
    { platform: 'AWS Fargate', workloads: 2, monthlyUsd: 320 },
    { platform: 'AWS Lambda', workloads: 2, monthlyUsd: 61 },
    { platform: 'Cloudflare Workers', workloads: 1, monthlyUsd: 5 },
    { platform: 'AWS EC2', workloads: 1, monthlyUsd: 0 },
  ],
  top: [
    workload('c8', 'b2', 'avoid', 'AWS Fargate', 200, 300),
    workload('c1', 'a2', 'avoid', 'AWS Fargate', 120, 400),
    workload('c2', 'a6', 'marginal', 'AWS Lambda', 60, 50),
    workload('c3', 'a4', 'fit', 'Cloudflare Workers', 5, null),
    workload('c5', 'a7', 'fit', 'AWS Lambda', 1, 10),
  ],
  flipCount: 2,
  flips: [
    { ...where('c8'), description: 'workload c8', from: 'fit', to: 'avoid', at: at('b2') },
    { ...where('c1'), description: 'workload c1', from: 'fit', to: 'avoid', at: at('a2') },
  ],
  reviews: NO_REVIEWS,
};

function componentResult(recommendedUsd: number | null, containersUsd: number | null): ComponentResult {
  return {
    verdict: 'fit',
    platform: 'AWS Lambda',
    score: 80,
    monthlyUsd: {},
    averageRps: 1,
    durationMs: 200,
    memoryMb: 512,
    recommendedPlatform: recommendedUsd === null ? null : 'aws-lambda',
    recommendedUsd,
    serverlessPlatform: 'aws-lambda',
    serverlessUsd: recommendedUsd,
    containersPlatform: 'aws-ec2',
    containersUsd,
    layer: 'functions',
    risks: [],
  };
}

function reviewComponent(id: string, kind: ReviewComponent['kind'], last: ComponentResult | null): ReviewComponent {
  return { id, name: `part ${id}`, kind, facts: {}, pending: last || kind === 'data' ? null : 'traffic', misses: 0, last, addedBy: 'U-ann', addedAt: '2026-11-10T09:00:00.000Z', updatedAt: '2026-11-10T09:00:00.000Z' };
}

type ReviewSeed = [id: string, status: 'open' | 'closed', components: ReviewComponent[], trail: [ChangeKind, string][]];

// prettier-ignore
const REVIEWS: ReviewSeed[] = [
  // Opened and worked on in the window: 12.40 + (no recommendation: containers row) 30.37; the data store and the one in interview are not costed.
  ['r-new', 'open', [reviewComponent('c1', 'workload', componentResult(12.4, 33.95)), reviewComponent('c2', 'workload', componentResult(null, 30.37)), reviewComponent('c3', 'data', null), reviewComponent('c4', 'workload', null)],
    [['open', '2026-11-17T09:00:00.000Z'], ['add', '2026-11-17T09:05:00.000Z'], ['answer', '2026-11-18T10:00:00.000Z']]],
  // Opened the week before, closed in the window.
  ['r-closed', 'closed', [reviewComponent('c1', 'workload', componentResult(100, 120))],
    [['open', '2026-11-12T09:00:00.000Z'], ['close', '2026-11-20T16:00:00.000Z']]],
  // Closed and reopened in the window: counts as active, not closed.
  ['r-reopened', 'open', [],
    [['open', '2026-11-02T09:00:00.000Z'], ['close', '2026-11-19T09:00:00.000Z'], ['reopen', '2026-11-21T09:00:00.000Z']]],
  // Untouched in the window.
  ['r-quiet', 'open', [reviewComponent('c1', 'workload', componentResult(5, 6))], [['open', '2026-11-03T09:00:00.000Z']]],
  // Changed only at the window's end: out.
  ['r-late', 'open', [], [['open', '2026-11-23T00:00:00.000Z']]],
];

export async function seedFixtureReviews(store: ReviewStore, workspace = 'T-acme'): Promise<void> {
  for (const [id, status, components, trail] of REVIEWS) {
    await store.create(reviewFixture({ id, status, components, nextComponent: components.length, name: `review ${id}` }, { workspace, channel: 'C-eng', thread: `17000000.${id}` }));
    for (const [kind, when] of trail) await store.appendChange(workspace, { reviewId: id, at: when, actor: 'U-ann', kind, component: null, text: kind });
  }
}

/**
 * By hand, for 16-22 Nov: r-new (3 changes, opened), r-closed (1, closed), r-reopened (2, closed then
 * reopened: active only); 6 changes. Newest change first: r-reopened 21 Nov, r-closed 20 Nov, r-new 18 Nov.
 */
export const FIXTURE_REVIEWS: WeekReviews = {
  active: 3,
  opened: 1,
  closed: 1,
  changes: 6,
  items: [
    { reviewId: 'r-reopened', platform: 'slack', channel: 'C-eng', thread: '17000000.r-reopened', name: 'review r-reopened', status: 'open', components: 0, assessed: 0, planMonthlyUsd: 0, changes: 2, changeKinds: { close: 1, reopen: 1 } },
    { reviewId: 'r-closed', platform: 'slack', channel: 'C-eng', thread: '17000000.r-closed', name: 'review r-closed', status: 'closed', components: 1, assessed: 1, planMonthlyUsd: 100, changes: 1, changeKinds: { close: 1 } },
    { reviewId: 'r-new', platform: 'slack', channel: 'C-eng', thread: '17000000.r-new', name: 'review r-new', status: 'open', components: 4, assessed: 2, planMonthlyUsd: 42.77, changes: 3, changeKinds: { open: 1, add: 1, answer: 1 } },
  ],
};

function at(id: string): string {
  return ROWS.find((r) => r[0] === id)![2];
}

function where(conversation: string) {
  return { conversationId: conversation, platform: 'slack' as const, channel: 'C-eng', thread: `17000000.${conversation}` };
}

function workload(conversation: string, id: string, verdict: AssessmentRecord['verdict'], recommended: string, usd: number | null, alt: number | null) {
  return { ...where(conversation), description: `workload ${conversation}`, verdict, recommended, monthlyUsd: usd, alternativeMonthlyUsd: alt, at: at(id) };
}

export async function seedFixtureWeek(store: ConversationStore, workspace = 'T-acme'): Promise<void> {
  for (const [id, conversation, when, verdict, recommended, usd, alt, reassessment] of ROWS) {
    await store.recordAssessment(
      assessmentFixture({
        id: `${workspace}-${id}`,
        conversationId: conversation,
        workspace,
        channel: 'C-eng',
        thread: `17000000.${conversation}`,
        at: when,
        description: `workload ${conversation}`,
        verdict,
        recommended,
        recommendedMonthlyUsd: usd,
        alternativeMonthlyUsd: alt,
        reassessment,
      }),
    );
  }
}

export function subscriptionFixture(overrides: Partial<DigestSubscription> = {}): DigestSubscription {
  return {
    id: 'sub-1',
    platform: 'slack',
    workspace: 'T-acme',
    channel: 'C-eng',
    weekday: 'monday',
    time: '09:00',
    timezone: 'Europe/Berlin',
    quiet: 'one-line',
    createdBy: 'U-ann',
    createdAt: '2026-11-01T10:00:00.000Z',
    ...overrides,
  };
}

export function digestStoreContract(name: string, open: () => DigestStoreUnderTest | Promise<DigestStoreUnderTest>): void {
  describe(`DigestStore contract: ${name}`, () => {
    let s: DigestStoreUnderTest;
    beforeEach(async () => {
      s = await open();
    });
    afterEach(async () => {
      await s.close();
    });

    describe('week figures', () => {
      beforeEach(async () => {
        await seedFixtureWeek(s.conversations);
        // Another workspace's identical week must not leak in (conversation ids are globally unique).
        for (const [id, conversation, when, verdict] of ROWS) {
          await s.conversations.recordAssessment(assessmentFixture({ id: `other-${id}`, conversationId: `other-${conversation}`, workspace: 'T-other', at: when, verdict }));
        }
      });

      it('match the week worked out by hand', async () => {
        expect(await s.digests.weekFigures('T-acme', FIXTURE_WINDOW)).toEqual(FIXTURE_FIGURES);
      });

      it('keep only as many top workloads and flips as asked, the flip count whole', async () => {
        const figures = await s.digests.weekFigures('T-acme', FIXTURE_WINDOW, { topLimit: 1, flipLimit: 1 });
        expect(figures.top.map((t) => t.conversationId)).toEqual(['c8']);
        expect(figures.flips.map((f) => f.conversationId)).toEqual(['c8']);
        expect(figures.flipCount).toBe(2);
      });

      it.each([
        ['the window', FIXTURE_WINDOW, { assessments: 8, workloads: 6, recommendedMonthlyUsd: 386 }],
        ['the week before', FIXTURE_PREVIOUS_WINDOW, { assessments: 2, workloads: 2, recommendedMonthlyUsd: 10 }],
        ['an empty week', { since: '2026-12-01T00:00:00.000Z', until: '2026-12-08T00:00:00.000Z' }, { assessments: 0, workloads: 0, recommendedMonthlyUsd: 0 }],
      ])('totals for %s', async (_, window, expected) => {
        expect(await s.digests.weekTotals('T-acme', window)).toEqual(expected);
      });

      it('are all zero for a workspace with no assessments', async () => {
        expect(await s.digests.weekFigures('T-nobody', FIXTURE_WINDOW)).toEqual({
          assessments: 0,
          byVerdict: { fit: 0, marginal: 0, avoid: 0 },
          workloads: 0,
          recommendedMonthlyUsd: 0,
          alternativeMonthlyUsd: 0,
          savingMonthlyUsd: 0,
          byPlatform: [],
          top: [],
          flipCount: 0,
          flips: [],
          reviews: NO_REVIEWS,
        });
      });
    });

    describe('review activity', () => {
      beforeEach(async () => {
        await seedFixtureReviews(s.reviews);
        await seedFixtureReviews(s.reviews, 'T-other');
      });

      it('matches the week worked out by hand', async () => {
        expect((await s.digests.weekFigures('T-acme', FIXTURE_WINDOW)).reviews).toEqual(FIXTURE_REVIEWS);
      });

      it('costs each plan as the review card does', async () => {
        for (const item of FIXTURE_REVIEWS.items) {
          const review = (await s.reviews.get('T-acme', item.reviewId))!;
          expect(item.planMonthlyUsd).toBeCloseTo(totalsOf(review.components).recommendedUsd, 2);
        }
      });

      it('keeps only as many reviews as asked, the counts whole', async () => {
        const reviews = (await s.digests.weekFigures('T-acme', FIXTURE_WINDOW, { reviewLimit: 1 })).reviews;
        expect(reviews.items.map((r) => r.reviewId)).toEqual(['r-reopened']);
        expect(reviews).toMatchObject({ active: 3, opened: 1, closed: 1, changes: 6 });
      });

      it('is empty in a week without changes and for another workspace', async () => {
        expect((await s.digests.weekFigures('T-acme', FIXTURE_PREVIOUS_WINDOW)).reviews).toMatchObject({ active: 1, opened: 1, closed: 0, changes: 1 });
        expect((await s.digests.weekFigures('T-acme', { since: '2026-12-01T00:00:00.000Z', until: '2026-12-08T00:00:00.000Z' })).reviews).toEqual(NO_REVIEWS);
        expect((await s.digests.weekFigures('T-nobody', FIXTURE_WINDOW)).reviews).toEqual(NO_REVIEWS);
      });
    });

    describe('subscriptions', () => {
      it('saves one per channel, replacing the schedule and keeping the id', async () => {
        await s.digests.subscribe(subscriptionFixture());
        const replaced = await s.digests.subscribe(subscriptionFixture({ id: 'sub-2', weekday: 'friday', time: '16:30', timezone: 'UTC', quiet: 'skip' }));
        expect(replaced).toEqual(subscriptionFixture({ id: 'sub-1', weekday: 'friday', time: '16:30', timezone: 'UTC', quiet: 'skip' }));
        expect(await s.digests.allSubscriptions()).toEqual([replaced]);
      });

      it('are found by platform, workspace and channel only', async () => {
        await s.digests.subscribe(subscriptionFixture());
        expect((await s.digests.subscription('slack', 'T-acme', 'C-eng'))?.id).toBe('sub-1');
        expect(await s.digests.subscription('discord', 'T-acme', 'C-eng')).toBeNull();
        expect(await s.digests.subscription('slack', 'T-other', 'C-eng')).toBeNull();
      });

      it('unsubscribe says whether there was one', async () => {
        await s.digests.subscribe(subscriptionFixture());
        expect(await s.digests.unsubscribe('slack', 'T-acme', 'C-eng')).toBe(true);
        expect(await s.digests.unsubscribe('slack', 'T-acme', 'C-eng')).toBe(false);
        expect(await s.digests.allSubscriptions()).toEqual([]);
      });
    });

    describe('run claims', () => {
      const run = { subscriptionId: 'sub-1', week: '2026-W48', scheduledAt: '2026-11-23T08:00:00.000Z', claimedAt: '2026-11-23T08:00:01.000Z', claimedBy: 'a', late: false };

      it('go to the first claimant of a subscription and week only', async () => {
        expect(await s.digests.claimRun(run)).toBe(true);
        expect(await s.digests.claimRun({ ...run, claimedBy: 'b' })).toBe(false);
        expect(await s.digests.claimRun({ ...run, week: '2026-W49', scheduledAt: '2026-11-30T08:00:00.000Z' })).toBe(true);
      });

      it('record how the run ended; the newest is the last run', async () => {
        await s.digests.claimRun(run);
        await s.digests.finishRun('sub-1', '2026-W48', { status: 'failed', at: '2026-11-23T08:00:02.000Z', detail: 'not_in_channel' });
        expect(await s.digests.lastRun('sub-1')).toEqual({ ...run, status: 'failed', finishedAt: '2026-11-23T08:00:02.000Z', detail: 'not_in_channel' });
        await s.digests.claimRun({ ...run, week: '2026-W49', scheduledAt: '2026-11-30T08:00:00.000Z', late: true });
        expect(await s.digests.lastRun('sub-1')).toMatchObject({ week: '2026-W49', status: 'claimed', late: true, finishedAt: null });
        expect(await s.digests.lastRun('sub-unknown')).toBeNull();
      });
    });
  });
}
