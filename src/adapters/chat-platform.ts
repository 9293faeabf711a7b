import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Advisor } from '../core/advisor-types.js';
import type { ThreadKey } from '../core/conversation.js';
import type { CostChart } from '../core/cost/cost-types.js';
import type { DigestService } from '../core/digest/digest-service.js';
import type { Digest } from '../core/digest/digest-types.js';
import type { ConversationStore, DeliveryLedger, InstallationStore, ReviewStore } from '../core/ports.js';
import type { Logger } from '../logger.js';
import type { MeasureSource } from '../core/metrics/measure-request.js';

// The one shape every chat platform has. Each platform's folder exports it
// from its `platform.ts`, and `platforms.ts` lists them; configuration, serve,
// main, doctor and digest delivery loop over that list and never name one.
// Reading the contract costs nothing: a platform's library is imported only
// inside `create`, so an unconfigured platform never loads it.

/** The environment, as src/config.ts hands it on (platforms never read process.env). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Settings every platform may use, read once by src/config.ts. */
export interface SharedSettings {
  /** PORT: where a platform that listens over HTTP listens, and the health checks otherwise. */
  port: number;
  /** SERVERLESS_FIT_WORKERS: how many conversations a platform's inbox works at once (its default when unset). */
  inboxWorkers?: number;
  /** SERVERLESS_FIT_LEASE_SECONDS: how long a replica holds an inbox entry between renewals (its default when unset). */
  leaseSeconds?: number;
}

/** A GET route served beside a platform's own on PORT (the health checks). */
export interface HttpRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** What every platform is given: one advisor, one set of stores, one ledger, built once by main. */
export interface PlatformPorts {
  advisor: Advisor;
  store: ConversationStore;
  ledger: DeliveryLedger;
  logger: Logger;
  /** Design reviews; without them the review sub-command says they are not set up. */
  reviews?: ReviewStore;
  /** Weekly digests; without them the digest sub-command says they are not set up. */
  digests?: DigestService;
  renderChart?: (chart: CostChart) => Promise<Buffer>;
  /** Reads the metrics a command or a review asks to measure (src/adapters/measure-first.ts); without it, measuring says it is not set up. */
  measure?: MeasureSource;
  renderDigestChart?: (digest: Digest) => Promise<Buffer | null>;
  /** Routes a platform listening on PORT serves too (/healthz, /readyz). */
  httpRoutes: readonly HttpRoute[];
  /** The app's grants in many workspaces, for a platform installed through OAuth. */
  installations?: InstallationStore;
}

export type DigestPostOutcome = { ok: true } | { ok: false; reason: string };

/** A platform built for this process: serve starts it, watches it and stops it. */
export interface RunningPlatform {
  /** Names it in the log and in /readyz, e.g. "Discord (gateway)". */
  readonly label: string;
  /** True when it listens on PORT and serves `httpRoutes` there, so no separate health server is started. */
  readonly servesHttpRoutes: boolean;
  start(): Promise<void>;
  /** Takes no new deliveries; work already taken goes on. */
  stopIntake(): void;
  /** Waits for work in progress until `deadline` (epoch ms); resolves with the deliveries still running. */
  drain(deadline: number): Promise<string[]>;
  stop(): Promise<void>;
  ready(): boolean;
  /** Posts a scheduled weekly digest into one of its channels. */
  postDigest(channel: string, digest: Digest): Promise<DigestPostOutcome>;
}

/** One doctor line about a platform; doctor names the check after the platform's title. */
export interface PlatformCheck {
  status: 'ok' | 'problem';
  detail: string;
}

export interface DoctorProbe {
  fetch: typeof fetch;
  /** Per request to the platform. */
  timeoutMs: number;
}

/** A platform whose settings were read and found complete. */
export interface ConfiguredPlatform {
  /** The platform's name (as in ChatPlatform.name). */
  readonly name: string;
  /** How it will run, for doctor's configuration line, e.g. "Slack in Socket Mode". */
  readonly summary: string;
  /** Values the log must never print (tokens, secrets). */
  readonly secrets: readonly string[];
  /** Loads the platform's library and builds it; nothing connects until `start`. */
  create(ports: PlatformPorts): Promise<RunningPlatform>;
  /** Asks the platform whether it accepts the configured credentials. */
  check(probe: DoctorProbe): Promise<PlatformCheck>;
}

export type PlatformConfigResult =
  | { kind: 'absent' }
  /** Each problem is one line naming the variable and what it should be. */
  | { kind: 'invalid'; problems: string[] }
  | { kind: 'ok'; platform: ConfiguredPlatform };

export interface ChatPlatform {
  /** The name its conversations carry in the core and the store, e.g. "slack". */
  readonly name: string;
  /** How people call it, e.g. "Slack". */
  readonly title: string;
  /** What turns it on, for the lines that say nothing is configured, e.g. "DISCORD_TOKEN". */
  readonly enableWith: string;
  /** Its own variables, validated; absent when none of them is set. */
  readConfig(env: Environment, shared: SharedSettings): PlatformConfigResult;
  /** A link that opens a conversation's thread, from the ids the store keeps (null when it has none). */
  threadLink(key: Omit<ThreadKey, 'platform'>): string | null;
}
