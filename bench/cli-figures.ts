import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ratio, spread, wallOf } from './serve-figures.js';

// A one-shot `serverless-fit assess ...` as a person types it (the compiled
// bin, a fresh process each time), run in turns with `node -e 0` so the ratio
// holds even while the machine's speed drifts.

const ASSESS = ['assess', '--json', '--assume-defaults', 'REST API, 1000 rps 24/7, 100 ms, calls Postgres'];

export interface CliFigures {
  command: string;
  runs: number;
  wallMs: { median: number; min: number; max: number };
  bareNodeWallMs: { median: number; min: number; max: number };
  /** Median of the run-by-run ratios assess / `node -e 0`. */
  ratio: number;
}

export async function benchCli(runs = 10): Promise<CliFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-bench-cli-'));
  const env = { ...process.env, SERVERLESS_FIT_DB: join(dir, 'cli.db'), NO_COLOR: '1' };
  const cli = [process.execPath, 'bin/serverless-fit.js', ...ASSESS];
  const bare = [process.execPath, '-e', '0'];
  const cliMs: number[] = [];
  const bareMs: number[] = [];
  const ratios: number[] = [];
  try {
    // One of each first: the file system cache and the database file warm up.
    await wallOf(cli, env);
    await wallOf(bare, env);
    for (let i = 0; i < runs; i++) {
      const a = await wallOf(cli, env);
      const b = await wallOf(bare, env);
      cliMs.push(a);
      bareMs.push(b);
      ratios.push(a / b);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const median = spread(ratios).median;
  return { command: `serverless-fit ${ASSESS.slice(0, -1).join(' ')} "${ASSESS.at(-1)}"`, runs, wallMs: spread(cliMs), bareNodeWallMs: spread(bareMs), ratio: ratio(median, 1) };
}
