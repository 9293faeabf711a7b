import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeSlackWebApi } from './fakes/slack-web-api.js';
import { ROOT, spawnServe } from './fakes/serve-process.js';

// No Docker engine runs here, so this performs the Dockerfile's steps by
// hand, reading them from the Dockerfile itself: each stage in a folder of
// its own (independent stages at the same time, as BuildKit runs them), its
// COPY and RUN steps in order, then the runtime stage's ENV, CMD and
// HEALTHCHECK, and SIGTERM as `docker stop` sends it. Steps that change the
// system rather than the app (apt-get, the /data volume) are what this
// machine already has; any other instruction the test does not know fails it.

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
const instructions = dockerfile.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
const work = mkdtempSync(join(tmpdir(), 'sf-docker-recipe-'));
// Two installs' worth of files: removing them takes a while on a busy machine.
afterAll(() => rm(work, { recursive: true, force: true }), 180_000);

interface Stage {
  name: string;
  from: string;
  steps: string[];
}

function stages(): Stage[] {
  const out: Stage[] = [];
  for (const line of instructions) {
    const from = /^FROM (\S+) AS (\S+)$/.exec(line);
    if (from) out.push({ name: from[2]!, from: from[1]!, steps: [] });
    else if (out.length > 0) out.at(-1)!.steps.push(line);
  }
  return out;
}

const runtimeStage = () => stages().at(-1)!;

/** `CMD ["a", "b"]` / `HEALTHCHECK ... CMD ["a", "b"]` in the runtime stage -> argv. */
function execForm(prefix: string): string[] {
  const line = runtimeStage().steps.find((l) => l.startsWith(prefix));
  if (!line) throw new Error(`the Dockerfile's runtime stage has no ${prefix}`);
  return JSON.parse(line.slice(line.lastIndexOf('CMD ') + 4)) as string[];
}

function imageEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of runtimeStage().steps.filter((l) => l.startsWith('ENV '))) {
    for (const [, name, value] of line.slice(4).matchAll(/(\w+)=(\S+)/g)) env[name!] = value!;
  }
  return env;
}

