import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

// Tests that spawn `serverless-fit` run it as it is deployed: node on the bin,
// which runs dist/. Built here once per run from the current source (skipped
// when nothing changed since the last build), before any test starts.

export default function buildDist(): void {
  const root = resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], { cwd: root, stdio: 'inherit' });
}
