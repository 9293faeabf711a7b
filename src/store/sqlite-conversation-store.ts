import type BetterSqlite3 from 'better-sqlite3';
import type { AssessmentRecord, NewTurn, SavedDecision, ThreadKey, Turn } from '../core/conversation.js';
import type { ConversationListItem, ConversationStore } from '../core/ports.js';
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
  SAVED_COLUMNS,
  savedDecisionFromColumns,
} from './conversation-rows.js';
import { gateOf } from './sqlite-gate.js';
import { StoreError, sqliteCode } from './store-error.js';

// Every statement names the workspace: ids come from chat payloads, and a
// workspace must never read or extend another's conversations by guessing one.

/** Conversations listed when the caller gives no limit. */
export const DEFAULT_LIST_LIMIT = 50;
/** Decisions read per page while re-pricing: small enough that other callers wait briefly between pages. */
export const DECISION_PAGE = 500;

export interface AssessmentQuery {
  /** Inclusive lower bound on `at` (ISO 8601). */
  since?: string;
  /** Exclusive upper bound on `at`, so consecutive weeks never share a row. */
  until?: string;
  /** Only this channel. Not in the port yet; served by the (workspace, channel, at) index. */
  channel?: string;
  /** Newest first; no limit when absent (a digest wants the whole range). */
  limit?: number;
}

export interface SqliteConversationStore extends ConversationStore {
  assessments(workspace: string, options?: AssessmentQuery): Promise<AssessmentRecord[]>;
}

