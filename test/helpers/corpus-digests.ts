import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyWhatIf, parseActionWhatIf } from '../../src/core/apply-what-if.js';
import { assess } from '../../src/core/assess.js';
import { buildCard } from '../../src/core/build-card.js';
import { parseWorkload } from '../../src/core/parse/parse-workload.js';
import { parseCatalog, type PricingCatalog } from '../../src/core/pricing/catalog-schema.js';
import { BENCH_CORPUS } from '../../bench/corpus.js';

// A fingerprint of everything the engine says about the benchmark corpus: the
// parse, the whole assessment (every cost line, band, break-even, sensitivity,
// chart point) and the card, for each workload as typed and after each card
// button's what-if. A frozen copy of the catalog keeps it about the engine,
// not about this week's prices.

export const DIGEST_CATALOG_PATH = join(import.meta.dirname, '..', 'fixtures', 'engine', 'frozen-catalog.json');
/** Where the fingerprints taken before the engine was made fast are kept. */
export const DIGESTS_PATH = join(import.meta.dirname, '..', 'fixtures', 'engine', 'corpus-digests.json');

/** The card buttons' what-ifs, and the workload as typed. */
export const DIGEST_VARIANTS = ['as typed', 'traffic:10', 'traffic:0.1', 'duration:2', 'memory:2'] as const;
const CARD_DAY = new Date('2026-06-01T00:00:00Z');

export function frozenCatalog(): PricingCatalog {
  const parsed = parseCatalog(JSON.parse(readFileSync(DIGEST_CATALOG_PATH, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.catalog;
}

/** `${variant} | ${text}` -> sha256 of what the engine produced for it. */
export function corpusDigests(catalog: PricingCatalog): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const text of BENCH_CORPUS) {
    const parsed = parseWorkload(text);
    const typed = { ...parsed.facts, description: text };
    for (const variant of DIGEST_VARIANTS) {
      const whatIf = variant === 'as typed' ? null : parseActionWhatIf(variant, typed);
      if (variant !== 'as typed' && whatIf === null) throw new Error(`not a what-if: ${variant}`);
      const facts = whatIf ? applyWhatIf(typed, whatIf) : typed;
      const assessment = assess(facts, catalog, { chart: true });
      const card = buildCard(assessment, null, CARD_DAY);
      const json = JSON.stringify({ parsed: variant === 'as typed' ? parsed : null, assessment, card });
      digests[`${variant} | ${text}`] = createHash('sha256').update(json).digest('hex').slice(0, 16);
    }
  }
  return digests;
}
