import type { Sql } from 'postgres';
import type { RetentionResult } from '../retention.js';

// RETENTION_DAYS on Postgres: the same rules as SQLite's sweep (see
// ../retention.ts): idle conversations go with their turns, older turns of
// conversations still in use go too, assessment records and deliveries age
// out by their own timestamps. One transaction, so a reader sees all or none.

export async function deleteOlderThanOnPostgres(sql: Sql, cutoff: Date): Promise<RetentionResult> {
  const before = cutoff.toISOString();
  return (await sql.begin(async (tx) => {
    // Turns first, counted explicitly: the cascade from conversations would not report them.
    const turnsOfIdle = await tx`DELETE FROM turns WHERE conversation_id IN (SELECT id FROM conversations WHERE updated_at < ${before})`;
    const oldTurns = await tx`DELETE FROM turns WHERE at < ${before}`;
    const conversations = await tx`DELETE FROM conversations WHERE updated_at < ${before}`;
    const assessments = await tx`DELETE FROM assessments WHERE at < ${before}`;
    const deliveries = await tx`DELETE FROM deliveries WHERE at < ${before}`;
    return { conversations: conversations.count, turns: turnsOfIdle.count + oldTurns.count, assessments: assessments.count, deliveries: deliveries.count };
  })) as RetentionResult;
}
