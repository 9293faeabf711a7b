import { expect, it } from 'vitest';
import { createPostgresReviewStore } from '../../src/store/postgres/review-store.js';
import { describePostgres } from '../helpers/postgres.js';
import { usePostgresForTests } from '../helpers/postgres-stores.js';
import { reviewFixture, reviewStoreContract } from './review-store.contract.js';

describePostgres('Postgres review store', () => {
  const pg = usePostgresForTests();

  reviewStoreContract('Postgres', async () => ({ reviews: createPostgresReviewStore((await pg.empty()).sql), close: () => undefined }));

  it('numbers the trail 1..n without gaps or repeats when two replicas append to one review at once', async () => {
    const a = createPostgresReviewStore((await pg.empty()).sql);
    const b = createPostgresReviewStore((await pg.another()).sql);
    await a.create(reviewFixture({ id: 'r1' }));
    const entry = (i: number) => ({ reviewId: 'r1', at: '2026-11-26T10:00:00.000Z', actor: 'U-a', kind: 'add' as const, component: null, text: `entry ${i}` });
    const appended = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).appendChange('T1', entry(i))));
    const numbers = Array.from({ length: 30 }, (_, i) => i + 1);
    expect(appended.map((c) => c.seq).sort((x, y) => x - y)).toStrictEqual(numbers);
    const trail = await a.changes('T1', 'r1');
    expect(trail.map((c) => c.seq)).toStrictEqual(numbers);
    expect(new Map(trail.map((c) => [c.text, c.seq]))).toStrictEqual(new Map(appended.map((c) => [c.text, c.seq])));
  });

  it('allows one review per thread, and a refused one leaves an open transaction usable', async () => {
    const store = createPostgresReviewStore((await pg.empty()).sql);
    await store.transaction(async () => {
      await store.create(reviewFixture({ id: 'r1' }, { thread: 't' }));
      await expect(store.create(reviewFixture({ id: 'r2' }, { thread: 't' }))).rejects.toMatchObject({ code: 'duplicate' });
      await store.appendChange('T1', { reviewId: 'r1', at: '2026-11-26T10:00:00.000Z', actor: 'U-a', kind: 'open', component: null, text: 'opened' });
    });
    expect(await store.changes('T1', 'r1')).toHaveLength(1);
    expect(await store.get('T1', 'r2')).toBeNull();
  });
});
