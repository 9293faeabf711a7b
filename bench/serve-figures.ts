import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnServe, type ServeProcess } from '../test/e2e/fakes/serve-process.js';

// Spawning `serverless-fit serve` the way production does (node
// bin/serverless-fit.js serve) against fake Slack and Discord servers, for the figures that need
// a real process: start to ready, idle memory, and the HTTP endpoint under load.

export const BENCH_SECRET = 'be4c4b0a7f0e4d0c9a8b7c6d5e4f3a2b';

export function serveEnv(apiUrl: string, dir: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: BENCH_SECRET,
    SLACK_API_URL: apiUrl,
    PORT: '0',
    SERVERLESS_FIT_DB: join(dir, `bench-${randomUUID().slice(0, 8)}.db`),
  };
}

export async function startServe(apiUrl: string, dir: string): Promise<{ serve: ServeProcess; dbPath: string }> {
  const env = serveEnv(apiUrl, dir);
  const serve = await spawnServe({ command: [process.execPath, 'bin/serverless-fit.js'], env });
  return { serve, dbPath: env.SERVERLESS_FIT_DB! };
}

export async function stopServe(serve: ServeProcess): Promise<number | string> {
  serve.child.kill('SIGTERM');
  return serve.exited;
}

/** Resident set size in MB, from ps (Linux and macOS). */
export function rssMb(pid: number): number {
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}

export interface StartupFigures {
  /** What was configured: 'slack-http' (Bolt's HTTP receiver) or 'discord' (the gateway, health on PORT). */
  platform: 'slack-http' | 'discord';
  runs: number;
  /** Spawn to the "ready" log line (platform connected, database open, catalog loaded). */
  startToReadyMs: { median: number; min: number; max: number };
  /** RSS two seconds after ready, nothing happening. */
  idleRssMb: { median: number; min: number; max: number };
  /** Median start-to-ready / median `node -e 0`, and idle RSS / an idle bare node process, measured alongside. */
  ratios: { startToReadyVsBareNode: number; idleRssVsBareNode: number };
}

export interface BareNodeFigures {
  /** `node -e 0`: spawn to exit. */
  wallMs: { median: number; min: number; max: number };
  /** A node process that only waits, two seconds in. */
  idleRssMb: { median: number; min: number; max: number };
}

/** The bare baseline: node starting and exiting, and node idling. */
export async function benchBareNode(runs = 5): Promise<BareNodeFigures> {
  const wall: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) wall.push(await wallOf([process.execPath, '-e', '0']));
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)'], { stdio: 'ignore' });
    await sleep(2000);
    rss.push(rssMb(child.pid!));
    child.kill('SIGTERM');
  }
  return { wallMs: spread(wall), idleRssMb: spread(rss) };
}

/** Spawn to exit of a command, in ms. */
export function wallOf(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(argv[0]!, argv.slice(1), { stdio: 'ignore', env });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`${argv.join(' ')} exited ${code}`))));
  });
}

export async function benchStartup(platform: StartupFigures['platform'], env: (dir: string) => Record<string, string>, bare: BareNodeFigures, runs = 5): Promise<StartupFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-bench-start-'));
  const ready: number[] = [];
  const rss: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const serve = await spawnServe({ command: [process.execPath, 'bin/serverless-fit.js'], env: { NODE_ENV: 'production', PORT: '0', SERVERLESS_FIT_DB: join(dir, `bench-${randomUUID().slice(0, 8)}.db`), ...env(dir) } });
      ready.push(performance.now() - started);
      await sleep(2000);
      rss.push(rssMb(serve.child.pid!));
      await stopServe(serve);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const startToReadyMs = spread(ready);
  const idleRssMb = spread(rss);
  return {
    platform,
    runs,
    startToReadyMs,
    idleRssMb,
    ratios: { startToReadyVsBareNode: ratio(startToReadyMs.median, bare.wallMs.median), idleRssVsBareNode: ratio(idleRssMb.median, bare.idleRssMb.median) },
  };
}

export function ratio(a: number, b: number): number {
  return Math.round((a / b) * 100) / 100;
}

export function spread(values: number[]): { median: number; min: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return { median: round(sorted[Math.floor(sorted.length / 2)] ?? 0), min: round(sorted[0] ?? 0), max: round(sorted[sorted.length - 1] ?? 0) };
}

/** The bare signature-checking server, as its own process; resolves with its port. */
export async function startBareServer(): Promise<{ port: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-slack-server.ts'], {
    env: { ...process.env, BENCH_SIGNING_SECRET: BENCH_SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve((JSON.parse(chunk.toString().split('\n')[0] ?? '{}') as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`bare server exited (${code})`)));
  });
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
