import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewStore } from '../../src/core/ports.js';
import type { Review, ReviewComponent } from '../../src/core/review/review-types.js';

// The behaviour every ReviewStore must have; run it from a *.test.ts file
// with a factory that opens a fresh, empty store.

export interface ReviewStoreUnderTest {
  reviews: ReviewStore;
  close(): void;
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

export function reviewStoreContract(label: string, open: () => ReviewStoreUnderTest): void {
  describe(`ReviewStore contract: ${label}`, () => {
    let s: ReviewStoreUnderTest;
    let reviews: ReviewStore;
    beforeEach(() => {
      s = open();
      reviews = s.reviews;
    });
    afterEach(() => s.close());

    it('returns a saved review whole, by id and by thread', () => {
      const review = reviewFixture({ id: 'r1', components: [COMPONENT], nextComponent: 1 });
      reviews.create(review);
      expect(reviews.get('T1', 'r1')).toEqual(review);
      expect(reviews.findByThread({ platform: 'slack', workspace: 'T1', channel: 'C1', thread: 'thread-r1' })).toEqual(review);
    });

    it('overwrites the mutable parts on save', () => {
      reviews.create(reviewFixture({ id: 'r1' }));
      const changed = reviewFixture({ id: 'r1', status: 'closed', components: [COMPONENT], nextComponent: 1, anchor: '1700.1', updatedAt: '2026-11-26T11:00:00.000Z' });
      reviews.save(changed);
      expect(reviews.get('T1', 'r1')).toEqual(changed);
    });

    it('records the anchor of the living card', () => {
      reviews.create(reviewFixture({ id: 'r1' }));
      expect(reviews.setAnchor('T1', 'r1', '1700.5')).toBe(true);
      expect(reviews.get('T1', 'r1')?.anchor).toBe('1700.5');
      expect(reviews.setAnchor('T2', 'r1', 'x')).toBe(false);
    });

    it.each([
      ['another workspace', { workspace: 'T2' }],
      ['another channel', { channel: 'C2' }],
      ['another platform', { platform: 'discord' as const }],
      ['another thread', { thread: 'other' }],
    ])('does not find a review from %s', (_label, where) => {
      reviews.create(reviewFixture({ id: 'r1' }));
      expect(reviews.findByThread({ platform: 'slack', workspace: 'T1', channel: 'C1', thread: 'thread-r1', ...where })).toBeNull();
    });

    it('never lets one workspace read, save or extend another workspace\'s review', () => {
      reviews.create(reviewFixture({ id: 'r1' }));
      expect(reviews.get('T2', 'r1')).toBeNull();
      expect(() => reviews.save(reviewFixture({ id: 'r1' }, { workspace: 'T2' }))).toThrow(/No review "r1" in workspace "T2"/);
      expect(() => reviews.appendChange('T2', { reviewId: 'r1', at: '2026-11-26T10:00:00.000Z', actor: 'U-x', kind: 'add', component: 'x', text: 'x' })).toThrow(/No review/);
      expect(reviews.changes('T2', 'r1')).toEqual([]);
      expect(reviews.list('T2')).toEqual([]);
    });

    it('lets two workspaces use the same short id', () => {
      reviews.create(reviewFixture({ id: 'r1', name: 'one' }));
      reviews.create(reviewFixture({ id: 'r1', name: 'two' }, { workspace: 'T2' }));
      expect(reviews.get('T1', 'r1')?.name).toBe('one');
      expect(reviews.get('T2', 'r1')?.name).toBe('two');
    });

    it('refuses a second review with the same id in a workspace', () => {
      reviews.create(reviewFixture({ id: 'r1' }));
      expect(() => reviews.create(reviewFixture({ id: 'r1' }, { thread: 'elsewhere' }))).toThrow(/already exists/);
    });

    it('numbers the trail 1, 2, 3 per review and returns it oldest first', () => {
      reviews.create(reviewFixture({ id: 'r1' }));
      reviews.create(reviewFixture({ id: 'r2' }));
      const entry = (reviewId: string, actor: string, text: string) => ({ reviewId, at: '2026-11-26T10:00:00.000Z', actor, kind: 'add' as const, component: text, text });
      expect(reviews.appendChange('T1', entry('r1', 'U-a', 'one')).seq).toBe(1);
      expect(reviews.appendChange('T1', entry('r2', 'U-b', 'other')).seq).toBe(1);
      expect(reviews.appendChange('T1', entry('r1', 'U-b', 'two')).seq).toBe(2);
      expect(reviews.changes('T1', 'r1').map((c) => [c.seq, c.actor, c.text])).toEqual([
        [1, 'U-a', 'one'],
        [2, 'U-b', 'two'],
      ]);
    });

    it("scrubs one person's trail entries in one workspace and platform, keeping their place", () => {
      reviews.create(reviewFixture({ id: 'r1' }));
      reviews.create(reviewFixture({ id: 'r2' }, { workspace: 'T2' }));
      reviews.create(reviewFixture({ id: 'r3' }, { platform: 'discord' }));
      const entry = (reviewId: string, actor: string, text: string) => ({ reviewId, at: '2026-11-26T10:00:00.000Z', actor, kind: 'add' as const, component: 'x', text });
      reviews.appendChange('T1', entry('r1', 'U-a', 'add image pipeline: resize uploads'));
      reviews.appendChange('T1', entry('r1', 'U-b', 'remove image pipeline'));
      reviews.appendChange('T2', entry('r2', 'U-a', 'other workspace'));
      reviews.appendChange('T1', entry('r3', 'U-a', 'other platform'));

      expect(reviews.forgetUser('T1', 'slack', 'U-a')).toBe(1);
      const trail = reviews.changes('T1', 'r1');
      expect(trail.map((c) => c.seq)).toEqual([1, 2]);
      expect(trail[0]?.actor).not.toBe('U-a');
      expect(trail[0]?.text).not.toContain('resize uploads');
      expect(trail[1]).toMatchObject({ actor: 'U-b', text: 'remove image pipeline' });
      expect(reviews.changes('T2', 'r2')[0]).toMatchObject({ actor: 'U-a', text: 'other workspace' });
      expect(reviews.changes('T1', 'r3')[0]).toMatchObject({ actor: 'U-a', text: 'other platform' });
      expect(reviews.forgetUser('T1', 'slack', 'U-a')).toBe(0);
    });

    it('lists newest first, filtered by platform, channel and status, with the component count', () => {
      reviews.create(reviewFixture({ id: 'r1', updatedAt: '2026-11-26T10:00:00.000Z', components: [COMPONENT] }));
      reviews.create(reviewFixture({ id: 'r2', updatedAt: '2026-11-26T12:00:00.000Z', status: 'closed' }, { channel: 'C2' }));
      reviews.create(reviewFixture({ id: 'r3', updatedAt: '2026-11-26T11:00:00.000Z' }, { platform: 'discord' }));
      expect(reviews.list('T1').map((r) => r.id)).toEqual(['r2', 'r3', 'r1']);
      expect(reviews.list('T1', { platform: 'slack' }).map((r) => r.id)).toEqual(['r2', 'r1']);
      expect(reviews.list('T1', { channel: 'C1' }).map((r) => r.id)).toEqual(['r3', 'r1']);
      expect(reviews.list('T1', { status: 'open' }).map((r) => r.id)).toEqual(['r3', 'r1']);
      expect(reviews.list('T1', { limit: 1 }).map((r) => r.id)).toEqual(['r2']);
      expect(reviews.list('T1', { platform: 'slack', channel: 'C1' })[0]).toEqual({
        id: 'r1', name: 'checkout', status: 'open', platform: 'slack', channel: 'C1', thread: 'thread-r1', openedBy: 'U-opener', components: 1, updatedAt: '2026-11-26T10:00:00.000Z',
      });
    });

    it('lands all writes of a transaction or none', () => {
      reviews.create(reviewFixture({ id: 'r1' }));
      expect(() =>
        reviews.transaction(() => {
          reviews.save(reviewFixture({ id: 'r1', name: 'renamed' }));
          reviews.appendChange('T1', { reviewId: 'r1', at: '2026-11-26T10:00:00.000Z', actor: 'U-a', kind: 'change', component: null, text: 'x' });
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(reviews.get('T1', 'r1')?.name).toBe('checkout');
      expect(reviews.changes('T1', 'r1')).toEqual([]);
    });
  });
}
