import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewStore } from '../../src/core/ports.js';
import type { Review, ReviewComponent } from '../../src/core/review/review-types.js';

// The behaviour every ReviewStore must have; run it from a *.test.ts file
// with a factory that opens a fresh, empty store.

export interface ReviewStoreUnderTest {
  reviews: ReviewStore;
  close(): unknown;
}

export function reviewFixture(overrides: Partial<Review> & { id: string }, key: Partial<Review['key']> = {}): Review {
  return {
    key: { platform: 'slack', workspace: 'T1', channel: 'C1', thread: `thread-${overrides.id}`, user: 'U-opener', ...key },
    name: 'checkout',
    status: 'open',
    components: [],
    nextComponent: 0,
    anchor: null,
    createdAt: '2026-11-26T10:00:00.000Z',
    updatedAt: '2026-11-26T10:00:00.000Z',
    ...overrides,
  };
}

const COMPONENT: ReviewComponent = {
  id: 'c1',
  name: 'image pipeline',
  kind: 'workload',
  facts: { description: 'image pipeline: resize uploads', duration: { typicalMs: 2000, worstMs: 2000 } },
  pending: 'traffic',
  misses: 0,
  last: null,
  addedBy: 'U-a',
  addedAt: '2026-11-26T10:01:00.000Z',
  updatedAt: '2026-11-26T10:01:00.000Z',
};

