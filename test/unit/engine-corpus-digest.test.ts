import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusDigests, DIGESTS_PATH, frozenCatalog } from '../helpers/corpus-digests.js';

// Every figure the engine gives for the benchmark corpus stays what it was
// before the engine was made fast: the fingerprints were taken on the slow path.

describe('the engine on the benchmark corpus', () => {
  const expected = JSON.parse(readFileSync(DIGESTS_PATH, 'utf8')) as Record<string, string>;
  const catalog = frozenCatalog();

  it('covers every workload and what-if it was fingerprinted on', () => {
    expect(Object.keys(corpusDigests(catalog)).sort()).toEqual(Object.keys(expected).sort());
  });

  it('gives the same parse, assessment and card, figure for figure', () => {
    expect(corpusDigests(catalog)).toEqual(expected);
  });

  it('gives the same again on a second pass over the same catalog (nothing cached leaks between workloads)', () => {
    corpusDigests(catalog);
    expect(corpusDigests(catalog)).toEqual(expected);
  });

  it('gives the same on a structurally equal copy of the catalog (a new catalog object gets its own tables)', () => {
    expect(corpusDigests(structuredClone(catalog))).toEqual(expected);
  });
});
