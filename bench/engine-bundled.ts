import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineFigures } from './assessments.js';

// The engine's figures as the product runs it: compiled by esbuild with the
// options of scripts/build.js that change the code (ES module bundle for
// Node 20, minified, names kept), then timed in a child process. Timing it
// under tsx instead shows tsx's own way of compiling, not the shipped one.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface BundledEngineFigures extends EngineFigures {
  /** Sum of the results, so the work cannot be optimised away; printed to show it ran. */
  checksum: number;
  build: string;
}

export async function benchEngineBundled(catalogPath: string): Promise<BundledEngineFigures> {
  const esbuild = await import('esbuild');
  const outfile = join(ROOT, '.tmp', 'bench-engine.mjs');
  mkdirSync(dirname(outfile), { recursive: true });
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, 'bench', 'engine-child.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    mainFields: ['module', 'main'],
    target: 'node20',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    minify: true,
    keepNames: true,
    logLevel: 'warning',
  });
  const run = spawnSync(process.execPath, [outfile, catalogPath], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`the bundled engine benchmark stopped (exit ${run.status}): ${run.stderr.trim()}`);
  const figures = JSON.parse(run.stdout) as Omit<BundledEngineFigures, 'build'>;
  return { ...figures, build: 'esbuild bundle, options as scripts/build.js (ES module, node20, minified, names kept), own process' };
}
