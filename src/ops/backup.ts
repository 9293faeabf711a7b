import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from '../store/open-database.js';

// `serverless-fit backup <file>`: SQLite's online backup API copies the
// database page by page while the bot keeps serving from it, then the copy is
// opened and checked so a backup that exists is a backup that works.

export interface BackupResult {
  file: string;
  bytes: number;
  conversations: number;
  turns: number;
  assessments: number;
}

export async function backupDatabase(db: Database, target: string): Promise<BackupResult> {
  const file = path.resolve(target);
  if (path.resolve(db.name) === file) throw new Error(`the backup file must not be the database itself (${file})`);
  if (fs.existsSync(file)) throw new Error(`${file} already exists; choose a new file name (a backup never overwrites)`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await db.backup(file);
  const copy = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`the copy at ${file} fails integrity_check (${String(integrity)})`);
    const count = (table: string) => (copy.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { file, bytes: fs.statSync(file).size, conversations: count('conversations'), turns: count('turns'), assessments: count('assessments') };
  } finally {
    copy.close();
  }
}
