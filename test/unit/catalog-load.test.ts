import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../src/pricing/load-catalog.js';

const dir = mkdtempSync(join(tmpdir(), 'sf-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('loadCatalog', () => {
  it('loads the shipped catalog from a path that does not depend on the working directory', () => {
    expect(isAbsolute(DEFAULT_CATALOG_PATH)).toBe(true);
    expect(DEFAULT_CATALOG_PATH.endsWith(join('data', 'pricing', 'catalog.json'))).toBe(true);
    const result = loadCatalog(DEFAULT_CATALOG_PATH);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.catalog.aws.ec2.instances['t3.medium']?.usd).toBe(0.0416);
  });

  it('loads a user catalog (for example with a negotiated discount)', () => {
    const mine = JSON.parse(readFileSync(DEFAULT_CATALOG_PATH, 'utf8'));
    mine.aws.lambda.requests.usd = 0.15;
    const result = loadCatalog(file('mine.json', JSON.stringify(mine)));
    expect(result.ok && result.catalog.aws.lambda.requests.usd).toBe(0.15);
  });

  it.each([
    ['a missing file', () => join(dir, 'nope.json'), ': file not found'],
    ['a directory', () => dir, ': is a directory, not a file'],
    ['bad JSON', () => file('bad.json', '{ "version": '), ': not valid JSON ('],
    ['a schema failure', () => file('partial.json', '{"version":"1","asOf":"2026-01-01","currency":"USD","region":"x"}'), ': aws is missing'],
  ])('returns an error naming the file for %s, without throwing', (_name, path, message) => {
    const p = path();
    const result = loadCatalog(p);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.startsWith(p)).toBe(true);
      expect(result.error).toContain(message);
    }
  });

  it('names the field that failed', () => {
    const broken = JSON.parse(readFileSync(DEFAULT_CATALOG_PATH, 'utf8'));
    broken.aws.lambda.requests.usd = -0.2;
    const path = file('broken.json', JSON.stringify(broken));
    expect(loadCatalog(path)).toEqual({ ok: false, error: `${path}: aws.lambda.requests.usd must be a positive number` });
  });
});
