import { join, resolve } from 'node:path';

// Where tests find the programs a person runs: the package's bin (what
// `npm start`, `serve` and the Docker image run) and the compiled scripts
// behind `npm run slack:manifest` and `npm run discord:register`. Each is run
// with `node`; test/global-setup.ts builds dist/ from the current source first.

export const ROOT = resolve(import.meta.dirname, '../..');

/** `node SERVERLESS_FIT_BIN <args>` is `serverless-fit <args>`. */
export const SERVERLESS_FIT_BIN = join(ROOT, 'bin', 'serverless-fit.js');

/** A compiled script in dist/, e.g. compiledScript('slack-manifest'). */
export function compiledScript(name: 'slack-manifest' | 'discord-register'): string {
  return join(ROOT, 'dist', `${name}.js`);
}
