import { createSqliteWorkspaceSettings } from '../../../src/store/sqlite-workspace-settings.js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAdvisor } from '../../../src/core/advisor.js';
import type { CostChart } from '../../../src/core/cost/cost-types.js';
import { parseCatalog, type PricingCatalog } from '../../../src/core/pricing/catalog-schema.js';
import { createSlackAdapter, type SlackAdapter, type SlackAdapterDeps, type SlackConfig } from '../../../src/adapters/slack/app.js';
import { createDigestService, type DigestService } from '../../../src/core/digest/digest-service.js';
import { createSqliteDigestStore } from '../../../src/store/sqlite-digest-store.js';
import { createMemoryLogger } from '../../../src/logger.js';
import { openDatabase, type Database } from '../../../src/store/open-database.js';
import { createSqliteConversationStore } from '../../../src/store/sqlite-conversation-store.js';
import { createSqliteDeliveryLedger } from '../../../src/store/sqlite-delivery-ledger.js';
import { createSqliteReviewStore } from '../../../src/store/sqlite-review-store.js';
import type { SlackButtonRef } from './slack-messages.js';
import { FAKE_BOT, startFakeSlackWebApi, type FakeMessage, type FakeSlackWebApi } from './slack-web-api.js';
import {
  blockActionPayload,
  interactivityBody,
  messageEventBody,
  postToSlackApp,
  slashCommandBody,
  viewSubmissionPayload,
  type SendOptions,
  type SlackResponse,
} from './slack-requests.js';

// Everything an end-to-end Slack test needs: the fake Web API, the real
// advisor on a temp SQLite file, the real Bolt app over HTTP, and helpers that
// send what Slack would send.

export const SECRET = 'test-signing-secret';
export const TEAM = FAKE_BOT.team;

