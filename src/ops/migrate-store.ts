import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MigrateStoreOptions } from '../adapters/cli/build-command.js';
import { EXIT_CODES, type ExitCode } from '../adapters/cli/exit-codes.js';
import { textTable } from '../adapters/cli/text-table.js';
import { CopyConflict, copySqliteToPostgres, PlanError, type TableOutcome } from '../store/migrate/copy-tables.js';
import { openDatabase } from '../store/open-database.js';
import { openPostgres } from '../store/postgres/open-postgres.js';
import { StoreError } from '../store/store-error.js';

// `serverless-fit migrate-store --from sqlite:<file> --to postgres://...`:
// opens both ends (the target is migrated to this build's schema first),
// copies every table, and prints one line per table with both sides' counts
// and checksums. Exit 0 only when every table matches. Each failure the
// operator can meet is one sentence: a missing file, a database that does
// not answer, a target holding different rows.

export interface MigrateStoreIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export async function runMigrateStore(options: MigrateStoreOptions, io: MigrateStoreIo): Promise<ExitCode> {
  const file = resolve(options.from);
  if (!existsSync(file) || !statSync(file).isFile()) {
    io.err.write(`migrate-store: there is no SQLite database at ${file}; check the path after --from sqlite:.\n`);
    return EXIT_CODES.usage;
  }
  let source;
  try {
    source = openDatabase(file);
  } catch (error) {
    io.err.write(`migrate-store: ${messageOf(error)}\n`);
    return EXIT_CODES.usage;
  }
  try {
    let target;
    try {
      target = await openPostgres(options.to, { max: 2 });
    } catch (error) {
      io.err.write(`migrate-store: ${messageOf(error).replaceAll('DATABASE_URL', '--to')}\n`);
      return EXIT_CODES.usage;
    }
    try {
      const outcomes = await copySqliteToPostgres(source, target.sql);
      io.out.write(`${report(outcomes).join('\n')}\n`);
      const copied = outcomes.reduce((sum, t) => sum + t.copied, 0);
      const differing = outcomes.filter((t) => !t.matches);
      if (differing.length === 0) {
        io.out.write(`Copied ${copied} rows from ${file} to ${target.label}; every table matches (row counts and checksums).\n`);
        return EXIT_CODES.ok;
      }
      io.err.write(`migrate-store: ${differing.map(explain).join(' ')}\n`);
      return EXIT_CODES.failed;
    } catch (error) {
      if (error instanceof CopyConflict || error instanceof PlanError) {
        io.err.write(`migrate-store: ${error.message}\n`);
        return EXIT_CODES.failed;
      }
      io.err.write(`migrate-store: the copy to ${target.label} failed (${messageOf(error)}); what was committed is kept, and a re-run continues from there.\n`);
      return EXIT_CODES.failed;
    } finally {
      await target.close();
    }
  } finally {
    source.close();
  }
}

function report(outcomes: readonly TableOutcome[]): string[] {
  const rows = outcomes.map((t) => [
    t.table,
    String(t.sourceRows),
    String(t.copied),
    String(t.alreadyThere),
    String(t.targetRows),
    t.sourceChecksum,
    t.targetChecksum,
    t.matches ? 'ok' : 'DIFFERS',
  ]);
  return textTable(['table', 'source rows', 'copied', 'already there', 'target rows', 'source checksum', 'target checksum', ''], rows, 200);
}

function explain(table: TableOutcome): string {
  if (table.targetRows > table.sourceRows) {
    return `"${table.table}" has ${table.targetRows - table.sourceRows} more rows in the target than in the source (written there by something else: copy into a database no replica serves yet).`;
  }
  return `"${table.table}" differs between source and target (${table.sourceRows} and ${table.targetRows} rows, checksums ${table.sourceChecksum} and ${table.targetChecksum}).`;
}

function messageOf(error: unknown): string {
  if (error instanceof StoreError || error instanceof Error) return error.message;
  return String(error);
}
