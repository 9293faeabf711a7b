import type { ChatPlatform } from '../adapters/chat-platform.js';
import { builtInPlatforms } from '../adapters/platforms.js';
import { loadConfig, type Config } from '../config.js';
import { isCatalogStale } from '../core/cost/catalog-staleness.js';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../pricing/load-catalog.js';
import { openDatabase } from '../store/open-database.js';
import { userVersion } from '../store/migrations.js';
import { checkAws } from './doctor-aws.js';

// `serverless-fit doctor`: one line per check, each saying what is fine or
// what is wrong and what to do. Reads the same configuration `serve` would.

export type CheckStatus = 'ok' | 'problem' | 'skip';

export interface CheckLine {
  status: CheckStatus;
  check: string;
  detail: string;
}

export interface DoctorDeps {
  env: Record<string, string | undefined>;
  fetch: typeof fetch;
  now: Date;
  /** The chat platforms to check, each its own credentials; the ones this build ships by default. */
  platforms?: readonly ChatPlatform[];
  /** Per request to a chat platform. */
  timeoutMs?: number;
}

export async function runDoctor(deps: DoctorDeps): Promise<CheckLine[]> {
  const lines: CheckLine[] = [];
  const platforms = deps.platforms ?? builtInPlatforms;
  const configResult = loadConfig(platforms, deps.env);
  if (!configResult.ok) {
    for (const error of configResult.errors) lines.push({ status: 'problem', check: 'configuration', detail: error });
    return lines;
  }
  const config = configResult.config;
  lines.push({ status: 'ok', check: 'configuration', detail: describeConfig(config, platforms) });
  lines.push(checkCatalog(config, deps.now));
  lines.push(config.databaseUrl === null ? checkSqlite(config) : await checkPostgres(config.databaseUrl));
  for (const platform of platforms) lines.push(await checkPlatform(platform, config, deps));
  lines.push(await checkAws(config.aws));
  return lines;
}

export function formatCheckLine(line: CheckLine): string {
  const mark = line.status === 'ok' ? 'ok     ' : line.status === 'skip' ? 'skip   ' : 'PROBLEM';
  return `${mark} ${line.check}: ${line.detail}`;
}

function describeConfig(config: Config, platforms: readonly ChatPlatform[]): string {
  const each = platforms.map((platform) => config.platforms.find((c) => c.name === platform.name)?.summary ?? `${platform.title} off`);
  const retention = config.retentionDays === null ? 'chat kept until deleted' : `chat kept ${config.retentionDays} days`;
  return [...each, retention].join('; ');
}

async function checkPlatform(platform: ChatPlatform, config: Config, deps: DoctorDeps): Promise<CheckLine> {
  const configured = config.platforms.find((c) => c.name === platform.name);
  if (!configured) return { status: 'skip', check: platform.title, detail: `not configured (set ${platform.enableWith} to serve ${platform.title})` };
  const result = await configured.check({ fetch: deps.fetch, timeoutMs: deps.timeoutMs ?? 5000 });
  return { ...result, check: platform.title };
}

function checkCatalog(config: Config, now: Date): CheckLine {
  const path = config.pricingPath ?? DEFAULT_CATALOG_PATH;
  const result = loadCatalog(path);
  if (!result.ok) return { status: 'problem', check: 'pricing catalog', detail: `${result.error}. Fix the file, or unset SERVERLESS_FIT_PRICING to use the shipped catalog.` };
  const { version, asOf } = result.catalog;
  const stale = isCatalogStale(asOf, now) ? ' (older than 180 days: cards will say so; update the prices)' : '';
  return { status: 'ok', check: 'pricing catalog', detail: `${path}, version ${version}, prices as of ${asOf}${stale}` };
}

function checkSqlite(config: Config): CheckLine {
  try {
    const db = openDatabase(config.databasePath);
    try {
      const integrity = db.pragma('quick_check', { simple: true });
      if (integrity !== 'ok') {
        return { status: 'problem', check: 'database', detail: `${config.databasePath} fails SQLite's quick_check (${String(integrity)}). Restore a backup (serverless-fit backup makes them) or move the file aside.` };
      }
      const conversations = (db.prepare('SELECT COUNT(*) AS n FROM conversations').get() as { n: number }).n;
      return { status: 'ok', check: 'database', detail: `${config.databasePath}, schema ${userVersion(db)}, ${conversations} conversations, writable` };
    } finally {
      db.close();
    }
  } catch (error) {
    return { status: 'problem', check: 'database', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** Reachable, the schema against this build's, a round trip's latency; never migrates (serve does that at start). */
async function checkPostgres(url: string): Promise<CheckLine> {
  // Loaded only here: the Postgres client stays out of SQLite runs.
  const { probePostgres } = await import('../store/postgres/postgres-probe.js');
  try {
    const report = await probePostgres(url);
    const latency = `round trip ${report.roundTripMs < 10 ? report.roundTripMs.toFixed(1) : Math.round(report.roundTripMs)} ms`;
    const where = `Postgres at ${report.label}`;
    if (report.schema > report.known) {
      return { status: 'problem', check: 'database', detail: `${where} has schema ${report.schema}, newer than this build knows (${report.known}): upgrade serverless-fit, or point DATABASE_URL at another database.` };
    }
    const counted = report.conversations === null ? '' : `, ${report.conversations} conversations`;
    const schema = report.schema === report.known ? `schema ${report.schema} (current)` : `schema ${report.schema} of ${report.known} (serve migrates it at start)`;
    return { status: 'ok', check: 'database', detail: `${where}, ${schema}, ${latency}${counted}` };
  } catch (error) {
    return { status: 'problem', check: 'database', detail: error instanceof Error ? error.message : String(error) };
  }
}
