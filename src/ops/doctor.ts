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
  /** Per request to Slack or Discord. */
  timeoutMs?: number;
}

export async function runDoctor(deps: DoctorDeps): Promise<CheckLine[]> {
  const lines: CheckLine[] = [];
  const configResult = loadConfig(deps.env);
  if (!configResult.ok) {
    for (const error of configResult.errors) lines.push({ status: 'problem', check: 'configuration', detail: error });
    return lines;
  }
  const config = configResult.config;
  lines.push({ status: 'ok', check: 'configuration', detail: describeConfig(config) });
  lines.push(checkCatalog(config, deps.now));
  lines.push(checkDatabase(config));
  lines.push(await checkSlack(config, deps));
  lines.push(await checkDiscord(config, deps));
  lines.push(await checkAws(config.aws));
  return lines;
}

export function formatCheckLine(line: CheckLine): string {
  const mark = line.status === 'ok' ? 'ok     ' : line.status === 'skip' ? 'skip   ' : 'PROBLEM';
  return `${mark} ${line.check}: ${line.detail}`;
}

function describeConfig(config: Config): string {
  const slack = config.slack ? (config.slack.appToken ? 'Slack in Socket Mode' : `Slack over HTTP on port ${config.slack.port}`) : 'Slack off';
  const discord = config.discord ? 'Discord on' : 'Discord off';
  const retention = config.retentionDays === null ? 'chat kept until deleted' : `chat kept ${config.retentionDays} days`;
  return `${slack}; ${discord}; ${retention}`;
}

function checkCatalog(config: Config, now: Date): CheckLine {
  const path = config.pricingPath ?? DEFAULT_CATALOG_PATH;
  const result = loadCatalog(path);
  if (!result.ok) return { status: 'problem', check: 'pricing catalog', detail: `${result.error}. Fix the file, or unset SERVERLESS_FIT_PRICING to use the shipped catalog.` };
  const { version, asOf } = result.catalog;
  const stale = isCatalogStale(asOf, now) ? ' (older than 180 days: cards will say so; update the prices)' : '';
  return { status: 'ok', check: 'pricing catalog', detail: `${path}, version ${version}, prices as of ${asOf}${stale}` };
}

function checkDatabase(config: Config): CheckLine {
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

async function checkSlack(config: Config, deps: DoctorDeps): Promise<CheckLine> {
  if (!config.slack) return { status: 'skip', check: 'Slack', detail: 'not configured (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to serve Slack)' };
  const base = config.slack.apiUrl ?? 'https://slack.com/api/';
  const url = new URL('auth.test', base.endsWith('/') ? base : `${base}/`);
  try {
    const response = await deps.fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.slack.botToken}`, 'content-type': 'application/x-www-form-urlencoded' },
      signal: AbortSignal.timeout(deps.timeoutMs ?? 5000),
    });
    const body = (await response.json()) as { ok?: boolean; error?: string; team?: string; team_id?: string; user?: string };
    if (body.ok) return { status: 'ok', check: 'Slack', detail: `auth.test answered: bot "${body.user ?? '?'}" in workspace ${body.team ?? body.team_id ?? '?'}` };
    const fix = body.error === 'invalid_auth' || body.error === 'not_authed' || body.error === 'token_revoked'
      ? 'copy the Bot User OAuth Token (xoxb-...) again from OAuth & Permissions, or reinstall the app'
      : 'check the app in https://api.slack.com/apps';
    return { status: 'problem', check: 'Slack', detail: `auth.test refused the bot token (${body.error ?? `HTTP ${response.status}`}): ${fix}` };
  } catch (error) {
    return { status: 'problem', check: 'Slack', detail: `could not reach ${url.origin} (${reason(error)}): check the network, proxy or SLACK_API_URL` };
  }
}

async function checkDiscord(config: Config, deps: DoctorDeps): Promise<CheckLine> {
  if (!config.discord) return { status: 'skip', check: 'Discord', detail: 'not configured (set DISCORD_TOKEN to serve Discord)' };
  const url = `${config.discord.apiUrl}/v10/users/@me`;
  try {
    const response = await deps.fetch(url, { headers: { authorization: `Bot ${config.discord.token}` }, signal: AbortSignal.timeout(deps.timeoutMs ?? 5000) });
    if (response.ok) {
      const user = (await response.json()) as { username?: string; id?: string };
      return { status: 'ok', check: 'Discord', detail: `GET /users/@me answered: bot "${user.username ?? '?'}" (${user.id ?? '?'})` };
    }
    const fix = response.status === 401 ? 'the token is wrong or was reset: Bot > Reset Token in the developer portal, then update DISCORD_TOKEN' : 'check the application in https://discord.com/developers/applications';
    return { status: 'problem', check: 'Discord', detail: `GET /users/@me answered HTTP ${response.status}: ${fix}` };
  } catch (error) {
    return { status: 'problem', check: 'Discord', detail: `could not reach ${new URL(url).origin} (${reason(error)}): check the network or DISCORD_API_URL` };
  }
}

function reason(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? error.message;
  }
  return String(error);
}
