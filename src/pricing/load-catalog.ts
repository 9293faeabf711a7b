import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCatalog, type PricingCatalog } from '../core/pricing/catalog-schema.js';
import { PACKAGE_ROOT } from '../package-root.js';
import '../zod-setup.js';

// Reads and validates a pricing catalog file. Never throws: start-up turns the
// error into one message that names the file and the field, and stops.

/** The catalog shipped with the package, found from the package rather than the working directory. */
export const DEFAULT_CATALOG_PATH = join(PACKAGE_ROOT, 'data', 'pricing', 'catalog.json');

export type LoadCatalogResult = { ok: true; catalog: PricingCatalog } | { ok: false; error: string };

export function loadCatalog(path: string): LoadCatalogResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? String(error)})`;
    return { ok: false, error: `${path}: ${why}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${path}: not valid JSON (${(error as Error).message})` };
  }
  const parsed = parseCatalog(json);
  return parsed.ok ? parsed : { ok: false, error: `${path}: ${parsed.error}` };
}
