import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { ROOT, SERVERLESS_FIT_BIN } from '../helpers/entry-point.js';

// The CLI as people run it: the real entry point in a child process, with
// environment variables only (no Slack or Discord tokens from the developer's
// shell), SQLite on the file each test names.

export { ROOT };
const ENTRY = [SERVERLESS_FIT_BIN];
export const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK|DISCORD|SERVERLESS_FIT|PORT)/.test(k)));

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/** Runs one command to completion with `input` on stdin. */
export function runCli(db: string, args: readonly string[], input = '', env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [...ENTRY, ...args], {
    cwd: ROOT,
    input,
    env: { ...CLEAN_ENV, SERVERLESS_FIT_DB: db, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** Runs one command to completion without blocking the test's own servers (fakes the command talks to keep answering meanwhile). */
export function runCliAsync(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...ENTRY, ...args], { cwd: ROOT, env: { ...CLEAN_ENV, NO_COLOR: '1', ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** A terminal chat driven line by line: each step waits for what the chat prints, never for a time. */
export interface ChatSession {
  child: ChildProcessWithoutNullStreams;
  /** Everything printed so far. */
  output(): string;
  send(line: string): void;
  /** Resolves with the output once `pattern` appears after what earlier waits consumed. */
  waitFor(pattern: RegExp): Promise<string>;
  exited: Promise<number | null>;
}

export function startChat(db: string): ChatSession {
  const child = spawn(process.execPath, [...ENTRY, 'chat'], { cwd: ROOT, env: { ...CLEAN_ENV, SERVERLESS_FIT_DB: db, NO_COLOR: '1' } });
  let out = '';
  let consumed = 0;
  const waiters: { pattern: RegExp; resolve: (text: string) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const match = w.pattern.exec(out.slice(consumed));
      if (!match) continue;
      consumed += match.index + match[0].length;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(out);
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    check();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return {
    child,
    output: () => out,
    send: (line) => child.stdin.write(`${line}\n`),
    waitFor(pattern) {
      return new Promise((resolveWait, reject) => {
        waiters.push({ pattern, resolve: resolveWait });
        check();
        // Only a guard against a hung child: a slow machine gets the whole test timeout.
        void exited.then(() => setImmediate(() => waiters.some((w) => w.pattern === pattern) && reject(new Error(`chat exited before printing ${pattern}; it printed:\n${out}`))));
      });
    },
    exited,
  };
}
