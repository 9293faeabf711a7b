import type { Sql } from 'postgres';
import type { ThreadKey } from '../../core/conversation.js';
import type { ReviewStore } from '../../core/ports.js';
import type { ReviewChange } from '../../core/review/review-types.js';
import {
  FORGOTTEN_ACTOR,
  FORGOTTEN_TEXT,
  changeFromRow,
  listItemFromRow,
  reviewFromRow,
  reviewListLimit,
  reviewToRow,
  type ChangeRow,
  type ListRow,
  type ReviewRow,
} from '../review-rows.js';
import { StoreError } from '../store-error.js';
import { sessionOf } from './postgres-session.js';

// Design reviews on Postgres. Every statement names the workspace: review ids
// are typed by people and come from chat payloads, so a workspace must never
// reach another's review. Rows are read in the SQLite store's shapes.

export function createPostgresReviewStore(pool: Sql): ReviewStore {
  const session = sessionOf(pool);
  const db = () => session.sql();
  const reviewColumns = (q: Sql) => q`
    id, workspace, platform, channel, thread, opened_by, name, status, components::text AS components, next_component, anchor, created_at, updated_at`;

  return {
    create: async (review) => {
      const r = reviewToRow(review);
      // ON CONFLICT DO NOTHING (the id or the thread taken) keeps an open transaction usable, as on SQLite.
      const result = await db()`
        INSERT INTO reviews (id, workspace, platform, channel, thread, opened_by, name, status, components, next_component, anchor, created_at, updated_at)
        VALUES (${r.id}, ${r.workspace}, ${r.platform}, ${r.channel}, ${r.thread}, ${r.opened_by}, ${r.name}, ${r.status},
                ${r.components}::text::jsonb, ${r.next_component}, ${r.anchor}, ${r.created_at}, ${r.updated_at})
        ON CONFLICT DO NOTHING`;
      if (result.count !== 1) throw new StoreError('duplicate', `A review with id "${review.id}" or in that thread already exists.`);
    },

    save: async (review) => {
      const r = reviewToRow(review);
      const result = await db()`
        UPDATE reviews SET name = ${r.name}, status = ${r.status}, components = ${r.components}::text::jsonb, next_component = ${r.next_component},
                           anchor = ${r.anchor}, updated_at = ${r.updated_at}
        WHERE workspace = ${r.workspace} AND id = ${r.id}`;
      if (result.count !== 1) throw notFound(r.workspace, r.id);
    },

    get: async (workspace, id) => {
      const q = db();
      const [row] = await q<ReviewRow[]>`SELECT ${reviewColumns(q)} FROM reviews WHERE workspace = ${workspace} AND id = ${id}`;
      return row ? reviewFromRow(row) : null;
    },

    findByThread: async (key: ThreadKey) => {
      const q = db();
      const [row] = await q<ReviewRow[]>`
        SELECT ${reviewColumns(q)} FROM reviews
        WHERE platform = ${key.platform} AND workspace = ${key.workspace} AND channel = ${key.channel} AND thread = ${key.thread}`;
      return row ? reviewFromRow(row) : null;
    },

    setAnchor: async (workspace, id, anchor) => {
      const result = await db()`UPDATE reviews SET anchor = ${anchor} WHERE workspace = ${workspace} AND id = ${id}`;
      return result.count === 1;
    },

    list: async (workspace, options = {}) => {
      const q = db();
      const rows = await q<ListRow[]>`
        SELECT id, name, status, platform, channel, thread, opened_by, jsonb_array_length(components) AS components, updated_at
        FROM reviews
        WHERE workspace = ${workspace}
          ${options.platform === undefined ? q`` : q`AND platform = ${options.platform}`}
          ${options.channel === undefined ? q`` : q`AND channel = ${options.channel}`}
          ${options.status === undefined ? q`` : q`AND status = ${options.status}`}
        ORDER BY updated_at DESC, row_order DESC
        LIMIT ${reviewListLimit(options.limit)}`;
      return rows.map(listItemFromRow);
    },

    appendChange: (workspace, change) =>
      session.transaction(async (): Promise<ReviewChange> => {
        const q = db();
        // The review's row lock lines appenders up, on any connection or
        // replica, so each reads the last number after the one before committed.
        const [parent] = await q`SELECT 1 FROM reviews WHERE workspace = ${workspace} AND id = ${change.reviewId} FOR NO KEY UPDATE`;
        if (!parent) throw notFound(workspace, change.reviewId);
        const [row] = await q<{ seq: number }[]>`
          INSERT INTO review_changes (workspace, review_id, seq, at, actor, kind, component, text)
          VALUES (${workspace}, ${change.reviewId},
                  (SELECT COALESCE(MAX(seq), 0) + 1 FROM review_changes WHERE workspace = ${workspace} AND review_id = ${change.reviewId}),
                  ${change.at}, ${change.actor}, ${change.kind}, ${change.component}, ${change.text})
          RETURNING seq`;
        return { ...change, seq: row!.seq };
      }),

    changes: async (workspace, reviewId) => {
      const rows = await db()<ChangeRow[]>`
        SELECT workspace, review_id, seq, at, actor, kind, component, text FROM review_changes
        WHERE workspace = ${workspace} AND review_id = ${reviewId}
        ORDER BY seq`;
      return rows.map(changeFromRow);
    },

    forgetUser: async (workspace, platform, user) => {
      const result = await db()`
        UPDATE review_changes SET actor = ${FORGOTTEN_ACTOR}, text = ${FORGOTTEN_TEXT}
        WHERE workspace = ${workspace} AND actor = ${user}
          AND review_id IN (SELECT id FROM reviews WHERE workspace = review_changes.workspace AND platform = ${platform})`;
      return result.count;
    },

    // Nested calls become savepoints, as in the conversation store.
    transaction: (work) => session.transaction(work),
  };
}

function notFound(workspace: string, id: string): StoreError {
  return new StoreError('not-found', `No review "${id}" in workspace "${workspace}".`);
}
