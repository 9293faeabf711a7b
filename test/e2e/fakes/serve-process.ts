import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';

// The product as operators start it, spawned with environment variables
// only: its JSON log lines parsed as they arrive, its HTTP port learnt from
// them, signals sent to it, its exit awaited. How it is started lives here
// and nowhere else, so a change to the start command is one edit.

export const ROOT = resolve(import.meta.dirname, '../../..');

/**
 * The ways the README and the Dockerfile start the bot. `group`: the bot runs
 * below a launcher, so signals go to the whole process group, as a terminal's
 * Ctrl-C or a service manager does; the image's command is signalled itself,
 * as `docker stop` does.
 */
export const ENTRY_POINTS = {
  /** The Dockerfile's CMD and the package's bin: `node bin/serverless-fit.js serve`. */
  bin: { command: [process.execPath, 'bin/serverless-fit.js'], args: ['serve'], group: false },
  /** The README's `npm start`, which serves whatever chat platform is configured. */
  npmStart: { command: ['npm', 'start', '--silent'], args: [], group: true },
} as const;

export type EntryPoint = keyof typeof ENTRY_POINTS;

/** The environment without any of the developer's own bot settings. */
export const CLEAN_ENV: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !/^(SLACK|DISCORD|SERVERLESS_FIT|DATABASE_URL|PORT|RETENTION|LOG_LEVEL)/.test(e[0])),
);

export interface LogLine {
  level?: string;
  msg?: string;
  [field: string]: unknown;
}

export interface ServeProcess {
  child: ChildProcess;
  /** Sends `signal` the way this entry point is stopped (to the process, or to its group). */
  signal(signal: NodeJS.Signals): void;
  /** Parsed JSON lines from stdout; anything else lands in `other`. */
  logs: LogLine[];
  other: string[];
  stderr: () => string;
  /** The HTTP port carrying /healthz (Slack HTTP mode or the standalone health server); 0 before ready. */
  port: number;
  url(path: string): string;
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
  /** True once the process has exited. */
  gone(): boolean;
}

export interface SpawnOptions {
  env: Record<string, string>;
  cwd?: string;
  /** One of the documented ways to start it; the Dockerfile's CMD by default. */
  entry?: EntryPoint;
  /** A start command of its own (the Docker recipe reads the Dockerfile's). */
  command?: readonly string[];
  args?: readonly string[];
  readyTimeoutMs?: number;
}

/** Starts the process without waiting for it to be ready (start-up failures, refusals). */
export function startServe(options: SpawnOptions): ServeProcess {
  const entry = ENTRY_POINTS[options.entry ?? 'bin'];
  const [cmd, ...cmdArgs] = options.command ?? entry.command;
  const group = !options.command && entry.group;
  const child = spawn(cmd!, [...cmdArgs, ...(options.args ?? (options.command ? ['serve'] : entry.args))], {
    cwd: options.cwd ?? ROOT,
    env: { ...CLEAN_ENV, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own, so a signal reaches npm and the bot below it alike.
    detached: group,
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
  let hasExited = false;
  // 'close', not 'exit': it waits for every process holding the output to finish (npm start
  // runs the bot as a grandchild, which may still be writing its last lines when npm exits).
  const exited = new Promise<number | string>((done) =>
    child.on('close', (code, signal) => {
      hasExited = true;
      for (const wake of waiters) wake();
      done(code ?? signal ?? 'unknown');
    }),
  );

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

  const serve: ServeProcess = {
    child,
    signal: (signal) => {
      if (group && child.pid) process.kill(-child.pid, signal);
      else child.kill(signal);
    },
    logs,
    other,
    stderr: () => stderr,
    port: 0,
    url: (path) => `http://127.0.0.1:${serve.port}${path}`,
    waitForLog,
    exited,
    gone: () => hasExited,
  };
  return serve;
}

/** Starts the process and resolves once it logs `ready`, with the port it listens on. */
export async function spawnServe(options: SpawnOptions): Promise<ServeProcess> {
  const serve = startServe(options);
  try {
    const ready = await serve.waitForLog((l) => l.msg === 'ready', options.readyTimeoutMs ?? 30_000);
    const portLine = serve.logs.find((l) => (l.msg === 'slack adapter started' || l.msg === 'health checks listening') && typeof l.port === 'number');
    serve.port = (portLine?.port as number | undefined) ?? Number(ready.port ?? 0);
  } catch (error) {
    stopNow(serve);
    throw error;
  }
  return serve;
}

/** kill -9, unless it is already gone. */
export function stopNow(serve: ServeProcess): void {
  if (!serve.gone()) serve.signal('SIGKILL');
}

/** A TCP port nothing listens on right now, so a restarted process can take the same one. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
    server.on('error', fail);
  });
}