/** .dockerignore as Docker reads it: patterns on paths from the context's root, `*` within one path segment. */
const ignorePatterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'))
  .map((p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/|$)`));
const ignored = (path: string) => ignorePatterns.some((p) => p.test(path));

/** What `docker build .` sends: every file under the checkout that .dockerignore does not exclude (.gitignore plays no part). */
function buildContext(dir = ROOT): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const rel = relative(ROOT, path);
    if (ignored(rel)) return [];
    return statSync(path).isDirectory() ? buildContext(path) : [rel];
  });
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

class RegistryUnreachable extends Error {}

/** Performs every stage; resolves with each stage's folder (its /app). */
function buildImage(): Record<string, Promise<string>> {
  const built: Record<string, Promise<string>> = {};
  const copy = (from: string, to: string) => {
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to, { recursive: true });
  };
  for (const stage of stages()) {
    const stageBuilt = (async () => {
      const app = join(work, stage.name);
      mkdirSync(app, { recursive: true });
      for (const step of stage.steps) {
        const [instruction, ...rest] = step.split(' ');
        const args = rest.join(' ');
        if (['ARG', 'ENV', 'USER', 'VOLUME', 'EXPOSE', 'HEALTHCHECK', 'STOPSIGNAL', 'CMD'].includes(instruction!)) continue;
        if (instruction === 'WORKDIR') {
          expect(args).toBe('/app');
        } else if (instruction === 'COPY') {
          const fromStage = /^--from=(\S+) \/app\/(\S+) (\S+)$/.exec(args);
          if (fromStage) {
            copy(join(await built[fromStage[1]!]!, fromStage[2]!), join(app, fromStage[3]!));
            continue;
          }
          // Docker's rules: a file goes to the destination (into it when it is a folder), a folder's contents go into it.
          const sources = args.split(' ');
          const dest = sources.pop()!;
          const context = buildContext();
          for (const source of sources) {
            const root = source === '.' ? '' : source;
            const files = context.filter((f) => root === '' || f === root || f.startsWith(`${root}/`));
            expect(files.length, `COPY ${source}: nothing in the build context`).toBeGreaterThan(0);
            for (const file of files) {
              const target = file === root ? (dest.endsWith('/') ? join(dest, basename(file)) : dest) : join(dest, relative(root, file));
              copy(join(ROOT, file), join(app, target));
            }
          }
        } else if (instruction === 'RUN' && /^apt-get /.test(args)) {
          // System packages (the C++ toolchain, fonts): this machine has them.
        } else if (instruction === 'RUN' && /^mkdir -p \/data\b/.test(args)) {
          // The volume: the test points SERVERLESS_FIT_DB at a folder of its own.
        } else if (instruction === 'RUN' && /^node scripts\/[\w-]+\.js$/.test(args)) {
          const result = await run(args.split(' '), app);
          expect(result.code, `${stage.name}: RUN ${args}\n${result.output}`).toBe(0);
        } else if (instruction === 'RUN' && /^npm /.test(args)) {
          const argv = args.split(/\s+/);
          // --prefer-offline: the local npm cache stands in for Docker's layer cache; the steps are the same.
          if (argv[1] === 'ci') argv.push('--prefer-offline');
          const result = await run(argv, app);
          if (result.code !== 0 && /ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED|ENETUNREACH/i.test(result.output)) throw new RegistryUnreachable(result.output);
          expect(result.code, `${stage.name}: RUN ${args}\n${result.output}`).toBe(0);
        } else {
          throw new Error(`the recipe test does not know how to perform "${step}" (stage ${stage.name})`);
        }
      }
      return app;
    })();
    built[stage.name] = stageBuilt;
    // A stage nothing waited for may fail after another one did: its failure is already reported through the stage that needed it.
    stageBuilt.catch(() => undefined);
  }
  return built;
}

describe('the Dockerfile recipe, performed without Docker', () => {
  it('builds in stages from slim images and runs serve as the non-root node user, with a /data volume and a HEALTHCHECK', () => {
    for (const stage of stages()) expect(stage.from).toBe('node:${NODE_VERSION}-bookworm-slim');
    expect(runtimeStage().name).toBe('runtime');
    expect(runtimeStage().steps).toEqual(expect.arrayContaining(['USER node', 'VOLUME ["/data"]']));
    expect(imageEnv().SERVERLESS_FIT_DB).toMatch(/^\/data\//);
    expect(execForm('CMD ')).toEqual(['node', 'bin/serverless-fit.js', 'serve']);
    // The production install never runs the package's own scripts (they would build dist/ there).
    for (const step of stages()[0]!.steps.filter((s) => s.startsWith('RUN npm ci'))) expect(step).toMatch(/--omit=dev.*--ignore-scripts|--ignore-scripts.*--omit=dev/);
  });

  it.each([
    ['.env', true],
    ['.env.production', true],
    ['node_modules/zod/package.json', true],
    ['dist/main.js', true],
    ['data/serverless-fit.db', true],
    ['test/unit/advisor.test.ts', true],
    ['src/main.ts', false],
    ['data/pricing/catalog.json', false],
    ['scripts/build.js', false],
  ])('keeps %s out of the build context: %s', (path, out) => {
    expect(ignored(path)).toBe(out);
  });

  it('builds the image, starts serve from it, and passes its health checks', async (ctx) => {
    const image = buildImage();
    let app: string;
    try {
      app = await image.runtime!;
    } catch (error) {
      if (error instanceof RegistryUnreachable) return ctx.skip(`the npm registry is unreachable, so the install cannot run here: ${error.message.split('\n').find((l) => /ERR/.test(l)) ?? ''}`);
      throw error;
    }

    // The image runs compiled JavaScript only, with production dependencies only.
    expect(existsSync(join(app, 'dist', 'main.js'))).toBe(true);
    expect(existsSync(join(app, 'src'))).toBe(false);
    for (const devOnly of ['typescript', 'tsx', 'esbuild', 'vitest', '@slack/bolt', '@aws-sdk/client-cloudwatch']) expect(existsSync(join(app, 'node_modules', devOnly)), devOnly).toBe(false);

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
    // Compiling SQLite dominates, and on a busy machine it takes many minutes.
  }, 900_000);
});
