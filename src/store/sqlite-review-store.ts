import type BetterSqlite3 from 'better-sqlite3';
import type { ThreadKey } from '../core/conversation.js';
import type { ReviewStore } from '../core/ports.js';
import type { NewReviewChange, ReviewChange, ReviewListItem } from '../core/review/review-types.js';
import { FORGOTTEN_ACTOR, FORGOTTEN_TEXT, changeFromRow, reviewFromRow, listItemFromRow, reviewListLimit, reviewToRow, type ChangeRow, type ListRow, type ReviewRow } from './review-rows.js';
import { gateOf } from './sqlite-gate.js';
import { StoreError, sqliteCode } from './store-error.js';

export { FORGOTTEN_ACTOR, FORGOTTEN_TEXT } from './review-rows.js';

// Every statement names the workspace: review ids are typed by people and
// come from chat payloads, so a workspace must never reach another's review.

export function createSqliteReviewStore(db: BetterSqlite3.Database): ReviewStore {
  const gate = gateOf(db);
  const insert = db.prepare<[ReviewRow]>(`
    INSERT INTO reviews (id, workspace, platform, channel, thread, opened_by, name, status, components, next_component, anchor, created_at, updated_at)
    VALUES (@id, @workspace, @platform, @channel, @thread, @opened_by, @name, @status, @components, @next_component, @anchor, @created_at, @updated_at)`);
  const update = db.prepare<[ReviewRow]>(`
    UPDATE reviews SET name = @name, status = @status, components = @components, next_component = @next_component,
                       anchor = @anchor, updated_at = @updated_at
    WHERE workspace = @workspace AND id = @id`);
  const selectOne = db.prepare<[string, string], ReviewRow>('SELECT * FROM reviews WHERE workspace = ? AND id = ?');
  const selectByThread = db.prepare<[string, string, string, string], ReviewRow>(
    'SELECT * FROM reviews WHERE platform = ? AND workspace = ? AND channel = ? AND thread = ?',
  );
  const scrubChanges = db.prepare<[string, string, string, string, string]>(`
    UPDATE review_changes SET actor = ?, text = ?
    WHERE workspace = ? AND actor = ?
      AND review_id IN (SELECT id FROM reviews WHERE workspace = review_changes.workspace AND platform = ?)`);
  const updateAnchor = db.prepare<[string, string, string]>('UPDATE reviews SET anchor = ? WHERE workspace = ? AND id = ?');
  const selectList = db.prepare<[{ workspace: string; platform: string | null; channel: string | null; status: string | null; limit: number }], ListRow>(`
    SELECT id, name, status, platform, channel, thread, opened_by, json_array_length(components) AS components, updated_at
    FROM reviews
    WHERE workspace = @workspace
      AND (@platform IS NULL OR platform = @platform)
      AND (@channel IS NULL OR channel = @channel)
      AND (@status IS NULL OR status = @status)
    ORDER BY updated_at DESC, rowid DESC
    LIMIT @limit`);
  const exists = db.prepare<[string, string], { found: number }>('SELECT 1 AS found FROM reviews WHERE workspace = ? AND id = ?');
  const nextSeq = db.prepare<[string, string], { seq: number }>(
    'SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM review_changes WHERE workspace = ? AND review_id = ?',
  );
  const insertChange = db.prepare<[ChangeRow]>(`
    INSERT INTO review_changes (workspace, review_id, seq, at, actor, kind, component, text)
    VALUES (@workspace, @review_id, @seq, @at, @actor, @kind, @component, @text)`);
  const selectChanges = db.prepare<[string, string], ChangeRow>('SELECT * FROM review_changes WHERE workspace = ? AND review_id = ? ORDER BY seq');

  const appendChange = db.transaction((workspace: string, change: NewReviewChange): ReviewChange => {
    if (!exists.get(workspace, change.reviewId)) throw notFound(workspace, change.reviewId);
    const seq = nextSeq.get(workspace, change.reviewId)!.seq;
    insertChange.run({ workspace, review_id: change.reviewId, seq, at: change.at, actor: change.actor, kind: change.kind, component: change.component, text: change.text });
    return { ...change, seq };
  });

  return {
    create: (review) =>
      gate.run(() => {
        try {
          insert.run(reviewToRow(review));
        } catch (error) {
          const code = sqliteCode(error);
          if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
            throw new StoreError('duplicate', `A review with id "${review.id}" or in that thread already exists.`, { cause: error });
          }
          throw error;
        }
      }),
    save: (review) =>
      gate.run(() => {
        if (update.run(reviewToRow(review)).changes !== 1) throw notFound(review.key.workspace, review.id);
      }),
    get: (workspace, id) =>
      gate.run(() => {
        const row = selectOne.get(workspace, id);
        return row ? reviewFromRow(row) : null;
      }),
    findByThread: (key: ThreadKey) =>
      gate.run(() => {
        const row = selectByThread.get(key.platform, key.workspace, key.channel, key.thread);
        return row ? reviewFromRow(row) : null;
      }),
    setAnchor: (workspace, id, anchor) => gate.run(() => updateAnchor.run(anchor, workspace, id).changes === 1),
    list: (workspace, options = {}) =>
      gate.run((): ReviewListItem[] => {
        const limit = reviewListLimit(options.limit);
        return selectList
          .all({ workspace, platform: options.platform ?? null, channel: options.channel ?? null, status: options.status ?? null, limit })
          .map(listItemFromRow);
      }),
    appendChange: (workspace, change) => gate.run(() => appendChange(workspace, change)),
    changes: (workspace, reviewId) =>
      gate.run(() =>
        selectChanges.all(workspace, reviewId).map(changeFromRow),
      ),
    forgetUser: (workspace: string, platform: string, user: string) => gate.run(() => scrubChanges.run(FORGOTTEN_ACTOR, FORGOTTEN_TEXT, workspace, user, platform).changes),
    // Nested calls become savepoints, as in the conversation store.
    transaction: (work) => gate.transaction(work),
  };
}

function notFound(workspace: string, id: string): StoreError {
  return new StoreError('not-found', `No review "${id}" in workspace "${workspace}".`);
}
