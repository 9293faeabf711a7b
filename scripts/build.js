#!/usr/bin/env node
// Compiles the TypeScript in src/ into dist/, the JavaScript that the bin,
// `npm start`, `serve` and the Docker image run (nothing transpiles at start).
//
// esbuild bundles the app and the pure-JavaScript libraries it uses into a few
// files, so a production install needs only the two native modules below and
// start-up reads a handful of files instead of hundreds. Code behind a dynamic
// import() (the chart renderer, platforms loaded on demand) becomes its own
// chunk and is read only when used. Type checking stays with `npm run typecheck`.
//
//   node scripts/build.js             build now
//   node scripts/build.js --if-stale  build only if src/ changed since the last build (npm start, npm run cli)

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist');
const FINGERPRINT_FILE = '.sources-fingerprint';

/** One output file per command a person runs (and per worker thread's module); shared code goes into chunks beside them. */
const ENTRY_POINTS = {
  main: 'src/start.ts',
  'reprice-worker': 'src/reprice/reprice-worker.ts',
  'slack-manifest': 'src/adapters/slack/print-manifest.ts',
  'discord-register': 'src/adapters/discord/register-commands.ts',
  // Run once after each build: validates the shipped catalog and keeps the result beside the code (src/pricing/open-catalog.ts).
  'check-catalog': 'src/pricing/check-shipped-catalog.ts',
};

/**
 * Loaded from node_modules at run time, never bundled: native addons (a
 * compiled .node file per platform), HashiCorp's HCL parser (Go compiled
 * to wasm, loaded from beside its own files) and discord.js (its REST client
 * gets an agent from its own undici, found beside it in node_modules). These
 * are the package's only production dependencies; everything else is bundled
 * and so a devDependency.
 */
export const RUNTIME_PACKAGES = ['better-sqlite3', '@resvg/resvg-js', '@cdktf/hcl2json', 'discord.js'];

/** What a build reads: a change to any of these makes dist/ stale. */
const INPUTS = ['src', 'commands', 'package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.js', 'scripts/bundle'];

/**
 * Bolt loads by the parts the app uses (scripts/bundle/bolt-parts.cjs), and
 * its App reads Socket Mode's receiver only in Socket Mode: the rest of what
 * Bolt's index loads is most of a Slack server's start-up.
 */
const slackBoltParts = {
  name: 'slack-bolt-parts',
  setup(build) {
    const bundleDir = join(ROOT, 'scripts', 'bundle');
    build.onResolve({ filter: /^@slack\/bolt$/ }, () => ({ path: join(bundleDir, 'bolt-parts.cjs') }));
    build.onResolve({ filter: /^\.\/receivers\/SocketModeReceiver$/ }, (args) =>
      args.importer.endsWith(join('@slack', 'bolt', 'dist', 'App.js')) ? { path: join(bundleDir, 'socket-mode-receiver.cjs') } : undefined,
    );
  },
};

function filesUnder(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return [];
  if (!stat.isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

/** Names, sizes and modification times of every input: cheap to compute, and it changes with any edit, addition or removal. */
export function sourcesFingerprint() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => filesUnder(join(ROOT, input))).sort()) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${relative(ROOT, file)}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function builtFingerprint() {
  try {
    return readFileSync(join(OUT, FINGERPRINT_FILE), 'utf8');
  } catch {
    return null;
  }
}

async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    return null;
  }
}

export async function build({ ifStale = false } = {}) {
  const fingerprint = sourcesFingerprint();
  if (ifStale && builtFingerprint() === fingerprint) return { built: false };
  const esbuild = await loadEsbuild();
  if (!esbuild) {
    // A production install (npm ci --omit=dev) has no compiler: a dist/ built elsewhere is what runs, and
    // the install itself must not fail over it (the bin says what to do if dist/ never arrives).
    if (existsSync(join(OUT, 'main.js'))) return { built: false };
    return { built: false, notice: 'dist/ is not built: esbuild is a development dependency and this install left those out. Build with `npm run build` where they are installed.' };
  }
  const started = performance.now();
  // Built beside dist/ and swapped in whole, so a failed build leaves the previous one in place.
  const staging = `${OUT}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: ENTRY_POINTS,
      outdir: staging,
      // Every output sits directly in dist/: src/package-root.ts counts on being one level below the package root.
      chunkNames: '[name]-[hash]',
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      // A library's ES module build where it ships one: the AWS SDK clients' CommonJS builds lose
      // their exports when a bundled chunk imports them dynamically, their ES module builds do not.
      mainFields: ['module', 'main'],
      target: 'node20',
      external: RUNTIME_PACKAGES,
      plugins: [slackBoltParts],
      // Bundled CommonJS libraries call require() for Node's own modules; ESM has none, so give each file one.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      // Less text to read and parse at every start (V8 pre-parses every function of a loaded file).
      // Names stay: libraries and logs read functions' and classes' .name.
      minify: true,
      keepNames: true,
      // For stack traces: `NODE_OPTIONS=--enable-source-maps` maps them back to src/.
      sourcemap: 'linked',
      sourcesContent: false,
      legalComments: 'none',
      logLevel: 'warning',
    });
    writeFileSync(join(staging, FINGERPRINT_FILE), fingerprint);
    const previous = `${OUT}.previous-${process.pid}`;
    if (existsSync(OUT)) renameSync(OUT, previous);
    renameSync(staging, OUT);
    rmSync(previous, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const notice = checkShippedCatalog();
  return { built: true, ms: Math.round(performance.now() - started), ...(notice ? { notice } : {}) };
}

/**
 * Validates data/pricing/catalog.json with the code just built and keeps the
 * result in dist/, so no start pays for validating it again, including where
 * dist/ is read-only at run time (the Docker image). A catalog that fails is
 * reported here and again, with its field, by every start.
 */
function checkShippedCatalog() {
  const run = spawnSync(process.execPath, [join(OUT, 'check-catalog.js')], { encoding: 'utf8' });
  return run.status === 0 ? null : (run.stderr.trim() || `the shipped pricing catalog could not be checked (exit ${run.status ?? run.signal}).`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifStale = process.argv.includes('--if-stale');
  try {
    const result = await build({ ifStale });
    // Quiet when nothing changed; stderr so `npm run cli -- assess --json` keeps a clean stdout.
    if (result.built) process.stderr.write(`Built dist/ from src/ in ${result.ms} ms.\n`);
    if (result.notice) process.stderr.write(`serverless-fit: ${result.notice}\n`);
  } catch (error) {
    process.stderr.write(`Build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
