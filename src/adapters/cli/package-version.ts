import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The version `--version` prints, read from the package's own package.json.
// Walks up from this file, so it holds whether the code runs from src/ or
// from a compiled copy a few folders deeper.

export function packageVersion(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (let depth = 0; depth < 8; depth++) {
    const version = versionIn(join(dir, 'package.json'));
    if (version) return version;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return 'unknown';
}

function versionIn(file: string): string | null {
  try {
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    return pkg.name === 'serverless-fit' && typeof pkg.version === 'string' ? pkg.version : null;
  } catch {
    // No package.json at this level (or not ours): keep walking up.
    return null;
  }
}
