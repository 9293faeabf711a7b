import type BetterSqlite3 from 'better-sqlite3';
import type { Sql, TransactionSql } from 'postgres';
import { canonicalKey, canonicalRow, TableChecksum } from './canonical-row.js';
import { PlanError, planTables, type ColumnPlan, type TablePlan } from './table-plan.js';

// Copies every table of a SQLite database into Postgres, then verifies both
// sides. Rows go in batches, each batch in one transaction: the batch's keys
// are looked up in the target first, so a row already there and identical is
// skipped (a re-run copies nothing twice) and a row there that differs stops
// the copy with a sentence naming the table (nothing is ever overwritten).
// The source is read inside one read transaction: copy and verification see
// one snapshot of the file, even if something else writes to it meanwhile.

export interface TableOutcome {
  table: string;
  sourceRows: number;
  copied: number;
  alreadyThere: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  matches: boolean;
}

/** A difference that stops the copy: the message is one sentence naming the table. */
export class CopyConflict extends Error {}

const MAX_BATCH_ROWS = 500;
/** Postgres takes at most 65535 parameters per statement. */
const MAX_PARAMETERS = 60_000;

export async function copySqliteToPostgres(sqlite: BetterSqlite3.Database, sql: Sql): Promise<TableOutcome[]> {
  const plans = await planTables(sqlite, sql);
  sqlite.exec('BEGIN');
  try {
    const copied = new Map<string, { copied: number; alreadyThere: number }>();
    for (const plan of plans) copied.set(plan.name, await copyTable(sqlite, sql, plan));
    const outcomes: TableOutcome[] = [];
    for (const plan of plans) {
      const source = sourceChecksum(sqlite, plan);
      const target = await targetChecksum(sql, plan);
      outcomes.push({
        table: plan.name,
        sourceRows: source.rows,
        ...copied.get(plan.name)!,
        targetRows: target.rows,
        sourceChecksum: source.short(),
        targetChecksum: target.short(),
        matches: source.equals(target),
      });
    }
    return outcomes;
  } finally {
    sqlite.exec('COMMIT');
  }
}

export { PlanError };

async function copyTable(sqlite: BetterSqlite3.Database, sql: Sql, plan: TablePlan): Promise<{ copied: number; alreadyThere: number }> {
  const batchSize = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMETERS / plan.columns.length)));
  const rows = readSource(sqlite, plan);
  let copied = 0;
  let alreadyThere = 0;
  try {
    for (;;) {
      const batch: unknown[][] = [];
      while (batch.length < batchSize) {
        const next = rows.next();
        if (next.done) break;
        batch.push(next.value);
      }
      if (batch.length === 0) break;
      const result = await sql.begin((tx) => copyBatch(tx, plan, batch));
      copied += result.copied;
      alreadyThere += result.alreadyThere;
    }
  } finally {
    // An iterator left open keeps the SQLite connection busy.
    rows.return?.();
  }
  if (plan.sequences.length) await continueSequences(sql, plan);
  return { copied, alreadyThere };
}

/** The source rows as arrays of values, in the plan's column order (the sqlite iterator holds the connection until it ends). */
function readSource(sqlite: BetterSqlite3.Database, plan: TablePlan): IterableIterator<unknown[]> {
  const order = plan.sourceOrder === 'rowid' ? ' ORDER BY rowid' : '';
  const statement = sqlite.prepare(`SELECT ${plan.columns.map((c) => quote(c.source)).join(', ')} FROM ${quote(plan.name)}${order}`);
  return statement.raw(true).iterate() as IterableIterator<unknown[]>;
}

