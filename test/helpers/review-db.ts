import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/store/open-database.js';

/** A database on a file with every table (the review tables included). */
export function openReviewDatabase(file: string): Database {
  return openDatabase(file);
}

export function tempDir(prefix = 'serverless-fit-review-'): { dir: string; file: (name?: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, file: (name = 'store.db') => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
