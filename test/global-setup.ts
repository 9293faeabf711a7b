import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './helpers/postgres-server.js';

// Before any test starts:
// - dist/ is built once from the current source (skipped when nothing changed
//   since the last build): tests that spawn `serverless-fit` run it as it is
//   deployed, node on the bin, which runs dist/;
// - one throwaway Postgres server is started for the Postgres suites, and
//   stopped when the run ends.

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], { cwd: root, stdio: 'inherit' });
  const postgres = await startTestPostgres();
  project.provide('postgres', postgres.info);
  return postgres.stop;
}