async function copyBatch(tx: TransactionSql, plan: TablePlan, batch: unknown[][]): Promise<{ copied: number; alreadyThere: number }> {
  const { columns, keyLength } = plan;
  const keyColumns = columns.slice(0, keyLength);
  const keyTuples = batch.map((_, row) => `(${keyColumns.map((c, i) => param(c, row * keyLength + i + 1)).join(', ')})`);
  const existing = (await tx.unsafe(
    `SELECT ${columns.map(selected).join(', ')} FROM ${quote(plan.name)} WHERE (${keyColumns.map((c) => quote(c.name)).join(', ')}) IN (${keyTuples.join(', ')})`,
    batch.flatMap((row) => keyColumns.map((c, i) => parameterValue(c, row[i]))) as never[],
  ).values()) as unknown[][];
  const there = new Map(existing.map((row) => [canonicalKey(columns, keyLength, row), canonicalRow(columns, row)]));
  const missing: unknown[][] = [];
  for (const row of batch) {
    const held = there.get(canonicalKey(columns, keyLength, row));
    if (held === undefined) missing.push(row);
    else if (held !== canonicalRow(columns, row)) throw conflict(plan, row);
  }
  if (missing.length > 0) {
    const tuples = missing.map((_, row) => `(${columns.map((c, i) => param(c, row * columns.length + i + 1)).join(', ')})`);
    try {
      await tx.unsafe(
        `INSERT INTO ${quote(plan.name)} (${columns.map((c) => quote(c.name)).join(', ')}) VALUES ${tuples.join(', ')}`,
        missing.flatMap((row) => columns.map((c, i) => parameterValue(c, row[i]))) as never[],
      );
    } catch (error) {
      throw insertFailure(plan, error);
    }
  }
  return { copied: missing.length, alreadyThere: batch.length - missing.length };
}

/** The sequence behind a column (deliveries_seq) continues after the highest value copied, never going back. */
async function continueSequences(sql: Sql, plan: TablePlan): Promise<void> {
  for (const { sequence, column } of plan.sequences) {
    const [highest] = await sql.unsafe<{ m: string | null }[]>(`SELECT max(${quote(column)})::text AS m FROM ${quote(plan.name)}`);
    const [state] = await sql.unsafe<{ last: string; called: boolean }[]>(`SELECT last_value::text AS last, is_called AS called FROM ${quote(sequence)}`);
    if (!highest?.m || !state) continue;
    const handedOut = state.called ? BigInt(state.last) : BigInt(state.last) - 1n;
    if (BigInt(highest.m) > handedOut) await sql`SELECT setval(${sequence}::regclass, ${highest.m}::bigint)`;
  }
}

function sourceChecksum(sqlite: BetterSqlite3.Database, plan: TablePlan): TableChecksum {
  const sum = new TableChecksum();
  for (const row of readSource(sqlite, plan)) sum.add(canonicalRow(plan.columns, row));
  return sum;
}

async function targetChecksum(sql: Sql, plan: TablePlan): Promise<TableChecksum> {
  const sum = new TableChecksum();
  await sql.unsafe(`SELECT ${plan.columns.map(selected).join(', ')} FROM ${quote(plan.name)}`).values().cursor(1000, (rows) => {
    for (const row of rows as unknown[][]) sum.add(canonicalRow(plan.columns, row));
  });
  return sum;
}

/** JSON columns are read as text, so a stored JSON null stays apart from SQL NULL. */
function selected(column: ColumnPlan): string {
  return column.kind === 'json' ? `${quote(column.name)}::text` : quote(column.name);
}

/** A parameter placeholder cast to the column's type; JSON goes as text, exactly as SQLite holds it. */
function param(column: ColumnPlan, n: number): string {
  return column.kind === 'json' ? `$${n}::text::${column.type}` : `$${n}::${column.type}`;
}

function parameterValue(column: ColumnPlan, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column.kind === 'boolean') return value === 1 || value === 1n || value === true;
  return value;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function conflict(plan: TablePlan, row: readonly unknown[]): CopyConflict {
  const key = plan.columns.slice(0, plan.keyLength);
  const values = row.slice(0, plan.keyLength).map((v) => String(v));
  return new CopyConflict(
    `The target already holds a different row in "${plan.name}" for (${key.map((c) => c.name).join(', ')}) = (${values.join(', ')}), so the copy stopped there and overwrote nothing: ` +
      'copy into an empty database, or remove the rows that differ first.',
  );
}

function insertFailure(plan: TablePlan, error: unknown): Error {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const constraint = typeof error === 'object' && error !== null && 'constraint_name' in error ? String((error as { constraint_name: unknown }).constraint_name) : '';
  if (code === '23505') {
    return new CopyConflict(
      `The target's "${plan.name}" already holds a different row with the same unique values (${constraint || 'a unique index'}) as one being copied, so the copy stopped there and overwrote nothing: ` +
        'copy into an empty database, or remove the rows that differ first.',
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new CopyConflict(`Postgres refused rows of "${plan.name}" (${reason}); nothing of that batch was written.`);
}
