import type { Sql } from 'postgres';
import type { AssessmentRecord, NewTurn, SavedDecision, ThreadKey, Turn } from '../../core/conversation.js';
import type { ConversationStore } from '../../core/ports.js';
import {
  assessmentFromRow,
  assessmentToRow,
  conversationFromRow,
  conversationToRow,
  listItemFromRow,
  payloadToColumn,
  turnFromRow,
  type AssessmentRow,
  type ConversationRow,
  type ListRow,
  type TurnRow,
  savedDecisionFromColumns,
} from '../conversation-rows.js';
import { DEFAULT_LIST_LIMIT, DECISION_PAGE, type AssessmentQuery } from '../sqlite-conversation-store.js';
import { StoreError } from '../store-error.js';
import { postgresLimit } from './postgres-errors.js';
import { sessionOf } from './postgres-session.js';
import { storableJson, storableText } from './storable-text.js';

// The conversation store on Postgres. Rows are read in the shapes the SQLite
// store uses (JSON columns as text, `user_id` as "user", booleans as 0/1) so
// one module maps them. Every statement names the workspace, as on SQLite.
// row_order (insertion order) breaks ties in time where SQLite uses rowid.

export interface PostgresConversationStore extends ConversationStore {
  assessments(workspace: string, options?: AssessmentQuery): Promise<AssessmentRecord[]>;
}

