import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The production install as the Docker image's `deps` stage makes it, from
// the lockfile into an empty folder (build leftovers of the native module removed): how much disk it takes, how long it
// took, and whether better-sqlite3 came as a prebuilt binary or had to be
// compiled (no prebuilt binary reachable for this Node and platform).

export interface InstallFigures {
  nodeModulesMb: number;
  packages: number;
  seconds: number;
  betterSqlite3: 'prebuilt binary' | 'compiled from source';
  /** The compiled app that ships beside node_modules (dist/, source maps included). */
  distMb: number;
}

function diskMb(path: string): number {
  return Math.round(Number(execFileSync('du', ['-sk', path], { encoding: 'utf8' }).split('\t')[0]) / 102.4) / 10;
}

function countPackages(nodeModules: string): number {
  let count = 0;
  for (const name of readdirSync(nodeModules)) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) count += readdirSync(join(nodeModules, name)).length;
    else count += 1;
  }
  return count;
}

export function benchProductionInstall(): InstallFigures {
  const dir = mkdtempSync(join(tmpdir(), 'sf-bench-install-'));
  try {
    for (const file of ['package.json', 'package-lock.json']) cpSync(file, join(dir, file));
    const started = performance.now();
    // The Dockerfile's deps stage: production dependencies without lifecycle scripts, then the native module's build.
    execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, stdio: 'ignore' });
    execFileSync('npm', ['rebuild', 'better-sqlite3'], { cwd: dir, stdio: 'ignore' });
    const nodeModules = join(dir, 'node_modules');
    const compiled = existsSync(join(nodeModules, 'better-sqlite3', 'build', 'Release', 'obj.target'));
    execFileSync('node', [join('scripts', 'slim-native-modules.js'), nodeModules], { stdio: 'ignore' });
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    return {
      nodeModulesMb: diskMb(nodeModules),
      packages: countPackages(nodeModules),
      seconds,
      betterSqlite3: compiled ? 'compiled from source' : 'prebuilt binary',
      distMb: diskMb('dist'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
