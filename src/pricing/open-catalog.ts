import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { PricingCatalog } from '../core/pricing/catalog-schema.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { readCatalogFile } from './catalog-file.js';
import type { LoadCatalogResult } from './load-catalog.js';

// The catalog a process starts with: the same checks as loadCatalog, paid once
// per file content instead of on every start. Building the validator and
// running it costs more than the rest of a one-shot command's own work, and
// the catalog changes only when someone edits or refreshes it. The validated
// catalog is kept under the SHA-256 of the file it came from; a file with a
// kept result is not validated again, any other file is, and kept if it passes.

/** Validated catalogs by the digest of their file's text. */
export interface CheckedCatalogs {
  get(digest: string): PricingCatalog | undefined;
  put(digest: string, catalog: PricingCatalog): void;
}

/** Kept as `<digest>.json` files in `dir`; a result that cannot be written is just checked again next time. */
export function checkedCatalogsIn(dir: string): CheckedCatalogs {
  const fileOf = (digest: string) => join(dir, `${digest}.json`);
  return {
    get: (digest) => {
      try {
        return JSON.parse(readFileSync(fileOf(digest), 'utf8')) as PricingCatalog;
      } catch {
        // None yet, or unreadable: validate.
        return undefined;
      }
    },
    put: (digest, catalog) => {
      const text = JSON.stringify(catalog);
      // Only what survives JSON unchanged is kept: reading it back must give this very catalog.
      if (!isDeepStrictEqual(JSON.parse(text), catalog)) return;
      const partial = `${fileOf(digest)}.${process.pid}`;
      try {
        mkdirSync(dir, { recursive: true });
        // Written beside and renamed into place, so a concurrent start reads all of it or nothing.
        writeFileSync(partial, text);
        renameSync(partial, fileOf(digest));
      } catch {
        // A read-only install (the Docker image's dist/ belongs to root, and the build kept the shipped catalog's) or a full disk.
        removeQuietly(partial);
      }
    },
  };
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing was written there, or it cannot be removed either: the next start writes its own.
  }
}

/**
 * The results that belong to the compiled code beside them (dist/, replaced by
 * every build, so a changed validator starts with none). Running from src/
 * there are none: a build's results say nothing about source edited since.
 */
export function bundledCheckedCatalogs(moduleUrl: string = import.meta.url): CheckedCatalogs | null {
  const dist = join(PACKAGE_ROOT, 'dist');
  return dirname(fileURLToPath(moduleUrl)) === dist ? checkedCatalogsIn(join(dist, 'checked-catalogs')) : null;
}

export function catalogDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function openCatalog(path: string, checked: CheckedCatalogs | null = bundledCheckedCatalogs()): Promise<LoadCatalogResult> {
  const file = readCatalogFile(path);
  if (!file.ok) return file;
  const digest = catalogDigest(file.text);
  const kept = checked?.get(digest);
  if (kept) return { ok: true, catalog: kept };
  await import('../zod-setup.js');
  const { parseCatalog } = await import('../core/pricing/catalog-schema.js');
  const parsed = parseCatalog(file.json);
  if (!parsed.ok) return { ok: false, error: `${path}: ${parsed.error}` };
  checked?.put(digest, parsed.catalog);
  return parsed;
}
