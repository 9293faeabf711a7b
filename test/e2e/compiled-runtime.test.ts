import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/entry-point.js';

// The build that turns src/ into dist/ (scripts/build.js), as `npm install`,
// `npm start` and `npm run cli` call it, in a copy of the checkout: it builds
// when the sources changed and only then, keeps the last good build when a
// build fails, and the bin says what to do when there is no build at all.

const copy = mkdtempSync(join(tmpdir(), 'sf-build-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));
for (const path of ['src', 'commands', 'scripts', 'bin', 'data/pricing', 'package.json', 'package-lock.json', 'tsconfig.json']) cpSync(join(ROOT, path), join(copy, path), { recursive: true });
symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');

function node(args: string[]) {
  const result = spawnSync(process.execPath, args, { cwd: copy, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const build = () => node(['scripts/build.js', '--if-stale']);

describe('the compiled runtime', () => {
  it('tells the user how to build when dist/ is missing', () => {
    expect(node(['bin/serverless-fit.js', 'help'])).toEqual({
      code: 1,
      out: '',
      err: 'serverless-fit: dist/main.js is missing. Run `npm install` (or `npm run build`) in the serverless-fit folder first.\n',
    });
  });

  it('builds from src/, then only when a source changed, and the bin runs the build', () => {
    expect(build()).toMatchObject({ code: 0, err: expect.stringMatching(/^Built dist\/ from src\/ in \d+ ms\.\n$/) });
    expect(build()).toEqual({ code: 0, out: '', err: '' });
    expect(node(['bin/serverless-fit.js', 'help'])).toMatchObject({ code: 0, out: expect.stringContaining('serverless-fit') });

    appendFileSync(join(copy, 'src/core/format.ts'), '\n// touched\n');
    expect(build().err).toMatch(/^Built dist\//);
    writeFileSync(join(copy, 'commands/added-by-test.ts'), 'export const added = 1;\n');
    expect(build().err).toMatch(/^Built dist\//);
    expect(build().err).toBe('');
  }, 120_000);

  it('keeps the last good build when a build fails', () => {
    const before = readFileSync(join(copy, 'dist/main.js'), 'utf8');
    const file = join(copy, 'src/core/format.ts');
    const source = readFileSync(file, 'utf8');
    writeFileSync(file, `${source}\nexport const broken = ;\n`);
    try {
      const failed = build();
      expect(failed.code).toBe(1);
      expect(failed.err).toMatch(/Build failed: .*format\.ts/s);
      expect(readFileSync(join(copy, 'dist/main.js'), 'utf8')).toBe(before);
      expect(readdirSync(copy).filter((name) => name.startsWith('dist.'))).toEqual([]);
      expect(node(['bin/serverless-fit.js', 'help']).code).toBe(0);
    } finally {
      writeFileSync(file, source);
    }
  }, 120_000);
});
