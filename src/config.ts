import { resolve } from 'node:path';
import type { ChatPlatform, ConfiguredPlatform } from './adapters/chat-platform.js';
import { PACKAGE_ROOT } from './package-root.js';

// The only reader of process.env. Every variable is validated here, each chat
// platform's by the platform itself (handed the environment); a bad one stops
// start with one line naming it and what is expected.

/** A variable's value, trimmed; unset and blank are the same. */
function text(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

const wholeNumber = (v: string, min: number, max: number) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max;
const httpUrl = (name: string) => (v: string) =>
  /^https?:\/\/[^\s]+$/.test(v) ? null : `${name} must be an http(s) URL, e.g. https://monitoring.eu-west-1.amazonaws.com`;
const valid = (test: (v: string) => boolean, message: string) => (v: string) => (test(v) ? null : message);

/**
 * Each variable read, in the order its problems are listed, with its check
 * (null = fine). Plain checks rather than a schema library: this runs on every
 * start, and a library's own loading would cost more than all of them.
 */
const CHECKS = {
  SERVERLESS_FIT_DB: null,
  DATABASE_URL: databaseUrlProblem,
  SERVERLESS_FIT_PRICING: null,
  PORT: valid((v) => wholeNumber(v, 0, 65535), 'PORT must be a port number (0-65535)'),
  SERVERLESS_FIT_WORKERS: valid((v) => wholeNumber(v, 1, 1000), 'SERVERLESS_FIT_WORKERS must be a whole number from 1 to 1000 (conversations worked at once)'),
  SERVERLESS_FIT_LEASE_SECONDS: valid(
    (v) => wholeNumber(v, 1, 3600),
    'SERVERLESS_FIT_LEASE_SECONDS must be a whole number of seconds from 1 to 3600 (how long a replica holds an inbox entry between renewals)',
  ),
  UNINSTALL_GRACE_DAYS: valid((v) => wholeNumber(v, 0, 3650), "UNINSTALL_GRACE_DAYS must be a whole number of days from 0 to 3650 (how long an uninstalled workspace's data is kept; default 30)"),
  RETENTION_DAYS: valid((v) => wholeNumber(v, 1, Infinity), 'RETENTION_DAYS must be a whole number of days, 1 or more (unset keeps everything)'),
  LOG_LEVEL: valid((v) => ['info', 'warn', 'error'].includes(v), 'LOG_LEVEL must be one of info, warn, error'),
  AWS_REGION: valid((v) => /^[a-z]{2}(?:-[a-z]+)+-\d+$/.test(v), 'AWS_REGION must be a region code, e.g. eu-west-1'),
  AWS_PROFILE: null,
  AWS_ENDPOINT_URL: httpUrl('AWS_ENDPOINT_URL'),
  AWS_ENDPOINT_URL_CLOUDWATCH: httpUrl('AWS_ENDPOINT_URL_CLOUDWATCH'),
  AWS_ENDPOINT_URL_LAMBDA: httpUrl('AWS_ENDPOINT_URL_LAMBDA'),
  AWS_ENDPOINT_URL_ECS: httpUrl('AWS_ENDPOINT_URL_ECS'),
  AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: httpUrl('AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2'),
  AWS_ENDPOINT_URL_STS: httpUrl('AWS_ENDPOINT_URL_STS'),
} satisfies Record<string, ((value: string) => string | null) | null>;

type Variables = { [name in keyof typeof CHECKS]: string | undefined };

/** The variables above, trimmed, or every problem with them, one line each. */
function readVariables(env: NodeJS.ProcessEnv): { ok: true; values: Variables } | { ok: false; errors: string[] } {
  const values: Record<string, string | undefined> = {};
  const errors: string[] = [];
  for (const [name, check] of Object.entries(CHECKS)) {
    const value = text(env, name);
    const problem = value === undefined || check === null ? null : check(value);
    if (problem) errors.push(problem);
    values[name] = value;
  }
  return errors.length ? { ok: false, errors } : { ok: true, values: values as Variables };
}

/**
 * DATABASE_URL: a Postgres URL, checked without ever echoing it (it holds the
 * password). The client accepts postgres:// and postgresql://, a host or none
 * (the local socket), and options in the query string.
 */
const POSTGRES_URL_EXAMPLE = 'postgres://user:password@host:5432/serverless_fit';

function databaseUrlProblem(value: string): string | null {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    const given = scheme === undefined ? 'no scheme' : `the scheme "${scheme}:"`;
    return `DATABASE_URL must be a Postgres URL starting postgres:// or postgresql:// (it has ${given}), e.g. ${POSTGRES_URL_EXAMPLE}; unset it to keep SQLite.`;
  }
  try {
    new URL(value);
    if (!value.slice(scheme.length + 1).startsWith('//')) throw new Error('no host part');
  } catch {
    return `DATABASE_URL is not a valid URL (a password with characters like @ / : # must be percent-encoded), e.g. ${POSTGRES_URL_EXAMPLE}.`;
  }
  return null;
}

