import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssessmentRecord } from '../../src/core/conversation.js';
import type { DigestSubscription, WeekFigures } from '../../src/core/digest/digest-types.js';
import type { ConversationStore, DigestStore } from '../../src/core/ports.js';
import { assessmentFixture } from './conversation-store.contract.js';

// The behaviour every DigestStore must have. Figures are checked against a
// week worked out by hand (see the table below); run it from a *.test.ts file
// with a factory that opens a fresh, empty store.

export interface DigestStoreUnderTest {
  digests: DigestStore;
  /** Where the assessments come from: the same database, through its own port. */
  conversations: ConversationStore;
  close(): void;
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

export function seedFixtureWeek(store: ConversationStore, workspace = 'T-acme'): void {
  for (const [id, conversation, when, verdict, recommended, usd, alt, reassessment] of ROWS) {
    store.recordAssessment(
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

export function digestStoreContract(name: string, open: () => DigestStoreUnderTest): void {
  describe(`DigestStore contract: ${name}`, () => {
    let s: DigestStoreUnderTest;
    beforeEach(() => {
      s = open();
    });
    afterEach(() => s.close());

    describe('week figures', () => {
      beforeEach(() => {
        seedFixtureWeek(s.conversations);
        // Another workspace's identical week must not leak in (conversation ids are globally unique).
        for (const [id, conversation, when, verdict] of ROWS) {
          s.conversations.recordAssessment(assessmentFixture({ id: `other-${id}`, conversationId: `other-${conversation}`, workspace: 'T-other', at: when, verdict }));
        }
      });

      it('match the week worked out by hand', () => {
        expect(s.digests.weekFigures('T-acme', FIXTURE_WINDOW)).toEqual(FIXTURE_FIGURES);
      });

      it('keep only as many top workloads and flips as asked, the flip count whole', () => {
        const figures = s.digests.weekFigures('T-acme', FIXTURE_WINDOW, { topLimit: 1, flipLimit: 1 });
        expect(figures.top.map((t) => t.conversationId)).toEqual(['c8']);
        expect(figures.flips.map((f) => f.conversationId)).toEqual(['c8']);
        expect(figures.flipCount).toBe(2);
      });

      it.each([
        ['the window', FIXTURE_WINDOW, { assessments: 8, workloads: 6, recommendedMonthlyUsd: 386 }],
        ['the week before', FIXTURE_PREVIOUS_WINDOW, { assessments: 2, workloads: 2, recommendedMonthlyUsd: 10 }],
        ['an empty week', { since: '2026-12-01T00:00:00.000Z', until: '2026-12-08T00:00:00.000Z' }, { assessments: 0, workloads: 0, recommendedMonthlyUsd: 0 }],
      ])('totals for %s', (_, window, expected) => {
        expect(s.digests.weekTotals('T-acme', window)).toEqual(expected);
      });

      it('are all zero for a workspace with no assessments', () => {
        expect(s.digests.weekFigures('T-nobody', FIXTURE_WINDOW)).toEqual({
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
        });
      });
    });

    describe('subscriptions', () => {
      it('saves one per channel, replacing the schedule and keeping the id', () => {
        s.digests.subscribe(subscriptionFixture());
        const replaced = s.digests.subscribe(subscriptionFixture({ id: 'sub-2', weekday: 'friday', time: '16:30', timezone: 'UTC', quiet: 'skip' }));
        expect(replaced).toEqual(subscriptionFixture({ id: 'sub-1', weekday: 'friday', time: '16:30', timezone: 'UTC', quiet: 'skip' }));
        expect(s.digests.allSubscriptions()).toEqual([replaced]);
      });

      it('are found by platform, workspace and channel only', () => {
        s.digests.subscribe(subscriptionFixture());
        expect(s.digests.subscription('slack', 'T-acme', 'C-eng')?.id).toBe('sub-1');
        expect(s.digests.subscription('discord', 'T-acme', 'C-eng')).toBeNull();
        expect(s.digests.subscription('slack', 'T-other', 'C-eng')).toBeNull();
      });

      it('unsubscribe says whether there was one', () => {
        s.digests.subscribe(subscriptionFixture());
        expect(s.digests.unsubscribe('slack', 'T-acme', 'C-eng')).toBe(true);
        expect(s.digests.unsubscribe('slack', 'T-acme', 'C-eng')).toBe(false);
        expect(s.digests.allSubscriptions()).toEqual([]);
      });
    });

    describe('run claims', () => {
      const run = { subscriptionId: 'sub-1', week: '2026-W48', scheduledAt: '2026-11-23T08:00:00.000Z', claimedAt: '2026-11-23T08:00:01.000Z', claimedBy: 'a', late: false };

      it('go to the first claimant of a subscription and week only', () => {
        expect(s.digests.claimRun(run)).toBe(true);
        expect(s.digests.claimRun({ ...run, claimedBy: 'b' })).toBe(false);
        expect(s.digests.claimRun({ ...run, week: '2026-W49', scheduledAt: '2026-11-30T08:00:00.000Z' })).toBe(true);
      });

      it('record how the run ended; the newest is the last run', () => {
        s.digests.claimRun(run);
        s.digests.finishRun('sub-1', '2026-W48', { status: 'failed', at: '2026-11-23T08:00:02.000Z', detail: 'not_in_channel' });
        expect(s.digests.lastRun('sub-1')).toEqual({ ...run, status: 'failed', finishedAt: '2026-11-23T08:00:02.000Z', detail: 'not_in_channel' });
        s.digests.claimRun({ ...run, week: '2026-W49', scheduledAt: '2026-11-30T08:00:00.000Z', late: true });
        expect(s.digests.lastRun('sub-1')).toMatchObject({ week: '2026-W49', status: 'claimed', late: true, finishedAt: null });
        expect(s.digests.lastRun('sub-unknown')).toBeNull();
      });
    });
  });
}