export function loadCatalog(): PricingCatalog {
  const parsed = parseCatalog(JSON.parse(fs.readFileSync(path.resolve('data/pricing/catalog.json'), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.catalog;
}

export interface HarnessOptions {
  renderChart?: (chart: CostChart) => Promise<Buffer>;
  config?: Partial<SlackConfig>;
  /** Socket Mode: what the fake's apps.connections.open hands out. */
  socketUrl?: string;
  /** Weekly digests on the same database (the App Home shows their settings). */
  digests?: boolean;
  /** Anything else the adapter takes, as serve would pass it. */
  deps?: Partial<SlackAdapterDeps>;
}

export { blocksText, button, buttons, type SlackButtonRef } from './slack-messages.js';

export class SlackHarness {
  readonly logger = createMemoryLogger();
  adapter!: SlackAdapter;
  db!: Database;
  digests: DigestService | null = null;
  private eventSeq = 0;
  private messageSeq = 0;

  private constructor(
    readonly fake: FakeSlackWebApi,
    readonly dbFile: string,
    private readonly options: HarnessOptions,
  ) {}

  static async start(options: HarnessOptions = {}): Promise<SlackHarness> {
    const fake = await startFakeSlackWebApi();
    if (options.socketUrl) fake.socketUrl = options.socketUrl;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slack-e2e-'));
    const harness = new SlackHarness(fake, path.join(dir, 'serverless-fit.db'), options);
    await harness.boot();
    return harness;
  }

  /** Opens the DB and starts a fresh advisor + adapter on it (used again by restart()). */
  private async boot(): Promise<void> {
    this.db = openDatabase(this.dbFile);
    const store = createSqliteConversationStore(this.db);
    const reviews = createSqliteReviewStore(this.db);
    const settings = createSqliteWorkspaceSettings(this.db);
    const advisor = createAdvisor({ store, catalog: loadCatalog(), clock: { now: () => new Date() }, newId: () => crypto.randomUUID(), reviews, settings });
    this.digests = this.options.digests
      ? createDigestService({ store: createSqliteDigestStore(this.db), catalog: loadCatalog(), clock: { now: () => new Date() }, newId: () => crypto.randomUUID() })
      : null;
    this.adapter = createSlackAdapter({
      ...(this.digests ? { digests: this.digests } : {}),
      ...this.options.deps,
      advisor,
      store,
      reviews,
      ledger: createSqliteDeliveryLedger(this.db),
      logger: this.logger,
      ...(this.options.renderChart ? { renderChart: this.options.renderChart } : {}),
      retry: { attempts: 3, maxWaitMs: 50 },
      config: { botToken: 'xoxb-test', signingSecret: SECRET, port: 0, apiUrl: this.fake.apiUrl, ...this.options.config },
    });
    await this.adapter.start();
  }

  async restart(): Promise<void> {
    await this.adapter.stop();
    this.db.close();
    await this.boot();
  }

  async close(): Promise<void> {
    await this.adapter.stop().catch(() => undefined);
    this.db.close();
    await this.fake.close();
    fs.rmSync(path.dirname(this.dbFile), { recursive: true, force: true });
  }

  get url(): string {
    return `http://127.0.0.1:${this.adapter.port()}/slack/events`;
  }

  // ------------------------------------------------------------- sending

  command(text: string, who: { user?: string; channel?: string; triggerId?: string } = {}, send: Partial<SendOptions> = {}): Promise<SlackResponse> {
    const body = slashCommandBody({
      text,
      team: TEAM,
      channel: who.channel ?? 'C100',
      user: who.user ?? 'U100',
      responseUrl: this.fake.responseUrl(`cmd-${crypto.randomUUID()}`),
      ...(who.triggerId ? { triggerId: who.triggerId } : {}),
    });
    return postToSlackApp(this.url, body, 'application/x-www-form-urlencoded', { secret: SECRET, ...send });
  }

  /** A message event in a thread; returns the event id so a test can resend it. */
  async say(
    threadTs: string,
    text: string,
    who: { user?: string; channel?: string; eventId?: string; retryNum?: number; botId?: string; subtype?: string } = {},
  ): Promise<{ response: SlackResponse; eventId: string }> {
    this.eventSeq += 1;
    this.messageSeq += 1;
    const eventId = who.eventId ?? `Ev${String(this.eventSeq).padStart(8, '0')}`;
    const body = messageEventBody({
      team: TEAM,
      channel: who.channel ?? 'C100',
      ...(who.user === undefined ? { user: 'U100' } : who.user ? { user: who.user } : {}),
      text,
      ts: `1800000000.${String(this.messageSeq).padStart(6, '0')}`,
      threadTs,
      eventId,
      ...(who.botId ? { botId: who.botId } : {}),
      ...(who.subtype ? { subtype: who.subtype } : {}),
    });
    const response = await postToSlackApp(this.url, body, 'application/json', {
      secret: SECRET,
      ...(who.retryNum === undefined ? {} : { retryNum: who.retryNum }),
    });
    return { response, eventId };
  }

  /** Any Events API body (app_mention, a DM, app_home_opened), signed as Slack signs it. */
  event(body: string): Promise<SlackResponse> {
    return postToSlackApp(this.url, body, 'application/json', { secret: SECRET });
  }

  click(message: FakeMessage, button: SlackButtonRef, user = 'U100'): Promise<SlackResponse> {
    const payload = blockActionPayload({
      team: TEAM,
      channel: message.channel,
      user,
      messageTs: message.ts,
      ...(message.threadTs ? { threadTs: message.threadTs } : {}),
      actionId: button.actionId,
      value: button.value,
      responseUrl: this.fake.responseUrl(`act-${crypto.randomUUID()}`),
    });
    return postToSlackApp(this.url, interactivityBody(payload), 'application/x-www-form-urlencoded', { secret: SECRET });
  }

  submitModal(privateMetadata: string, description: string | null, user = 'U100', form: { callbackId: string; blockId: string } = { callbackId: 'sf-start', blockId: 'description' }): Promise<SlackResponse> {
    const payload = viewSubmissionPayload({
      team: TEAM,
      user,
      callbackId: form.callbackId,
      privateMetadata,
      values: { [form.blockId]: { text: { type: 'plain_text_input', value: description } } },
    });
    return postToSlackApp(this.url, interactivityBody(payload), 'application/x-www-form-urlencoded', { secret: SECRET });
  }

  // ------------------------------------------------------------ reading

  /** Bot messages in a thread, oldest first. */
  thread(rootTs: string): FakeMessage[] {
    return this.fake.messages.filter((m) => m.threadTs === rootTs);
  }

  /** Waits until the thread holds more than `count` bot messages; returns the newest. */
  nextInThread(rootTs: string, count: number, timeoutMs = 5000): Promise<FakeMessage> {
    return this.fake.waitFor(() => {
      const messages = this.thread(rootTs);
      return messages.length > count ? messages[messages.length - 1] : undefined;
    }, timeoutMs);
  }

  rootMessages(channel = 'C100'): FakeMessage[] {
    return this.fake.messages.filter((m) => m.channel === channel && !m.threadTs);
  }

  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[] {
    return this.db.prepare(sql).all(...params) as T[];
  }
}

