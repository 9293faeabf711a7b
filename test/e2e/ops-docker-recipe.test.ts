import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeSlackWebApi } from './fakes/slack-web-api.js';
import { ROOT, spawnServe } from './fakes/serve-process.js';

// No Docker engine runs here, so this performs the Dockerfile's steps by
// hand, reading them from the Dockerfile itself: the build context (the
// checkout minus .dockerignore), the production-only install from the
// lockfile in a stage of its own, node_modules copied into the app, the
// image's ENV, its CMD, its HEALTHCHECK, then SIGTERM as `docker stop` sends.

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
const instructions = dockerfile.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
const work = mkdtempSync(join(tmpdir(), 'sf-docker-recipe-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `CMD ["a", "b"]` / `HEALTHCHECK ... CMD ["a", "b"]` -> argv. */
function execForm(prefix: string): string[] {
  const line = instructions.find((l) => l.startsWith(prefix));
  if (!line) throw new Error(`the Dockerfile has no ${prefix}`);
  return JSON.parse(line.slice(line.lastIndexOf('CMD ') + 4)) as string[];
}

function imageEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of instructions.filter((l) => l.startsWith('ENV '))) {
    for (const [, name, value] of line.slice(4).matchAll(/(\w+)=(\S+)/g)) env[name!] = value!;
  }
  return env;
}

/** What `docker build .` would send: every file of the checkout that .dockerignore does not exclude. */
function buildContext(): string[] {
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/|$)`));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  return files.filter((f) => !patterns.some((p) => p.test(f)));
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function run(argv: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('the Dockerfile recipe, performed without Docker', () => {
  it('is multi-stage, slim, non-root, with a /data volume, a HEALTHCHECK and serve as its command', () => {
    expect(instructions.filter((l) => l.startsWith('FROM '))).toEqual([
      expect.stringMatching(/^FROM node:\$\{NODE_VERSION\}-bookworm-slim AS deps$/),
      expect.stringMatching(/^FROM node:\$\{NODE_VERSION\}-bookworm-slim AS runtime$/),
    ]);
    expect(instructions).toContain('COPY --from=deps /app/node_modules ./node_modules');
    expect(instructions).toContain('USER node');
    expect(instructions).toContain('VOLUME ["/data"]');
    expect(imageEnv().SERVERLESS_FIT_DB).toMatch(/^\/data\//);
    expect(execForm('CMD ')).toEqual(['node', 'bin/serverless-fit.js', 'serve']);
    expect(buildContext()).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'bin/serverless-fit.js', 'src/main.ts', 'data/pricing/catalog.json']));
    expect(buildContext().some((f) => f.startsWith('test/') || f.startsWith('node_modules/'))).toBe(false);
  });

  it('installs production dependencies from the lockfile, starts serve, and passes its health checks', async (ctx) => {
    // Stage `deps`: the lockfile and the install command, exactly as the Dockerfile runs it.
    const deps = join(work, 'deps');
    mkdirSync(deps);
    for (const file of ['package.json', 'package-lock.json']) cpSync(join(ROOT, file), join(deps, file));
    const install = instructions.find((l) => l.startsWith('RUN npm ci'))!.slice(4).split(/\s+/);
    expect(install).toEqual(expect.arrayContaining(['npm', 'ci', '--omit=dev']));
    // --prefer-offline: the local npm cache stands in for Docker's layer cache; the steps are the same.
    const installed = await run([...install, '--prefer-offline'], deps);
    if (installed.code !== 0 && /ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED|ENETUNREACH|network/i.test(installed.output)) {
      ctx.skip(`the npm registry is unreachable, so the production install cannot run here: ${installed.output.split('\n').find((l) => /ERR/.test(l)) ?? ''}`);
    }
    expect(installed.code, installed.output).toBe(0);

    // Stage `runtime`: node_modules from deps, then the build context.
    const app = join(work, 'app');
    mkdirSync(app);
    renameSync(join(deps, 'node_modules'), join(app, 'node_modules'));
    for (const file of buildContext()) {
      mkdirSync(dirname(join(app, file)), { recursive: true });
      cpSync(join(ROOT, file), join(app, file));
    }
    expect(() => readFileSync(join(app, 'node_modules/vitest/package.json'))).toThrow();

    // `docker run -v data:/data -e SLACK_...`: the image's ENV, the volume elsewhere, fake Slack settings.
    const slack = await startFakeSlackWebApi();
    try {
      const port = await freePort();
      const env = {
        ...imageEnv(),
        SERVERLESS_FIT_DB: join(work, 'volume', 'serverless-fit.db'),
        PORT: String(port),
        SLACK_BOT_TOKEN: 'xoxb-docker-recipe',
        SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
        SLACK_API_URL: slack.apiUrl,
      };
      const serve = await spawnServe({ cwd: app, command: execForm('CMD '), args: [], env, readyTimeoutMs: 30_000 });
      try {
        expect(serve.port).toBe(port);
        const health = await run(execForm('HEALTHCHECK '), app, { ...process.env, ...env });
        expect(health).toEqual({ code: 0, output: '' });
        const ready = await fetch(serve.url('/readyz'));
        expect(ready.status).toBe(200);

        serve.child.kill('SIGTERM');
        expect(await serve.exited).toBe(0);
        const after = await run(execForm('HEALTHCHECK '), app, { ...process.env, ...env });
        expect(after.code).toBe(1);
      } finally {
        if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
      }
    } finally {
      await slack.close();
    }
  }, 240_000);
});
