import type BetterSqlite3 from 'better-sqlite3';
import type { PlatformName, ThreadKey } from '../core/conversation.js';
import type { ReviewStore } from '../core/ports.js';
import type { ChangeKind, NewReviewChange, Review, ReviewChange, ReviewComponent, ReviewListItem, ReviewStatus } from '../core/review/review-types.js';
import { gateOf } from './sqlite-gate.js';
import { StoreError, sqliteCode } from './store-error.js';

// Every statement names the workspace: review ids are typed by people and
// come from chat payloads, so a workspace must never reach another's review.

const DEFAULT_LIST_LIMIT = 20;

interface ReviewRow {
  id: string;
  workspace: string;
  platform: string;
  channel: string;
  thread: string;
  opened_by: string;
  name: string;
  status: string;
  components: string;
  next_component: number;
  anchor: string | null;
  created_at: string;
  updated_at: string;
}

interface ChangeRow {
  workspace: string;
  review_id: string;
  seq: number;
  at: string;
  actor: string;
  kind: string;
  component: string | null;
  text: string;
}

interface ListRow {
  id: string;
  name: string;
  status: string;
  platform: string;
  channel: string;
  thread: string;
  opened_by: string;
  components: number;
  updated_at: string;
}

/** What a forgotten person's trail entries become. */
export const FORGOTTEN_ACTOR = 'someone';
export const FORGOTTEN_TEXT = '(removed at the author\'s request)';

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
          insert.run(toRow(review));
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
        if (update.run(toRow(review)).changes !== 1) throw notFound(review.key.workspace, review.id);
      }),
    get: (workspace, id) =>
      gate.run(() => {
        const row = selectOne.get(workspace, id);
        return row ? fromRow(row) : null;
      }),
    findByThread: (key: ThreadKey) =>
      gate.run(() => {
        const row = selectByThread.get(key.platform, key.workspace, key.channel, key.thread);
        return row ? fromRow(row) : null;
      }),
    setAnchor: (workspace, id, anchor) => gate.run(() => updateAnchor.run(anchor, workspace, id).changes === 1),
    list: (workspace, options = {}) =>
      gate.run((): ReviewListItem[] => {
        const limit = options.limit === undefined ? DEFAULT_LIST_LIMIT : Math.max(0, Math.floor(options.limit));
        return selectList
          .all({ workspace, platform: options.platform ?? null, channel: options.channel ?? null, status: options.status ?? null, limit })
          .map((r) => ({
            id: r.id,
            name: r.name,
            status: r.status as ReviewStatus,
            platform: r.platform as PlatformName,
            channel: r.channel,
            thread: r.thread,
            openedBy: r.opened_by,
            components: r.components,
            updatedAt: r.updated_at,
          }));
      }),
    appendChange: (workspace, change) => gate.run(() => appendChange(workspace, change)),
    changes: (workspace, reviewId) =>
      gate.run(() =>
        selectChanges.all(workspace, reviewId).map((r) => ({
          reviewId: r.review_id,
          seq: r.seq,
          at: r.at,
          actor: r.actor,
          kind: r.kind as ChangeKind,
          component: r.component,
          text: r.text,
        })),
      ),
    forgetUser: (workspace: string, platform: string, user: string) => gate.run(() => scrubChanges.run(FORGOTTEN_ACTOR, FORGOTTEN_TEXT, workspace, user, platform).changes),
    // Nested calls become savepoints, as in the conversation store.
    transaction: (work) => gate.transaction(work),
  };
}

function toRow(review: Review): ReviewRow {
  return {
    id: review.id,
    workspace: review.key.workspace,
    platform: review.key.platform,
    channel: review.key.channel,
    thread: review.key.thread,
    opened_by: review.key.user,
    name: review.name,
    status: review.status,
    components: JSON.stringify(review.components),
    next_component: review.nextComponent,
    anchor: review.anchor,
    created_at: review.createdAt,
    updated_at: review.updatedAt,
  };
}

function fromRow(row: ReviewRow): Review {
  return {
    id: row.id,
    key: { platform: row.platform as PlatformName, workspace: row.workspace, channel: row.channel, thread: row.thread, user: row.opened_by },
    name: row.name,
    status: row.status as ReviewStatus,
    components: JSON.parse(row.components) as ReviewComponent[],
    nextComponent: row.next_component,
    anchor: row.anchor,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function notFound(workspace: string, id: string): StoreError {
  return new StoreError('not-found', `No review "${id}" in workspace "${workspace}".`);
}
