import { DEFAULT_CATALOG_PATH } from './catalog-file.js';
import { openCatalog } from './open-catalog.js';

// Run by the build (scripts/build.js) with the code it just built: validates
// the catalog shipped in data/pricing/ and keeps the result beside that code.

const result = await openCatalog(DEFAULT_CATALOG_PATH);
if (!result.ok) {
  process.stderr.write(`Pricing catalog error: ${result.error}\n`);
  process.exitCode = 1;
}
