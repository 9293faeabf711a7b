import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

// Reads a pricing catalog file as text and JSON, with a message naming the
// file and what is wrong with it; what the JSON must contain is checked by
// the callers (src/pricing/load-catalog.ts, src/pricing/open-catalog.ts).

/** The catalog shipped with the package, found from the package rather than the working directory. */
export const DEFAULT_CATALOG_PATH = join(PACKAGE_ROOT, 'data', 'pricing', 'catalog.json');

export type CatalogFileResult = { ok: true; text: string; json: unknown } | { ok: false; error: string };

export function readCatalogFile(path: string): CatalogFileResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? String(error)})`;
    return { ok: false, error: `${path}: ${why}` };
  }
  try {
    return { ok: true, text, json: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: `${path}: not valid JSON (${(error as Error).message})` };
  }
}
