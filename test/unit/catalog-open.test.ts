import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../src/pricing/load-catalog.js';
import { bundledCheckedCatalogs, catalogDigest, checkedCatalogsIn, openCatalog } from '../../src/pricing/open-catalog.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';

// The catalog a process starts with: validated once per file content, then
// read back from what was kept, with the same result and the same errors as
// loading it afresh.

const dir = mkdtempSync(join(tmpdir(), 'sf-open-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shipped = readFileSync(DEFAULT_CATALOG_PATH, 'utf8');

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function fresh(name: string) {
  const kept = join(dir, name);
  return { kept, checked: checkedCatalogsIn(kept) };
}

describe('openCatalog', () => {
  it('validates a file it has not seen, keeps the result under its digest, and reads that back next time', async () => {
    const { kept, checked } = fresh('kept-a');
    const path = file('a.json', shipped);
    const first = await openCatalog(path, checked);
    expect(first).toEqual(loadCatalog(path));
    expect(readdirSync(kept)).toEqual([`${catalogDigest(shipped)}.json`]);

    const again = await openCatalog(path, checkedCatalogsIn(kept));
    expect(again).toEqual(first);
    // The same catalog, key order included: JSON output is the same either way.
    expect(JSON.stringify(again.ok && again.catalog)).toBe(JSON.stringify(first.ok && first.catalog));
  });

  it('validates again when the file changes, even by one price', async () => {
    const { kept, checked } = fresh('kept-b');
    const path = file('b.json', shipped);
    await openCatalog(path, checked);
    const edited = JSON.parse(shipped);
    edited.aws.lambda.requests.usd = 0.15;
    writeFileSync(path, JSON.stringify(edited));
    const result = await openCatalog(path, checked);
    expect(result.ok && result.catalog.aws.lambda.requests.usd).toBe(0.15);
    expect(readdirSync(kept)).toHaveLength(2);
  });

  it.each([
    ['a missing file', () => join(dir, 'nope.json'), ': file not found'],
    ['bad JSON', () => file('bad.json', '{ "version": '), ': not valid JSON ('],
    ['a schema failure', () => file('partial.json', '{"version":"1","asOf":"2026-01-01","currency":"USD","region":"x"}'), ': aws is missing'],
    ['a negative price', () => file('negative.json', shipped.replace('"usd": 0.2,', '"usd": -0.2,')), 'aws.lambda.requests.usd'],
  ])('answers %s as loading it would, and keeps nothing', async (_name, path, message) => {
    const { kept, checked } = fresh(`kept-${_name.replace(/\W/g, '-')}`);
    const p = path();
    const result = await openCatalog(p, checked);
    expect(result).toEqual(loadCatalog(p));
    expect(result.ok ? '' : result.error).toContain(message);
    expect(() => readdirSync(kept)).toThrow(/ENOENT/);
  });

  it('validates again when what was kept is damaged', async () => {
    const { kept, checked } = fresh('kept-c');
    const path = file('c.json', shipped);
    await openCatalog(path, checked);
    writeFileSync(join(kept, `${catalogDigest(shipped)}.json`), '{"trunc');
    expect(await openCatalog(path, checkedCatalogsIn(kept))).toEqual(loadCatalog(path));
  });

  it('still opens the catalog when nothing can be kept', async () => {
    const blocker = file('not-a-folder', 'x');
    const result = await openCatalog(file('d.json', shipped), checkedCatalogsIn(join(blocker, 'kept')));
    expect(result.ok).toBe(true);
  });

  it.each([
    ['the compiled code in dist/', join(PACKAGE_ROOT, 'dist', 'chunk-ABC.js'), true],
    ['the source in src/', join(PACKAGE_ROOT, 'src', 'pricing', 'open-catalog.ts'), false],
  ])('keeps results only beside %s', (_where, modulePath, kept) => {
    expect(bundledCheckedCatalogs(pathToFileURL(modulePath).href) !== null).toBe(kept);
  });
});
