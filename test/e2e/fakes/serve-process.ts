import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { SERVERLESS_FIT_BIN } from '../../helpers/entry-point.js';

// A spawned `serverless-fit serve`, as an operator or orchestrator runs it:
// its JSON log lines parsed as they arrive, its HTTP port learnt from them,
// signals sent to it, its exit awaited.

export const ROOT = resolve(import.meta.dirname, '../../..');

/** The environment without any of the developer's own bot settings. */
export const CLEAN_ENV: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !/^(SLACK|DISCORD|SERVERLESS_FIT|PORT|RETENTION|LOG_LEVEL)/.test(e[0])),
);

export interface LogLine {
  level?: string;
  msg?: string;
  [field: string]: unknown;
}

export interface ServeProcess {
  child: ChildProcess;
  /** Parsed JSON lines from stdout; anything else lands in `other`. */
  logs: LogLine[];
  other: string[];
  stderr: () => string;
  /** The HTTP port carrying /healthz (Slack HTTP mode or the standalone health server). */
  port: number;
  url(path: string): string;
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
}

export interface SpawnOptions {
  env: Record<string, string>;
  cwd?: string;
  /** Defaults to node on this checkout's bin (dist/, built from the current source). */
  command?: string[];
  args?: string[];
  readyTimeoutMs?: number;
}

export async function spawnServe(options: SpawnOptions): Promise<ServeProcess> {
  const [cmd, ...cmdArgs] = options.command ?? [process.execPath, SERVERLESS_FIT_BIN];
  const child = spawn(cmd!, [...cmdArgs, ...(options.args ?? ['serve'])], {
    cwd: options.cwd ?? ROOT,
    env: { ...CLEAN_ENV, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const other: string[] = [];
  let stderr = '';
  const waiters = new Set<() => void>();
  let buffer = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        other.push(line);
      }
    }
    for (const wake of waiters) wake();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | string>((done) => child.on('exit', (code, signal) => done(code ?? signal ?? 'unknown')));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    for (const wake of waiters) wake();
  });

  const waitForLog = (predicate: (line: LogLine) => boolean, timeoutMs = 20_000) =>
    new Promise<LogLine>((found, fail) => {
      const check = () => {
        const line = logs.find(predicate);
        if (line) return finish(() => found(line));
        if (hasExited) return finish(() => fail(new Error(`serve exited before the expected log line.\nstdout: ${JSON.stringify(logs)}\nstderr: ${stderr}`)));
      };
      const timer = setTimeout(() => finish(() => fail(new Error(`timed out waiting for a log line.\nstdout: ${JSON.stringify(logs)}\nstderr: ${stderr}`))), timeoutMs);
      const finish = (then: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        then();
      };
      waiters.add(check);
      check();
    });

  const ready = await waitForLog((l) => l.msg === 'ready', options.readyTimeoutMs ?? 20_000);
  const portLine = logs.find((l) => (l.msg === 'slack adapter started' || l.msg === 'health checks listening') && typeof l.port === 'number');
  const port = (portLine?.port as number | undefined) ?? Number(ready.port ?? 0);
  return {
    child,
    logs,
    other,
    stderr: () => stderr,
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    waitForLog,
    exited,
  };
}
