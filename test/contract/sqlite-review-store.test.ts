import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteReviewStore } from '../../src/store/sqlite-review-store.js';
import { openReviewDatabase, tempDir } from '../helpers/review-db.js';
import { reviewFixture, reviewStoreContract } from './review-store.contract.js';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});
function tempFile(): string {
  const d = tempDir();
  dirs.push(d);
  return d.file();
}

reviewStoreContract('SQLite on a temp file', () => {
  const db = openReviewDatabase(tempFile());
  return { reviews: createSqliteReviewStore(db), close: () => db.close() };
});

describe('SQLite review store', () => {
  it('keeps everything across a reopen of the file', async () => {
    const file = tempFile();
    const first = openReviewDatabase(file);
    const review = reviewFixture({ id: 'r1' });
    await createSqliteReviewStore(first).create(review);
    await createSqliteReviewStore(first).appendChange('T1', { reviewId: 'r1', at: review.createdAt, actor: 'U-a', kind: 'open', component: null, text: 'opened' });
    first.close();
    const second = openReviewDatabase(file);
    try {
      const store = createSqliteReviewStore(second);
      expect(await store.get('T1', 'r1')).toEqual(review);
      expect(await store.changes('T1', 'r1')).toHaveLength(1);
    } finally {
      second.close();
    }
  });

  it('allows one review per thread', async () => {
    const db = openReviewDatabase(tempFile());
    try {
      const store = createSqliteReviewStore(db);
      await store.create(reviewFixture({ id: 'r1' }, { thread: 't' }));
      await expect(store.create(reviewFixture({ id: 'r2' }, { thread: 't' }))).rejects.toThrow(/already exists/);
    } finally {
      db.close();
    }
  });
});