/**
 * Where the AWS SDK looks; the credentials themselves are never read here; the
 * SDK's default chain finds them (environment, shared config or SSO profile,
 * container or instance role) when an AWS command runs.
 */
export interface AwsSettings {
  /** undefined = the SDK resolves it (the profile's region). */
  region: string | undefined;
  profile: string | undefined;
  endpoints: { cloudwatch: string | undefined; lambda: string | undefined; ecs: string | undefined; elbv2: string | undefined; sts: string | undefined };
}

export interface Config {
  /** The SQLite file, used when `databaseUrl` is null. */
  databasePath: string;
  /** Postgres (postgres://...), chosen over the SQLite file when set; null = SQLite. */
  databaseUrl: string | null;
  /** Lines to log once at start about how the configuration was read (e.g. which database wins). */
  notices: string[];
  /** null = the catalog shipped in data/. */
  pricingPath: string | null;
  port: number;
  /** The chat platforms whose variables are set, in the order of the platform list. */
  platforms: ConfiguredPlatform[];
  /** Conversations, turns and assessments older than this are deleted; null keeps everything. */
  retentionDays: number | null;
  /** Days a workspace's data is kept after the app is uninstalled there (or its token revoked), in case it is reinstalled. */
  uninstallGraceDays: number;
  logLevel: 'info' | 'warn' | 'error';
  aws: AwsSettings;
  /** How many conversations the inbox workers serve at once; unset = the adapter's default. */
  inboxWorkers?: number;
}

/** How long an uninstalled workspace's data is kept unless UNINSTALL_GRACE_DAYS says otherwise. */
export const DEFAULT_UNINSTALL_GRACE_DAYS = 30;

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/**
 * The process environment, for the few callers that validate a part of it
 * themselves (doctor, a platform's registration script). Everything reads it
 * through here so there is one place to look.
 */
export function processEnvironment(): NodeJS.ProcessEnv {
  return process.env;
}

/**
 * The AWS SDK prints a seven-line warning on every run under Node 20 (its
 * releases from 2027 need Node 22). The SDK version in package.json is pinned
 * and runs on Node 20, so on a terminal command's stderr it is only noise.
 */
export function quietAwsSdkNodeWarning(env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/** NO_COLOR (https://no-color.org): any value turns terminal colour off. */
export function colourWanted(isTty: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return isTty && !env.NO_COLOR;
}

export function loadConfig(platforms: readonly ChatPlatform[], env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const parsed = readVariables(env);
  if (!parsed.ok) return parsed;
  const e = parsed.values;
  const errors: string[] = [];
  const port = e.PORT === undefined ? 3000 : Number(e.PORT);

  const configured: ConfiguredPlatform[] = [];
  for (const platform of platforms) {
    const result = platform.readConfig(env, {
      port,
      ...(e.SERVERLESS_FIT_WORKERS === undefined ? {} : { inboxWorkers: Number(e.SERVERLESS_FIT_WORKERS) }),
      ...(e.SERVERLESS_FIT_LEASE_SECONDS === undefined ? {} : { leaseSeconds: Number(e.SERVERLESS_FIT_LEASE_SECONDS) }),
    });
    if (result.kind === 'invalid') errors.push(...result.problems);
    if (result.kind === 'ok') configured.push(result.platform);
  }

  if (errors.length) return { ok: false, errors };
  const notices: string[] = [];
  if (e.DATABASE_URL !== undefined && e.SERVERLESS_FIT_DB !== undefined) {
    notices.push('Both DATABASE_URL and SERVERLESS_FIT_DB are set: using Postgres (DATABASE_URL); the SQLite file is not opened.');
  }
  return {
    ok: true,
    config: {
      databasePath: resolve(e.SERVERLESS_FIT_DB ?? resolve(PACKAGE_ROOT, 'data', 'serverless-fit.db')),
      databaseUrl: e.DATABASE_URL ?? null,
      notices,
      pricingPath: e.SERVERLESS_FIT_PRICING ? resolve(e.SERVERLESS_FIT_PRICING) : null,
      port,
      platforms: configured,
      retentionDays: e.RETENTION_DAYS === undefined ? null : Number(e.RETENTION_DAYS),
      uninstallGraceDays: e.UNINSTALL_GRACE_DAYS === undefined ? DEFAULT_UNINSTALL_GRACE_DAYS : Number(e.UNINSTALL_GRACE_DAYS),
      logLevel: (e.LOG_LEVEL ?? 'info') as Config['logLevel'],
      aws: {
        region: e.AWS_REGION,
        profile: e.AWS_PROFILE,
        endpoints: {
          cloudwatch: e.AWS_ENDPOINT_URL_CLOUDWATCH ?? e.AWS_ENDPOINT_URL,
          lambda: e.AWS_ENDPOINT_URL_LAMBDA ?? e.AWS_ENDPOINT_URL,
          ecs: e.AWS_ENDPOINT_URL_ECS ?? e.AWS_ENDPOINT_URL,
          elbv2: e.AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2 ?? e.AWS_ENDPOINT_URL,
          sts: e.AWS_ENDPOINT_URL_STS ?? e.AWS_ENDPOINT_URL,
        },
      },
    },
  };
}