export function createSqliteConversationStore(db: BetterSqlite3.Database): SqliteConversationStore {
  const gate = gateOf(db);
  const insertConversation = db.prepare<[ConversationRow]>(`
    INSERT INTO conversations
      (id, workspace, platform, channel, thread, user, status, facts, pending, misses, last, anchor, description, created_at, updated_at)
    VALUES
      (@id, @workspace, @platform, @channel, @thread, @user, @status, @facts, @pending, @misses, @last, @anchor, @description, @created_at, @updated_at)`);
  const updateConversation = db.prepare<[ConversationRow]>(`
    UPDATE conversations
    SET status = @status, facts = @facts, pending = @pending, misses = @misses, last = @last,
        anchor = @anchor, description = @description, updated_at = @updated_at
    WHERE id = @id AND workspace = @workspace`);
  const selectConversation = db.prepare<[string, string], ConversationRow>(
    'SELECT * FROM conversations WHERE workspace = ? AND id = ?',
  );
  const selectByThread = db.prepare<[string, string, string, string], ConversationRow>(`
    SELECT * FROM conversations
    WHERE platform = ? AND workspace = ? AND channel = ? AND thread = ?
    ORDER BY created_at DESC, rowid DESC
    LIMIT 1`);
  const conversationExists = db.prepare<[string, string], { found: number }>(
    'SELECT 1 AS found FROM conversations WHERE workspace = ? AND id = ?',
  );
  const nextSeq = db.prepare<[string], { seq: number }>(
    'SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM turns WHERE conversation_id = ?',
  );
  const insertTurn = db.prepare<[TurnRow]>(`
    INSERT INTO turns (conversation_id, seq, at, role, kind, actor, text, payload)
    VALUES (@conversation_id, @seq, @at, @role, @kind, @actor, @text, @payload)`);
  const selectTurns = db.prepare<[string, string], TurnRow>(`
    SELECT t.* FROM turns t
    JOIN conversations c ON c.id = t.conversation_id
    WHERE c.workspace = ? AND t.conversation_id = ?
    ORDER BY t.seq`);
  const insertAssessment = db.prepare<[AssessmentRow]>(`
    INSERT INTO assessments
      (id, conversation_id, workspace, platform, channel, thread, user, at, description, verdict, recommended,
       recommended_monthly_usd, alternative_monthly_usd, catalog_version, reassessment, facts, catalog_as_of)
    VALUES
      (@id, @conversation_id, @workspace, @platform, @channel, @thread, @user, @at, @description, @verdict, @recommended,
       @recommended_monthly_usd, @alternative_monthly_usd, @catalog_version, @reassessment, @facts, @catalog_as_of)`);
  // A decision is where a conversation ended up: its latest assessment. The
  // one read across workspaces (re-pricing serves them all), workspace by
  // workspace. Their row ids are read at once (a few bytes each), then the
  // rows a page at a time, so a long history never sits in memory and no
  // statement stays open across an await (the connection is shared).
  const decisionsSql = (workspace: boolean) => `
    SELECT row_id FROM (
      SELECT a.rowid AS row_id, a.workspace, a.at, a.id,
             row_number() OVER (PARTITION BY workspace, conversation_id ORDER BY at DESC, rowid DESC) AS newest
      FROM assessments a ${workspace ? 'WHERE workspace = @workspace' : ''}
    ) WHERE newest = 1
    ORDER BY workspace, at, id`;
  const allDecisions = db.prepare<[Record<string, unknown>], number>(decisionsSql(false)).pluck();
  const workspaceDecisions = db.prepare<[Record<string, unknown>], number>(decisionsSql(true)).pluck();
  const decisionPage = db.prepare<[string], AssessmentRow & { row: number }>(
    'SELECT rowid AS row, * FROM assessments WHERE rowid IN (SELECT value FROM json_each(?))',
  );
  // The same page as bare arrays in the order asked for (no objects built by
  // the driver, no lookup after): re-pricing reads a whole history this way.
  const savedPage = db
    .prepare<[string], unknown[]>(
      `SELECT ${SAVED_COLUMNS.map((column) => `a.${column}`).join(', ')}
       FROM json_each(?) j CROSS JOIN assessments a ON a.rowid = j.value
       ORDER BY j.key`,
    )
    .raw();

  const deleteOwnTurnsElsewhere = db.prepare<[string, string, string, string]>(`
    DELETE FROM turns
    WHERE role = 'user' AND actor = ?
      AND conversation_id IN (SELECT id FROM conversations WHERE workspace = ? AND platform = ? AND user <> ?)`);
  const deleteStartedAssessments = db.prepare<[string, string, string]>(
    'DELETE FROM assessments WHERE conversation_id IN (SELECT id FROM conversations WHERE workspace = ? AND platform = ? AND user = ?)',
  );
  const deleteStartedConversations = db.prepare<[string, string, string]>(
    'DELETE FROM conversations WHERE workspace = ? AND platform = ? AND user = ?',
  );
  // Turns go with their conversation (ON DELETE CASCADE).
  const forgetUser = db.transaction((workspace: string, platform: string, user: string) => {
    const turns = deleteOwnTurnsElsewhere.run(user, workspace, platform, user).changes;
    deleteStartedAssessments.run(workspace, platform, user);
    const conversations = deleteStartedConversations.run(workspace, platform, user).changes;
    return { conversations, turns };
  });

  // Optional filters change the SQL (so the planner can use the matching
  // index), so each combination is prepared the first time it is needed.
  const listStatements = new Map<string, BetterSqlite3.Statement<[Record<string, unknown>], ListRow>>();
  const listStatement = (channel: boolean, platform: boolean) => {
    const shape = `${channel}|${platform}`;
    let statement = listStatements.get(shape);
    if (!statement) {
      statement = db.prepare(`
        SELECT id, workspace, channel, thread, user, description, status,
               json_extract(last, '$.verdict') AS verdict,
               json_extract(last, '$.platform') AS recommended,
               updated_at
        FROM conversations
        WHERE workspace = @workspace
          ${channel ? 'AND channel = @channel' : ''}
          ${platform ? 'AND platform = @platform' : ''}
        ORDER BY updated_at DESC, rowid DESC
        LIMIT @limit`);
      listStatements.set(shape, statement);
    }
    return statement;
  };

  const assessmentStatements = new Map<string, BetterSqlite3.Statement<[Record<string, unknown>], AssessmentRow>>();
  const assessmentStatement = (since: boolean, until: boolean, channel: boolean) => {
    const shape = `${since}|${until}|${channel}`;
    let statement = assessmentStatements.get(shape);
    if (!statement) {
      statement = db.prepare(`
        SELECT * FROM assessments
        WHERE workspace = @workspace
          ${channel ? 'AND channel = @channel' : ''}
          ${since ? 'AND at >= @since' : ''}
          ${until ? 'AND at < @until' : ''}
        ORDER BY at DESC, rowid DESC
        LIMIT @limit`);
      assessmentStatements.set(shape, statement);
    }
    return statement;
  };

  const appendTurn = db.transaction((workspace: string, turn: NewTurn): Turn => {
    if (!conversationExists.get(workspace, turn.conversationId)) {
      throw notFound(workspace, turn.conversationId);
    }
    const seq = nextSeq.get(turn.conversationId)!.seq;
    insertTurn.run({
      conversation_id: turn.conversationId,
      seq,
      at: turn.at,
      role: turn.role,
      kind: turn.kind,
      actor: turn.actor,
      text: turn.text,
      payload: payloadToColumn(turn.payload),
    });
    return { ...turn, seq };
  });

  return {
    create: (conversation) =>
      gate.run(() => {
        try {
          insertConversation.run(conversationToRow(conversation));
        } catch (error) {
          throw duplicateOr(error, `A conversation with id "${conversation.id}" already exists.`);
        }
      }),

    save: (conversation) =>
      gate.run(() => {
        const { changes } = updateConversation.run(conversationToRow(conversation));
        if (changes !== 1) throw notFound(conversation.key.workspace, conversation.id);
      }),

    get: (workspace, id) =>
      gate.run(() => {
        const row = selectConversation.get(workspace, id);
        return row ? conversationFromRow(row) : null;
      }),

    findByThread: (key: ThreadKey) =>
      gate.run(() => {
        const row = selectByThread.get(key.platform, key.workspace, key.channel, key.thread);
        return row ? conversationFromRow(row) : null;
      }),

    appendTurn: (workspace: string, turn: NewTurn): Promise<Turn> => gate.run(() => appendTurn(workspace, turn)),

    turns: (workspace, conversationId) => gate.run(() => selectTurns.all(workspace, conversationId).map(turnFromRow)),

    list: (workspace, options = {}) =>
      gate.run((): ConversationListItem[] => {
        const { channel, platform } = options;
        return listStatement(channel !== undefined, platform !== undefined)
          .all({ workspace, channel, platform, limit: sqlLimit(options.limit, DEFAULT_LIST_LIMIT) })
          .map(listItemFromRow);
      }),

    recordAssessment: (record: AssessmentRecord) =>
      gate.run(() => {
        try {
          insertAssessment.run(assessmentToRow(record));
        } catch (error) {
          throw duplicateOr(error, `An assessment with id "${record.id}" is already recorded.`);
        }
      }),

    assessments: (workspace: string, options: AssessmentQuery = {}) =>
      gate.run(() => {
        const { since, until, channel } = options;
        return assessmentStatement(since !== undefined, until !== undefined, channel !== undefined)
          .all({ workspace, since, until, channel, limit: sqlLimit(options.limit, -1) })
          .map(assessmentFromRow);
      }),

    async *decisions(options: { workspace?: string } = {}): AsyncIterable<AssessmentRecord> {
      const statement = options.workspace === undefined ? allDecisions : workspaceDecisions;
      const ids = await gate.run(() => statement.all({ workspace: options.workspace }));
      for (let start = 0; start < ids.length; start += DECISION_PAGE) {
        const page = ids.slice(start, start + DECISION_PAGE);
        const rows = await gate.run(() => decisionPage.all(JSON.stringify(page)));
        const byRow = new Map(rows.map((row) => [row.row, row]));
        // A row forgotten since the ids were read is simply no longer a decision.
        for (const id of page) {
          const row = byRow.get(id);
          if (row) yield assessmentFromRow(row);
        }
      }
    },

    async *savedDecisions(options: { workspace?: string; pageSize?: number } = {}): AsyncIterable<SavedDecision[]> {
      const statement = options.workspace === undefined ? allDecisions : workspaceDecisions;
      const ids = await gate.run(() => statement.all({ workspace: options.workspace }));
      const size = Math.max(1, options.pageSize ?? DECISION_PAGE);
      for (let start = 0; start < ids.length; start += size) {
        const rows = await gate.run(() => savedPage.all(JSON.stringify(ids.slice(start, start + size))));
        // A row forgotten since the ids were read is simply no longer a decision.
        if (rows.length > 0) yield rows.map(savedDecisionFromColumns);
      }
    },

    forgetUser: (workspace, platform, user) => gate.run(() => forgetUser(workspace, platform, user)),

    // Nested calls become savepoints: an inner throw undoes only the inner
    // writes when the outer work catches it.
    transaction: (work) => gate.transaction(work),
  };
}

/** A non-negative whole number for SQL LIMIT; SQLite reads -1 as "no limit". */
function sqlLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || Number.isNaN(limit)) return fallback;
  if (limit === Number.POSITIVE_INFINITY) return -1;
  return Math.max(0, Math.floor(limit));
}

function notFound(workspace: string, id: string): StoreError {
  return new StoreError('not-found', `No conversation "${id}" in workspace "${workspace}".`);
}

function duplicateOr(error: unknown, message: string): unknown {
  const code = sqliteCode(error);
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE'
    ? new StoreError('duplicate', message, { cause: error })
    : error;
}
