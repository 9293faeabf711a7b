#!/usr/bin/env node
// The package's bin: runs the compiled app in dist/, which `npm install` builds
// (the `prepare` script) and `npm run build` rebuilds. The one place that knows
// where the compiled entry point lives.
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node 22.1 and later keep V8's compiled code on disk (in the temp folder), so
// later starts skip most parsing; older versions have no such cache.
module.enableCompileCache?.();

const entry = new URL('../dist/main.js', import.meta.url);
if (existsSync(entry)) {
  await import(entry.href);
} else {
  process.stderr.write('serverless-fit: dist/main.js is missing. Run `npm install` (or `npm run build`) in the serverless-fit folder first.\n');
  process.exitCode = 1;
}
