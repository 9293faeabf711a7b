import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { spawnServe } from '../test/e2e/fakes/serve-process.js';
import { drainBacklogRequests } from './drain-backlog-request.js';
import { startLeanSlackWebApi } from './lean-slack-web-api.js';
import { BENCH_SECRET } from './serve-figures.js';

// Where one command's processing spends its time, without the acknowledgements
// in the picture: a serve takes a backlog of signed slash commands and is killed
// (-9) before it works them; a second serve on the same database, under
// --cpu-prof, drains that backlog alone. Prints the drain rate, the CPU time
// per command and the top self-time of the profile (start included);
// `npx tsx bench/slack-drain-profile.ts [commands] [profile dir]`.

const TOTAL = Number(process.argv[2] ?? 3000);
const profileDir = process.argv[3] ?? mkdtempSync(join(tmpdir(), 'sf-drain-prof-'));

const dir = mkdtempSync(join(tmpdir(), 'sf-drain-'));
const dbPath = join(dir, 'drain.db');
const api = await startLeanSlackWebApi();
const env = { NODE_ENV: 'production', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: BENCH_SECRET, SLACK_API_URL: api.apiUrl, PORT: '0', SERVERLESS_FIT_DB: dbPath };
try {
  const intake = await spawnServe({ command: [process.execPath, 'bin/serverless-fit.js'], env });
  await autocannon({
    url: intake.url('/slack/events'),
    connections: 50,
    amount: TOTAL,
    requests: drainBacklogRequests(),
  });
  intake.child.kill('SIGKILL');
  await intake.exited;
  const db = new Database(dbPath, { readonly: true });
  const waiting = () => (db.prepare('SELECT count(*) AS n FROM deliveries WHERE payload IS NOT NULL AND done_at IS NULL').get() as { n: number }).n;
  const backlog = waiting();
  const callsBefore = api.calls();
  const started = performance.now();
  const worker = await spawnServe({ command: [process.execPath, '--cpu-prof', `--cpu-prof-dir=${profileDir}`, 'bin/serverless-fit.js'], env });
  while (waiting() > 0) await new Promise((wait) => setTimeout(wait, 20));
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = cpuMsOf(worker.child.pid!);
  db.close();
  worker.child.kill('SIGTERM');
  await worker.exited;
  for (const file of readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'))) console.log(topSelfTime(join(profileDir, file), 25));
  console.log(`backlog ${backlog} drained in ${seconds.toFixed(2)} s (incl. start): ${Math.round(backlog / seconds)}/s, ${((api.calls() - callsBefore) / backlog).toFixed(2)} Web API calls per command, ${(cpuMs / backlog).toFixed(2)} ms of CPU per command (start included); profile in ${profileDir}: ${readdirSync(profileDir).join(', ')}`);
} finally {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** The functions with the most self time in a .cpuprofile, as percentages of all samples. */
function topSelfTime(file: string, count: number): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const names = new Map(profile.nodes.map((node) => [node.id, `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/.*\//, '')}:${node.callFrame.lineNumber + 1}`]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    total += micros;
    const name = names.get(id) ?? '?';
    self.set(name, (self.get(name) ?? 0) + micros);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, count);
  return [`${Math.round(total / 1000)} ms sampled; top self time:`, ...top.map(([name, micros]) => `${((100 * micros) / total).toFixed(1).padStart(5)}%  ${name}`)].join('\n');
}