export function createPostgresConversationStore(pool: Sql): PostgresConversationStore {
  const session = sessionOf(pool);
  const db = () => session.sql();
  const conversationColumns = (q: Sql) => q`
    id, workspace, platform, channel, thread, user_id AS "user", status, facts::text AS facts, pending, misses,
    last::text AS last, anchor, description, created_at, updated_at`;
  const assessmentColumns = (q: Sql) => q`
    id, conversation_id, workspace, platform, channel, thread, user_id AS "user", at, description, verdict, recommended,
    recommended_monthly_usd, alternative_monthly_usd, catalog_version, reassessment::int AS reassessment,
    facts::text AS facts, catalog_as_of`;

  async function appendTurn(workspace: string, turn: NewTurn): Promise<Turn> {
    return session.transaction(async () => {
      const q = db();
      // Locking the conversation's row makes appenders to one conversation,
      // on any connection or replica, take their turn: the next number is
      // read in a statement that starts after the previous appender committed.
      const [parent] = await q`
        SELECT 1 FROM conversations WHERE workspace = ${workspace} AND id = ${turn.conversationId} FOR NO KEY UPDATE`;
      if (!parent) throw notFound(workspace, turn.conversationId);
      const [row] = await q<{ seq: number }[]>`
        INSERT INTO turns (conversation_id, seq, at, role, kind, actor, text, payload)
        VALUES (${turn.conversationId}, (SELECT COALESCE(MAX(seq), 0) + 1 FROM turns WHERE conversation_id = ${turn.conversationId}),
                ${turn.at}, ${turn.role}, ${turn.kind}, ${turn.actor}, ${storableText(turn.text)}, ${storableJson(payloadToColumn(turn.payload))}::text::jsonb)
        RETURNING seq`;
      return { ...turn, seq: row!.seq };
    });
  }

  /** Each conversation's latest assessment, as row numbers in the decisions' order: fixed when reading starts, a few bytes each. */
  async function decisionOrder(workspace: string | undefined): Promise<string[]> {
    const q = db();
    const ids = await q<{ row_order: string }[]>`
      SELECT row_order::text AS row_order FROM (
        SELECT row_order, workspace, at, id,
               row_number() OVER (PARTITION BY workspace, conversation_id ORDER BY at DESC, row_order DESC) AS newest
        FROM assessments ${workspace === undefined ? q`` : q`WHERE workspace = ${workspace}`}
      ) latest
      WHERE newest = 1
      ORDER BY workspace COLLATE "C", at, id COLLATE "C"`;
    return ids.map((row) => row.row_order);
  }

  async function* decisions(options: { workspace?: string } = {}): AsyncIterable<AssessmentRecord> {
    // A decision is where a conversation ended up: its latest assessment. As
    // on SQLite, the set is fixed when reading starts and the rows are read a page at a time.
    const ids = await decisionOrder(options.workspace);
    for (let start = 0; start < ids.length; start += DECISION_PAGE) {
      const page = ids.slice(start, start + DECISION_PAGE);
      const p = db();
      const rows = await p<(AssessmentRow & { row_order: string })[]>`
        SELECT row_order::text AS row_order, ${assessmentColumns(p)} FROM assessments WHERE row_order = ANY(${page}::bigint[])`;
      const byId = new Map(rows.map((row) => [row.row_order, row]));
      // A row forgotten since the numbers were read is simply no longer a decision.
      for (const id of page) {
        const row = byId.get(id);
        if (row) yield assessmentFromRow(row);
      }
    }
  }

  async function* savedDecisions(options: { workspace?: string; pageSize?: number } = {}): AsyncIterable<SavedDecision[]> {
    const ids = await decisionOrder(options.workspace);
    const size = Math.max(1, options.pageSize ?? DECISION_PAGE);
    for (let start = 0; start < ids.length; start += size) {
      const p = db();
      // Bare arrays in the order asked for, in the columns' order of SAVED_COLUMNS.
      const rows = await p`
        SELECT a.id, a.conversation_id, a.workspace, a.platform, a.channel, a.thread, a.user_id, a.at, a.description, a.verdict, a.recommended,
               a.recommended_monthly_usd, a.alternative_monthly_usd, a.catalog_version, a.catalog_as_of, a.reassessment::int, a.facts::text
        FROM unnest(${ids.slice(start, start + size)}::bigint[]) WITH ORDINALITY AS page(row_order, n)
        JOIN assessments a ON a.row_order = page.row_order
        ORDER BY page.n`.values();
      if (rows.length > 0) yield rows.map((row) => savedDecisionFromColumns(row as unknown[]));
    }
  }

  return {
    // ON CONFLICT DO NOTHING rather than catching the unique violation: a
    // failed statement would abort an open transaction, which on SQLite goes on.
    create: async (conversation) => {
      const r = conversationToRow(conversation);
      const result = await db()`
          INSERT INTO conversations
            (id, workspace, platform, channel, thread, user_id, status, facts, pending, misses, last, anchor, description, created_at, updated_at)
          VALUES
            (${r.id}, ${r.workspace}, ${r.platform}, ${r.channel}, ${r.thread}, ${r.user}, ${r.status}, ${storableJson(r.facts)}::text::jsonb, ${r.pending},
             ${r.misses}, ${storableJson(r.last)}::text::jsonb, ${r.anchor}, ${storableText(r.description)}, ${r.created_at}, ${r.updated_at})
          ON CONFLICT DO NOTHING`;
      if (result.count !== 1) throw new StoreError('duplicate', `A conversation with id "${conversation.id}" already exists.`);
    },

    save: async (conversation) => {
      const r = conversationToRow(conversation);
      const result = await db()`
        UPDATE conversations
        SET status = ${r.status}, facts = ${storableJson(r.facts)}::text::jsonb, pending = ${r.pending}, misses = ${r.misses}, last = ${storableJson(r.last)}::text::jsonb,
            anchor = ${r.anchor}, description = ${storableText(r.description)}, updated_at = ${r.updated_at}
        WHERE id = ${r.id} AND workspace = ${r.workspace}`;
      if (result.count !== 1) throw notFound(r.workspace, r.id);
    },

    get: async (workspace, id) => {
      const q = db();
      const [row] = await q<ConversationRow[]>`SELECT ${conversationColumns(q)} FROM conversations WHERE workspace = ${workspace} AND id = ${id}`;
      return row ? conversationFromRow(row) : null;
    },

    findByThread: async (key: ThreadKey) => {
      const q = db();
      const [row] = await q<ConversationRow[]>`
        SELECT ${conversationColumns(q)} FROM conversations
        WHERE platform = ${key.platform} AND workspace = ${key.workspace} AND channel = ${key.channel} AND thread = ${key.thread}
        ORDER BY created_at DESC, row_order DESC
        LIMIT 1`;
      return row ? conversationFromRow(row) : null;
    },

    appendTurn,

    turns: async (workspace, conversationId) => {
      const rows = await db()<TurnRow[]>`
        SELECT t.conversation_id, t.seq, t.at, t.role, t.kind, t.actor, t.text, t.payload::text AS payload
        FROM turns t
        JOIN conversations c ON c.id = t.conversation_id
        WHERE c.workspace = ${workspace} AND t.conversation_id = ${conversationId}
        ORDER BY t.seq`;
      return rows.map(turnFromRow);
    },

    list: async (workspace, options = {}) => {
      const q = db();
      const { channel, platform } = options;
      const rows = await q<ListRow[]>`
        SELECT id, workspace, channel, thread, user_id AS "user", description, status,
               last->>'verdict' AS verdict, last->>'platform' AS recommended, updated_at
        FROM conversations
        WHERE workspace = ${workspace}
          ${channel === undefined ? q`` : q`AND channel = ${channel}`}
          ${platform === undefined ? q`` : q`AND platform = ${platform}`}
        ORDER BY updated_at DESC, row_order DESC
        LIMIT ${postgresLimit(options.limit, DEFAULT_LIST_LIMIT)}`;
      return rows.map(listItemFromRow);
    },

    recordAssessment: async (record: AssessmentRecord) => {
      const r = assessmentToRow(record);
      const result = await db()`
          INSERT INTO assessments
            (id, conversation_id, workspace, platform, channel, thread, user_id, at, description, verdict, recommended,
             recommended_monthly_usd, alternative_monthly_usd, catalog_version, reassessment, facts, catalog_as_of)
          VALUES
            (${r.id}, ${r.conversation_id}, ${r.workspace}, ${r.platform}, ${r.channel}, ${r.thread}, ${r.user}, ${r.at}, ${storableText(r.description)},
             ${r.verdict}, ${r.recommended}, ${r.recommended_monthly_usd}, ${r.alternative_monthly_usd}, ${r.catalog_version},
             ${record.reassessment}, ${storableJson(r.facts)}::text::jsonb, ${r.catalog_as_of})
          ON CONFLICT DO NOTHING`;
      if (result.count !== 1) throw new StoreError('duplicate', `An assessment with id "${record.id}" is already recorded.`);
    },

    assessments: async (workspace: string, options: AssessmentQuery = {}) => {
      const q = db();
      const { since, until, channel } = options;
      const rows = await q<AssessmentRow[]>`
        SELECT ${assessmentColumns(q)} FROM assessments
        WHERE workspace = ${workspace}
          ${channel === undefined ? q`` : q`AND channel = ${channel}`}
          ${since === undefined ? q`` : q`AND at >= ${since}`}
          ${until === undefined ? q`` : q`AND at < ${until}`}
        ORDER BY at DESC, row_order DESC
        LIMIT ${postgresLimit(options.limit, null)}`;
      return rows.map(assessmentFromRow);
    },

    decisions,

    savedDecisions,

    forgetUser: (workspace, platform, user) =>
      session.transaction(async () => {
        const q = db();
        const turns = await q`
          DELETE FROM turns
          WHERE role = 'user' AND actor = ${user}
            AND conversation_id IN (SELECT id FROM conversations WHERE workspace = ${workspace} AND platform = ${platform} AND user_id <> ${user})`;
        await q`
          DELETE FROM assessments
          WHERE conversation_id IN (SELECT id FROM conversations WHERE workspace = ${workspace} AND platform = ${platform} AND user_id = ${user})`;
        // Their turns go with them (ON DELETE CASCADE).
        const conversations = await q`DELETE FROM conversations WHERE workspace = ${workspace} AND platform = ${platform} AND user_id = ${user}`;
        return { conversations: conversations.count, turns: turns.count };
      }),

    // Nested calls become savepoints: an inner throw undoes only the inner
    // writes when the outer work catches it.
    transaction: (work) => session.transaction(work),
  };
}

function notFound(workspace: string, id: string): StoreError {
  return new StoreError('not-found', `No conversation "${id}" in workspace "${workspace}".`);
}
