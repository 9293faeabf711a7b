import { parseCatalog, type PricingCatalog } from '../core/pricing/catalog-schema.js';
import { readCatalogFile } from './catalog-file.js';
import '../zod-setup.js';

// Reads and validates a pricing catalog file. Never throws: start-up turns the
// error into one message that names the file and the field, and stops.

export { DEFAULT_CATALOG_PATH } from './catalog-file.js';

export type LoadCatalogResult = { ok: true; catalog: PricingCatalog } | { ok: false; error: string };

export function loadCatalog(path: string): LoadCatalogResult {
  const file = readCatalogFile(path);
  if (!file.ok) return file;
  const parsed = parseCatalog(file.json);
  return parsed.ok ? parsed : { ok: false, error: `${path}: ${parsed.error}` };
}
