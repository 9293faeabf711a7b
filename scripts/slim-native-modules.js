#!/usr/bin/env node
// Removes what compiling better-sqlite3 leaves behind in a production
// node_modules: SQLite's C sources, the object files and the static library
// it linked from, and the test extension. Only the addon itself
// (build/Release/better_sqlite3.node) and its JavaScript are loaded at run
// time; the rest is three quarters of the installed size. Run after
// `npm rebuild better-sqlite3` (the Docker image's deps stage does), then it
// opens an in-memory database through the slimmed module, so a removal that
// broke it fails the build instead of the first request.
//
//   node scripts/slim-native-modules.js [node_modules folder]

import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const ADDON = join('build', 'Release', 'better_sqlite3.node');

/** Everything under better-sqlite3 that loading it never reads. */
function leftovers(moduleDir) {
  const release = join(moduleDir, 'build', 'Release');
  const inRelease = existsSync(release) ? readdirSync(release).filter((name) => name !== 'better_sqlite3.node').map((name) => join(release, name)) : [];
  const inBuild = existsSync(join(moduleDir, 'build')) ? readdirSync(join(moduleDir, 'build')).filter((name) => name !== 'Release').map((name) => join(moduleDir, 'build', name)) : [];
  return [join(moduleDir, 'deps'), join(moduleDir, 'src'), ...inBuild, ...inRelease];
}

function slimBetterSqlite3(nodeModules) {
  const moduleDir = join(nodeModules, 'better-sqlite3');
  if (!existsSync(join(moduleDir, ADDON))) {
    throw new Error(`${join(moduleDir, ADDON)} is missing: run \`npm rebuild better-sqlite3\` first.`);
  }
  const removed = leftovers(moduleDir).filter((path) => existsSync(path));
  for (const path of removed) rmSync(path, { recursive: true, force: true });
  const Database = createRequire(join(nodeModules, 'noop.js'))('better-sqlite3');
  const db = new Database(':memory:');
  try {
    db.prepare('select 1 as one').get();
  } finally {
    db.close();
  }
  return removed.length;
}

const nodeModules = resolve(process.argv[2] ?? 'node_modules');
try {
  const count = slimBetterSqlite3(nodeModules);
  process.stderr.write(`better-sqlite3: removed ${count} build leftovers; the addon loads.\n`);
} catch (error) {
  process.stderr.write(`Could not slim better-sqlite3: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
