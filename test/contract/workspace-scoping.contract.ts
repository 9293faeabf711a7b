import { beforeAll, describe, expect, it } from 'vitest';
import type { ConversationStore, DeliveryLedger, DigestStore, ReviewStore, WorkspaceSettingsStore } from '../../src/core/ports.js';
import { collect } from '../helpers/collect.js';
import { assessmentFixture, conversationFixture } from './conversation-store.contract.js';
import { FIXTURE_WINDOW, NO_REVIEWS, subscriptionFixture } from './digest-store.contract.js';
import { reviewFixture } from './review-store.contract.js';

// Every port method that takes a workspace, called with another workspace
// and the ids of rows that exist in the first: it sees, changes and counts
// nothing. Ids come from chat payloads, so guessing one must never work.
// Run it from a *.test.ts file with every store over one fresh database.

export interface AllStores {
  conversations: ConversationStore;
  reviews: ReviewStore;
  settings: WorkspaceSettingsStore;
  ledger: DeliveryLedger;
  digests: DigestStore;
}

const OURS = 'T-acme';
const THEIRS = 'T-rival';
const AT = '2026-11-17T10:00:00.000Z';
const ref = { platform: 'slack', workspace: OURS, deliveryId: 'command:1' };

type Attempt = [method: string, call: (s: AllStores) => Promise<unknown>, expected: unknown];

// prettier-ignore
const ATTEMPTS: Attempt[] = [
  ['conversations.get', (s) => s.conversations.get(THEIRS, 'c-1'), null],
  ['conversations.findByThread', (s) => s.conversations.findByThread({ ...conversationFixture().key, workspace: THEIRS }), null],
  ['conversations.turns', (s) => s.conversations.turns(THEIRS, 'c-1'), []],
  ['conversations.list', (s) => s.conversations.list(THEIRS), []],
  ['conversations.list by channel and platform', (s) => s.conversations.list(THEIRS, { channel: 'C-eng', platform: 'slack' }), []],
  ['conversations.assessments', (s) => s.conversations.assessments(THEIRS), []],
  ['conversations.decisions', (s) => collect(s.conversations.decisions({ workspace: THEIRS })), []],
  ['conversations.appendTurn', (s) => s.conversations.appendTurn(THEIRS, { conversationId: 'c-1', at: AT, role: 'user', kind: 'message', actor: 'U-eve', text: 'injected', payload: null }).catch((e: { code?: string }) => e.code), 'not-found'],
  ['conversations.save', (s) => s.conversations.save(conversationFixture({ key: { workspace: THEIRS }, status: 'complete' })).catch((e: { code?: string }) => e.code), 'not-found'],
  ['conversations.forgetUser', (s) => s.conversations.forgetUser(THEIRS, 'slack', 'U-ann'), { conversations: 0, turns: 0 }],
  ['reviews.get', (s) => s.reviews.get(THEIRS, 'r1'), null],
  ['reviews.findByThread', (s) => s.reviews.findByThread({ platform: 'slack', workspace: THEIRS, channel: 'C1', thread: 'thread-r1' }), null],
  ['reviews.setAnchor', (s) => s.reviews.setAnchor(THEIRS, 'r1', 'x'), false],
  ['reviews.list', (s) => s.reviews.list(THEIRS), []],
  ['reviews.changes', (s) => s.reviews.changes(THEIRS, 'r1'), []],
  ['reviews.appendChange', (s) => s.reviews.appendChange(THEIRS, { reviewId: 'r1', at: AT, actor: 'U-eve', kind: 'add', component: null, text: 'x' }).catch((e: { code?: string }) => e.code), 'not-found'],
  ['reviews.save', (s) => s.reviews.save(reviewFixture({ id: 'r1', name: 'taken over' }, { workspace: THEIRS })).catch((e: { code?: string }) => e.code), 'not-found'],
  ['reviews.forgetUser', (s) => s.reviews.forgetUser(THEIRS, 'slack', 'U-a'), 0],
  ['settings.get', (s) => s.settings.get('slack', THEIRS), null],
  ['ledger.effects', (s) => s.ledger.effects({ ...ref, workspace: THEIRS }), []],
  ['ledger.claim of the same delivery id', (s) => s.ledger.claim('slack', THEIRS, 'command:1', AT), true],
  ['digests.weekTotals', (s) => s.digests.weekTotals(THEIRS, FIXTURE_WINDOW), { assessments: 0, workloads: 0, recommendedMonthlyUsd: 0 }],
  ['digests.weekFigures reviews', async (s) => (await s.digests.weekFigures(THEIRS, FIXTURE_WINDOW)).reviews, NO_REVIEWS],
  ['digests.weekFigures assessments', async (s) => (await s.digests.weekFigures(THEIRS, FIXTURE_WINDOW)).assessments, 0],
  ['digests.subscription', (s) => s.digests.subscription('slack', THEIRS, 'C-eng'), null],
  ['digests.unsubscribe', (s) => s.digests.unsubscribe('slack', THEIRS, 'C-eng'), false],
];

export function workspaceScopingContract(name: string, open: () => Promise<AllStores> | AllStores): void {
  describe(`workspace scoping: ${name}`, () => {
    let stores: AllStores;
    beforeAll(async () => {
      stores = await open();
      const s = stores;
      await s.conversations.create(conversationFixture());
      await s.conversations.appendTurn(OURS, { conversationId: 'c-1', at: AT, role: 'user', kind: 'message', actor: 'U-ann', text: 'ours', payload: null });
      await s.conversations.recordAssessment(assessmentFixture({ at: AT }));
      await s.reviews.create(reviewFixture({ id: 'r1' }, { workspace: OURS }));
      await s.reviews.appendChange(OURS, { reviewId: 'r1', at: AT, actor: 'U-a', kind: 'open', component: null, text: 'ours' });
      await s.settings.setRegion('slack', OURS, 'eu-west-1', 'U-ann', AT);
      await s.ledger.claimWork('slack', OURS, 'command:1', AT, { text: 'ours' });
      await s.ledger.recordEffect(ref, 'post#1', { ok: true }, AT);
      await s.digests.subscribe(subscriptionFixture({ workspace: OURS }));
    });

    it.each(ATTEMPTS)('%s from another workspace sees and changes nothing', async (_, call, expected) => {
      expect(await call(stores)).toStrictEqual(expected);
    });

    it("leaves the first workspace's rows as they were after every attempt", async () => {
      for (const [, call] of ATTEMPTS) await call(stores);
      const s = stores;
      expect(await s.conversations.get(OURS, 'c-1')).toStrictEqual(conversationFixture());
      expect((await s.conversations.turns(OURS, 'c-1')).map((t) => t.text)).toStrictEqual(['ours']);
      expect(await s.reviews.get(OURS, 'r1')).toStrictEqual(reviewFixture({ id: 'r1' }, { workspace: OURS }));
      expect((await s.reviews.changes(OURS, 'r1')).map((c) => [c.actor, c.text])).toStrictEqual([['U-a', 'ours']]);
      expect((await s.settings.get('slack', OURS))?.region).toBe('eu-west-1');
      expect((await s.ledger.effects(ref)).map((e) => e.result)).toStrictEqual([{ ok: true }]);
      expect((await s.digests.weekTotals(OURS, FIXTURE_WINDOW)).assessments).toBe(1);
      expect((await s.digests.subscription('slack', OURS, 'C-eng'))?.id).toBe('sub-1');
    });
  });
}
