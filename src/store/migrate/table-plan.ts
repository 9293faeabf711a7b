import type BetterSqlite3 from 'better-sqlite3';
import type { Sql } from 'postgres';

// Which tables to copy, in which order, and how each column maps: read from
// the two schemas themselves (Postgres's catalog, SQLite's pragmas), so a
// table added by a later migration on both sides is copied without a change
// here. The only renamed column is `user`, a reserved word in Postgres.

export type ColumnKind = 'text' | 'number' | 'boolean' | 'json';

export interface ColumnPlan {
  /** The Postgres column, and the SQLite column it is read from. */
  name: string;
  source: string;
  kind: ColumnKind;
  /** The Postgres type, for the casts on parameters. */
  type: string;
}

export interface TablePlan {
  name: string;
  /** Copied columns, in Postgres order; the primary key's first. */
  columns: ColumnPlan[];
  /** How many of `columns` (from the start) make the primary key. */
  keyLength: number;
  /** SQLite keeps insertion order in rowid; Postgres's identity column (if any) follows the copy's order. */
  sourceOrder: 'rowid' | 'key';
  /** Sequences owned by a column (deliveries_seq): moved past the copied values after the copy. */
  sequences: { sequence: string; column: string }[];
}

/** A schema difference this build cannot copy across; its message is one sentence for the operator. */
export class PlanError extends Error {}

const RENAMED: Readonly<Record<string, string>> = { user_id: 'user' };

interface PgColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  is_identity: string;
  is_generated: string;
}

export async function planTables(sqlite: BetterSqlite3.Database, sql: Sql): Promise<TablePlan[]> {
  const columns = await sql<PgColumn[]>`
    SELECT c.table_name, c.column_name, c.data_type, c.is_identity, c.is_generated
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_migrations'
    ORDER BY c.table_name, c.ordinal_position`;
  const keys = await sql<{ table_name: string; column_name: string }[]>`
    SELECT tc.table_name, k.column_name
    FROM information_schema.table_constraints tc
    JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name
    WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema()
    ORDER BY tc.table_name, k.ordinal_position`;
  const parents = await sql<{ child: string; parent: string }[]>`
    SELECT child.relname AS child, parent.relname AS parent
    FROM pg_constraint f JOIN pg_class child ON child.oid = f.conrelid JOIN pg_class parent ON parent.oid = f.confrelid
    WHERE f.contype = 'f' AND child.relnamespace = current_schema()::regnamespace`;
  const sequences = await sql<{ sequence: string; table_name: string; column_name: string }[]>`
    SELECT s.relname AS sequence, t.relname AS table_name, a.attname AS column_name
    FROM pg_class s
    JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.deptype = 'a'
    JOIN pg_class t ON t.oid = d.refobjid
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
    WHERE s.relkind = 'S' AND t.relnamespace = current_schema()::regnamespace`;

  const sqliteTables = new Map(
    (sqlite.prepare("SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; wr: number }[]).map((t) => [t.name, t.wr === 1]),
  );
  const names = [...new Set(columns.map((c) => c.table_name))];
  for (const table of sqliteTables.keys()) {
    if (!names.includes(table)) throw new PlanError(`The SQLite table "${table}" has no counterpart in this build's Postgres schema, so it cannot be copied; use the serverless-fit version that wrote the file.`);
  }
  const plans = names.map((table): TablePlan => {
    const withoutRowid = sqliteTables.get(table);
    if (withoutRowid === undefined) throw new PlanError(`The SQLite file has no "${table}" table, which this build's Postgres schema has; open it once with this version of serverless-fit (SERVERLESS_FIT_DB=<file> serverless-fit doctor) to bring it up to date.`);
    const sourceColumns = (sqlite.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name);
    const copied = columns.filter((c) => c.table_name === table && c.is_identity !== 'YES' && c.is_generated !== 'ALWAYS');
    const key = keys.filter((k) => k.table_name === table).map((k) => k.column_name);
    const planned = copied.map((c): ColumnPlan => {
      const source = sourceColumns.includes(c.column_name) ? c.column_name : RENAMED[c.column_name];
      if (source === undefined || !sourceColumns.includes(source)) throw new PlanError(`The SQLite table "${table}" has no column for Postgres's "${c.column_name}"; the two schemas of this build differ.`);
      return { name: c.column_name, source, kind: kindOf(c.data_type), type: c.data_type };
    });
    const unmapped = sourceColumns.filter((s) => !planned.some((p) => p.source === s));
    if (unmapped.length) throw new PlanError(`The SQLite table "${table}" has columns Postgres lacks (${unmapped.join(', ')}); the two schemas of this build differ.`);
    if (key.length === 0) throw new PlanError(`The Postgres table "${table}" has no primary key, so a re-run could not tell copied rows from new ones.`);
    const ordered = [...key.map((k) => planned.find((p) => p.name === k)!), ...planned.filter((p) => !key.includes(p.name))];
    return {
      name: table,
      columns: ordered,
      keyLength: key.length,
      sourceOrder: withoutRowid ? 'key' : 'rowid',
      sequences: sequences.filter((s) => s.table_name === table).map((s) => ({ sequence: s.sequence, column: s.column_name })),
    };
  });
  return parentsFirst(plans, parents);
}

function kindOf(type: string): ColumnKind {
  if (type === 'boolean') return 'boolean';
  if (type === 'json' || type === 'jsonb') return 'json';
  if (['integer', 'bigint', 'smallint', 'double precision', 'real', 'numeric'].includes(type)) return 'number';
  return 'text';
}

/** Every table after the tables its foreign keys point at (the schema has no cycles). */
function parentsFirst(plans: TablePlan[], edges: readonly { child: string; parent: string }[]): TablePlan[] {
  const done: TablePlan[] = [];
  const visit = (plan: TablePlan, path: string[]) => {
    if (done.includes(plan) || path.includes(plan.name)) return;
    for (const edge of edges) {
      const parent = edge.child === plan.name && edge.parent !== plan.name ? plans.find((p) => p.name === edge.parent) : undefined;
      if (parent) visit(parent, [...path, plan.name]);
    }
    done.push(plan);
  };
  for (const plan of [...plans].sort((a, b) => a.name.localeCompare(b.name))) visit(plan, []);
  return done;
}