export function reviewStoreContract(label: string, open: () => ReviewStoreUnderTest | Promise<ReviewStoreUnderTest>): void {
  describe(`ReviewStore contract: ${label}`, () => {
    let s: ReviewStoreUnderTest;
    let reviews: ReviewStore;
    beforeEach(async () => {
      s = await open();
      reviews = s.reviews;
    });
    afterEach(async () => {
      await s.close();
    });

    it('returns a saved review whole, by id and by thread', async () => {
      const review = reviewFixture({ id: 'r1', components: [COMPONENT], nextComponent: 1 });
      await reviews.create(review);
      expect(await reviews.get('T1', 'r1')).toEqual(review);
      expect(await reviews.findByThread({ platform: 'slack', workspace: 'T1', channel: 'C1', thread: 'thread-r1' })).toEqual(review);
    });

    it('overwrites the mutable parts on save', async () => {
      await reviews.create(reviewFixture({ id: 'r1' }));
      const changed = reviewFixture({ id: 'r1', status: 'closed', components: [COMPONENT], nextComponent: 1, anchor: '1700.1', updatedAt: '2026-11-26T11:00:00.000Z' });
      await reviews.save(changed);
      expect(await reviews.get('T1', 'r1')).toEqual(changed);
    });

    it('records the anchor of the living card', async () => {
      await reviews.create(reviewFixture({ id: 'r1' }));
      expect(await reviews.setAnchor('T1', 'r1', '1700.5')).toBe(true);
      expect((await reviews.get('T1', 'r1'))?.anchor).toBe('1700.5');
      expect(await reviews.setAnchor('T2', 'r1', 'x')).toBe(false);
    });

    it.each([
      ['another workspace', { workspace: 'T2' }],
      ['another channel', { channel: 'C2' }],
      ['another platform', { platform: 'discord' as const }],
      ['another thread', { thread: 'other' }],
    ])('does not find a review from %s', async (_label, where) => {
      await reviews.create(reviewFixture({ id: 'r1' }));
      expect(await reviews.findByThread({ platform: 'slack', workspace: 'T1', channel: 'C1', thread: 'thread-r1', ...where })).toBeNull();
    });

    it('never lets one workspace read, save or extend another workspace\'s review', async () => {
      await reviews.create(reviewFixture({ id: 'r1' }));
      expect(await reviews.get('T2', 'r1')).toBeNull();
      await expect(reviews.save(reviewFixture({ id: 'r1' }, { workspace: 'T2' }))).rejects.toThrow(/No review "r1" in workspace "T2"/);
      await expect(reviews.appendChange('T2', { reviewId: 'r1', at: '2026-11-26T10:00:00.000Z', actor: 'U-x', kind: 'add', component: 'x', text: 'x' })).rejects.toThrow(/No review/);
      expect(await reviews.changes('T2', 'r1')).toEqual([]);
      expect(await reviews.list('T2')).toEqual([]);
    });

    it('lets two workspaces use the same short id', async () => {
      await reviews.create(reviewFixture({ id: 'r1', name: 'one' }));
      await reviews.create(reviewFixture({ id: 'r1', name: 'two' }, { workspace: 'T2' }));
      expect((await reviews.get('T1', 'r1'))?.name).toBe('one');
      expect((await reviews.get('T2', 'r1'))?.name).toBe('two');
    });

    it('refuses a second review with the same id in a workspace', async () => {
      await reviews.create(reviewFixture({ id: 'r1' }));
      await expect(reviews.create(reviewFixture({ id: 'r1' }, { thread: 'elsewhere' }))).rejects.toThrow(/already exists/);
    });

    it('numbers the trail 1, 2, 3 per review and returns it oldest first', async () => {
      await reviews.create(reviewFixture({ id: 'r1' }));
      await reviews.create(reviewFixture({ id: 'r2' }));
      const entry = (reviewId: string, actor: string, text: string) => ({ reviewId, at: '2026-11-26T10:00:00.000Z', actor, kind: 'add' as const, component: text, text });
      expect((await reviews.appendChange('T1', entry('r1', 'U-a', 'one'))).seq).toBe(1);
      expect((await reviews.appendChange('T1', entry('r2', 'U-b', 'other'))).seq).toBe(1);
      expect((await reviews.appendChange('T1', entry('r1', 'U-b', 'two'))).seq).toBe(2);
      expect((await reviews.changes('T1', 'r1')).map((c) => [c.seq, c.actor, c.text])).toEqual([
        [1, 'U-a', 'one'],
        [2, 'U-b', 'two'],
      ]);
    });

    it("scrubs one person's trail entries in one workspace and platform, keeping their place", async () => {
      await reviews.create(reviewFixture({ id: 'r1' }));
      await reviews.create(reviewFixture({ id: 'r2' }, { workspace: 'T2' }));
      await reviews.create(reviewFixture({ id: 'r3' }, { platform: 'discord' }));
      const entry = (reviewId: string, actor: string, text: string) => ({ reviewId, at: '2026-11-26T10:00:00.000Z', actor, kind: 'add' as const, component: 'x', text });
      await reviews.appendChange('T1', entry('r1', 'U-a', 'add image pipeline: resize uploads'));
      await reviews.appendChange('T1', entry('r1', 'U-b', 'remove image pipeline'));
      await reviews.appendChange('T2', entry('r2', 'U-a', 'other workspace'));
      await reviews.appendChange('T1', entry('r3', 'U-a', 'other platform'));

      expect(await reviews.forgetUser('T1', 'slack', 'U-a')).toBe(1);
      const trail = await reviews.changes('T1', 'r1');
      expect(trail.map((c) => c.seq)).toEqual([1, 2]);
      expect(trail[0]?.actor).not.toBe('U-a');
      expect(trail[0]?.text).not.toContain('resize uploads');
      expect(trail[1]).toMatchObject({ actor: 'U-b', text: 'remove image pipeline' });
      expect((await reviews.changes('T2', 'r2'))[0]).toMatchObject({ actor: 'U-a', text: 'other workspace' });
      expect((await reviews.changes('T1', 'r3'))[0]).toMatchObject({ actor: 'U-a', text: 'other platform' });
      expect(await reviews.forgetUser('T1', 'slack', 'U-a')).toBe(0);
    });

    it('lists newest first, filtered by platform, channel and status, with the component count', async () => {
      await reviews.create(reviewFixture({ id: 'r1', updatedAt: '2026-11-26T10:00:00.000Z', components: [COMPONENT] }));
      await reviews.create(reviewFixture({ id: 'r2', updatedAt: '2026-11-26T12:00:00.000Z', status: 'closed' }, { channel: 'C2' }));
      await reviews.create(reviewFixture({ id: 'r3', updatedAt: '2026-11-26T11:00:00.000Z' }, { platform: 'discord' }));
      expect((await reviews.list('T1')).map((r) => r.id)).toEqual(['r2', 'r3', 'r1']);
      expect((await reviews.list('T1', { platform: 'slack' })).map((r) => r.id)).toEqual(['r2', 'r1']);
      expect((await reviews.list('T1', { channel: 'C1' })).map((r) => r.id)).toEqual(['r3', 'r1']);
      expect((await reviews.list('T1', { status: 'open' })).map((r) => r.id)).toEqual(['r3', 'r1']);
      expect((await reviews.list('T1', { limit: 1 })).map((r) => r.id)).toEqual(['r2']);
      expect((await reviews.list('T1', { platform: 'slack', channel: 'C1' }))[0]).toEqual({
        id: 'r1', name: 'checkout', status: 'open', platform: 'slack', channel: 'C1', thread: 'thread-r1', openedBy: 'U-opener', components: 1, updatedAt: '2026-11-26T10:00:00.000Z',
      });
    });

    it('lands all writes of a transaction or none', async () => {
      await reviews.create(reviewFixture({ id: 'r1' }));
      await expect(
        reviews.transaction(async () => {
          await reviews.save(reviewFixture({ id: 'r1', name: 'renamed' }));
          await reviews.appendChange('T1', { reviewId: 'r1', at: '2026-11-26T10:00:00.000Z', actor: 'U-a', kind: 'change', component: null, text: 'x' });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await reviews.get('T1', 'r1'))?.name).toBe('checkout');
      expect(await reviews.changes('T1', 'r1')).toEqual([]);
    });
  });
}
