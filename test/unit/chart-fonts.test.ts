import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChartFontFiles } from '../../src/render/chart-fonts.js';

// resvg is handed the charts' two font files when one known folder holds
// both; anything less and it scans the installed fonts as before.

const root = mkdtempSync(join(tmpdir(), 'sf-chart-fonts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folder(name: string, files: string[]): string {
  const path = join(root, name);
  mkdirSync(path, { recursive: true });
  for (const file of files) writeFileSync(join(path, file), '');
  return path;
}

const both = folder('both', ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']);
const regularOnly = folder('regular-only', ['DejaVuSans.ttf']);
const otherFonts = folder('other', ['Arial.ttf', 'DejaVuSerif.ttf']);
const missing = join(root, 'missing');

describe('findChartFontFiles', () => {
  it.each([
    ['a folder with both weights', [both], [join(both, 'DejaVuSans.ttf'), join(both, 'DejaVuSans-Bold.ttf')]],
    ['the first folder holding both, after ones that do not', [missing, regularOnly, otherFonts, both], [join(both, 'DejaVuSans.ttf'), join(both, 'DejaVuSans-Bold.ttf')]],
    ['only the regular weight', [regularOnly], null],
    ['weights split over two folders', [regularOnly, folder('bold-only', ['DejaVuSans-Bold.ttf'])], null],
    ['other fonts only', [otherFonts], null],
    ['no folder at all', [missing], null],
  ])('%s', (_name, folders, expected) => {
    expect(findChartFontFiles(folders)).toEqual(expected);
  });
});
