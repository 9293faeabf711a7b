import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtInPlatforms } from '../../src/adapters/platforms.js';
import { parseCliArgs } from '../../src/adapters/cli/parse-args.js';
import { runReprice } from '../../src/adapters/cli/reprice-command.js';
import type { Reply } from '../../src/core/advisor-types.js';
import type { ConversationKey } from '../../src/core/conversation.js';
import { createDigestService } from '../../src/core/digest/digest-service.js';
import { threadLinksOf } from '../../src/core/digest/thread-link.js';
import type { PricingCatalog } from '../../src/core/pricing/catalog-schema.js';
import { createSqliteDigestStore } from '../../src/store/sqlite-digest-store.js';
import { isNewerCatalog, repriceHistory } from '../../src/core/reprice/reprice-history.js';
import { loadCatalog } from '../../src/pricing/load-catalog.js';
import { applyMigrations, MIGRATIONS } from '../../src/store/migrations.js';
import { createAdvisorHarness, type AdvisorHarness } from '../helpers/advisor-harness.js';
import { createAdvisor } from '../../src/core/advisor.js';
import { createSqliteWorkspaceSettings } from '../../src/store/sqlite-workspace-settings.js';
import { REPRICED_AS_OF, REPRICED_VERSION, repricedCatalog, writeRepricedCatalog } from '../helpers/repriced-catalog.js';
import { collect } from '../helpers/collect.js';

// `serverless-fit reprice`: decisions the real advisor saved (with the facts it
// assessed them from) assessed again at a later price list that makes Lambda
// 20x dearer and EC2 10% dearer, grouped by workspace, with thread links.

const threadLink = threadLinksOf(builtInPlatforms);

/** Runs a conversation to its card, answering "none" to the constraints question. */
async function decide(h: AdvisorHarness, key: ConversationKey, text: string): Promise<Extract<Reply, { kind: 'result' }>> {
  let reply = await h.advisor.handle({ key, event: { kind: 'start', text }, actor: key.user });
  for (let turn = 0; reply.kind === 'question' && turn < 3; turn++) {
    expect(reply.question.id, text).toBe('constraints');
    reply = await h.advisor.handle({ key, event: { kind: 'message', text: 'none' }, actor: key.user });
  }
  if (reply.kind !== 'result') throw new Error(`"${text}" ended in ${reply.kind}`);
  return reply;
}

const slack = (thread: string): ConversationKey => ({ platform: 'slack', workspace: 'T-acme', channel: 'C-eng', thread, user: 'U-ann' });
const discord = (thread: string): ConversationKey => ({ platform: 'discord', workspace: '111', channel: '222', thread, user: '333' });

/** Each workload, where it was decided, and what the dearer Lambda and EC2 change about it. */
const DECISIONS = [
  { key: slack('1700000001.000100'), text: 'queue worker, 20 messages per second steady, 300 ms each', was: ['fit', 'AWS Lambda'], now: ['avoid', 'ECS on Fargate'], changes: ['verdict', 'platform', 'cost'] },
  { key: slack('1700000002.000100'), text: 'REST API, 1000 rps 24/7, 100 ms, calls Postgres', was: ['avoid', 'Amazon EC2'], now: ['avoid', 'Amazon EC2'], changes: ['cost'] },
  { key: discord('444'), text: 'resize images on upload, 2 s each, 3k a day, 1 GB', was: ['fit', 'AWS Lambda'], now: ['marginal', 'ECS on Fargate'], changes: ['verdict', 'platform', 'cost'] },
] as const;

describe('reprice', () => {
  let h: AdvisorHarness;
  let dir: string;
  beforeEach(() => {
    h = createAdvisorHarness();
    dir = mkdtempSync(join(tmpdir(), 'serverless-fit-reprice-'));
  });
  afterEach(() => {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(args: string[]) {
    const parsed = parseCliArgs(['reprice', ...args]);
    if (parsed.kind !== 'run' || parsed.command.name !== 'reprice') throw new Error(JSON.stringify(parsed));
    const out = new PassThrough();
    const err = new PassThrough();
    let text = '';
    let error = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    err.on('data', (chunk: Buffer) => (error += chunk.toString('utf8')));
    const code = await runReprice({ store: h.store, catalog: h.catalog, loadCatalog, threadLink, out, err }, parsed.command.options);
    return { code, text, error };
  }

  it('saves the facts each decision was assessed from, with its catalog', async () => {
    const result = await decide(h, DECISIONS[0].key, DECISIONS[0].text);
    const [saved] = await collect(h.store.decisions());
    expect(saved?.facts?.description).toBe(DECISIONS[0].text);
    expect([saved?.catalogVersion, saved?.catalogAsOf]).toStrictEqual([h.catalog.version, h.catalog.asOf]);
    expect(saved?.verdict).toBe(result.assessment.verdict);
  });

  it('at the same catalog, nothing changes', async () => {
    for (const d of DECISIONS) await decide(h, d.key, d.text);
    const report = await repriceHistory(h.store.decisions(), h.catalog);
    expect([report.decisions, report.repriced, report.changed, report.unchanged, report.withoutFacts]).toStrictEqual([3, 3, 0, 3, 0]);
  });

  it.each(DECISIONS.map((d) => [d.text, d] as const))('at the later prices: %s', async (_, d) => {
    await decide(h, d.key, d.text);
    const [saved] = await collect(h.store.decisions());
    expect([saved?.verdict, saved?.recommended]).toStrictEqual(d.was);
    const [group] = (await repriceHistory(h.store.decisions(), repricedCatalog())).workspaces;
    const [changed] = group?.decisions ?? [];
    expect([changed?.now.verdict, changed?.now.recommended]).toStrictEqual(d.now);
    expect(changed?.changes).toStrictEqual(d.changes);
  });

  it('reports by workspace, old and new side by side, with each thread link (text)', async () => {
    for (const d of DECISIONS) await decide(h, d.key, d.text);
    const { code, text } = await run(['--catalog', writeRepricedCatalog(dir)]);
    expect(code).toBe(0);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(`Re-priced 3 decisions at catalog ${REPRICED_VERSION} (prices as of ${REPRICED_AS_OF}): 3 would change, 0 unchanged.`);
    expect(lines.filter((l) => l.startsWith('Workspace'))).toStrictEqual(['Workspace 111: 1 decision would change', 'Workspace T-acme: 2 decisions would change']);
    expect(text).toMatch(/fit -> avoid · AWS Lambda -> ECS on Fargate · \$[\d.,]+\/month -> \$[\d.,]+\/month/);
    expect(text).toMatch(/fit -> marginal · AWS Lambda -> ECS on Fargate/);
    expect(text).toContain('https://discord.com/channels/111/444');
    expect(text).toContain('https://slack.com/app_redirect?team=T-acme&channel=C-eng&message_ts=1700000002.000100');
  });

  it('prints JSON with the figures before and after', async () => {
    await decide(h, DECISIONS[1].key, DECISIONS[1].text);
    const { code, text } = await run(['--json', '--catalog', writeRepricedCatalog(dir)]);
    expect(code).toBe(0);
    const json = JSON.parse(text);
    const change = json.workspaces[0].changes[0];
    expect(json.catalog).toStrictEqual({ version: REPRICED_VERSION, asOf: REPRICED_AS_OF });
    expect(change.changes).toStrictEqual(['cost']);
    expect(change.after.recommended).toBe(change.before.recommended);
    // EC2 10% dearer: the instances cost 10% more, the load balancer in front of them the same.
    expect(change.after.recommendedMonthlyUsd).toBeGreaterThan(change.before.recommendedMonthlyUsd);
    expect(change.after.recommendedMonthlyUsd).toBeLessThan(change.before.recommendedMonthlyUsd * 1.1);
    expect(change.link).toBe('https://slack.com/app_redirect?team=T-acme&channel=C-eng&message_ts=1700000002.000100');
  });

  it('keeps the workspace default region a decision was priced in with its facts, so a later default does not re-price it', async () => {
    const settings = createSqliteWorkspaceSettings(h.db);
    const advisor = createAdvisor({ store: h.store, catalog: h.catalog, clock: h.clock, newId: () => `id-region-${h.clock.now().getTime()}`, settings });
    await settings.setRegion('slack', 'T-acme', 'eu-central-1', 'U-ann', '2026-11-26T09:00:00.000Z');
    await decide({ ...h, advisor }, DECISIONS[0].key, DECISIONS[0].text);
    await decide({ ...h, advisor }, DECISIONS[2].key, DECISIONS[2].text);
    const regions = (await collect(h.store.decisions())).map((d) => [d.workspace, d.facts?.region ?? null]).sort();
    expect(regions).toStrictEqual([
      ['111', null],
      ['T-acme', 'eu-central-1'],
    ]);
  });

  it('counts rows saved before facts were kept, and never guesses them', async () => {
    const file = join(dir, 'old.db');
    const old = new Database(file);
    applyMigrations(old, MIGRATIONS.slice(0, 7));
    old
      .prepare(
        `INSERT INTO assessments (id, conversation_id, workspace, platform, channel, thread, user, at, description, verdict, recommended,
           recommended_monthly_usd, alternative_monthly_usd, catalog_version, reassessment)
         VALUES ('a-old', 'c-old', 'T-acme', 'slack', 'C-eng', '1600000000.000100', 'U-ann', '2026-06-01T10:00:00.000Z', 'legacy cron job', 'fit', 'AWS Lambda', 3.5, 30.37, '2026-06-01.1', 0)`,
      )
      .run();
    old.close();
    h.close();
    h = createAdvisorHarness(file);
    await decide(h, DECISIONS[0].key, DECISIONS[0].text);
    const { text } = await run(['--catalog', writeRepricedCatalog(dir)]);
    expect(text.split('\n')[0]).toBe(
      `Re-priced 2 decisions at catalog ${REPRICED_VERSION} (prices as of ${REPRICED_AS_OF}): 1 would change, 0 unchanged, 1 saved before facts were kept (cannot be re-priced).`,
    );
    expect(text).not.toContain('legacy cron job');
    const json = JSON.parse((await run(['--json'])).text);
    expect([json.decisions, json.withoutFacts, json.changed]).toStrictEqual([2, 1, 0]);
  });

  it('says so when there is nothing saved', async () => {
    expect((await run([])).text).toBe(`No saved decisions to re-price at catalog ${h.catalog.version} (prices as of ${h.catalog.asOf}). Finished assessments are kept from the chat and the terminal chat.\n`);
    expect(JSON.parse((await run(['--json'])).text)).toStrictEqual({ catalog: { version: h.catalog.version, asOf: h.catalog.asOf }, decisions: 0, repriced: 0, unchanged: 0, changed: 0, withoutFacts: 0, unreadable: 0, workspaces: [], unreadableDecisions: [] });
  });

  it.each([
    [['--catalog', 'missing.json'], 2, /^Pricing catalog error: missing\.json: file not found\n$/],
  ])('refuses %j with a one-line reason', async (args, code, message) => {
    const result = await run(args);
    expect(result.code).toBe(code);
    expect(result.error).toMatch(message);
    expect(result.text).toBe('');
  });
});

describe('the digest\'s count of past decisions at today\'s prices', () => {
  let h: AdvisorHarness;
  beforeEach(async () => {
    h = createAdvisorHarness();
    for (const d of DECISIONS) await decide(h, { ...d.key, platform: 'slack', workspace: 'T-acme' }, d.text);
  });
  afterEach(() => h.close());

  async function digestWith(catalog: PricingCatalog) {
    const digests = createDigestService({
      store: createSqliteDigestStore(h.db),
      catalog,
      clock: { now: () => new Date('2026-11-30T09:00:00.000Z') },
      newId: () => 'x',
      threadLink,
      repricing: { catalog, decisions: (workspace) => h.store.decisions({ workspace }) },
    });
    return await digests.build({ platform: 'slack', workspace: 'T-acme', window: { since: '2026-11-23T00:00:00.000Z', until: '2026-11-30T00:00:00.000Z' } });
  }

  it.each<[string, () => PricingCatalog, number | null]>([
    ['a newer catalog with other prices: every decision it changes', () => repricedCatalog(), 3],
    ['the catalog they were made with: none', () => h.catalog, null],
    ['an older catalog, whatever its prices: none', () => ({ ...repricedCatalog(), version: '2026-01-01.1', asOf: '2026-01-01' }), null],
  ])('%s', async (_, catalog, count) => {
    const digest = await digestWith(catalog());
    expect(digest.repriced?.count ?? null).toBe(count);
    if (count) expect(digest.repriced?.decisions.map((d) => d.link)).toStrictEqual(DECISIONS.map((d) => `https://slack.com/app_redirect?team=T-acme&channel=${d.key.channel}&message_ts=${d.key.thread}`).reverse());
  });
});

describe('reprice arguments', () => {
  it.each([
    [[], { kind: 'run', command: { name: 'reprice', options: { catalogPath: null, json: false, threads: null } } }],
    [['--json', '--catalog', 'next.json'], { kind: 'run', command: { name: 'reprice', options: { catalogPath: 'next.json', json: true, threads: null } } }],
    [['--threads', '1'], { kind: 'run', command: { name: 'reprice', options: { catalogPath: null, json: false, threads: 1 } } }],
    [['--threads', '8'], { kind: 'run', command: { name: 'reprice', options: { catalogPath: null, json: false, threads: 8 } } }],
    [['--threads', '0'], { kind: 'error', topic: 'reprice', message: '--threads takes a whole number from 1 to 64 (got "0").' }],
    [['--threads', 'all'], { kind: 'error', topic: 'reprice', message: '--threads takes a whole number from 1 to 64 (got "all").' }],
    [['everything'], { kind: 'error', topic: 'reprice', message: 'reprice takes no words (got: everything); give another catalog with --catalog <file>.' }],
    [['--catalog'], { kind: 'error', topic: 'reprice', message: '--catalog needs a value, e.g. --catalog catalog-2027-01-15.json.' }],
    [['--csv'], { kind: 'error', topic: 'reprice', message: 'Unknown option --csv for reprice.' }],
  ])('%j', (args, expected) => {
    expect(parseCliArgs(['reprice', ...args])).toEqual(expected);
  });
});

describe('which catalog is newer than a decision\'s', () => {
  it.each([
    ['a later as-of date', { version: '2026-12-01.1', asOf: '2026-12-01' }, { catalogVersion: '2026-11-01.9', catalogAsOf: '2026-11-01' }, true],
    ['an earlier as-of date', { version: '2026-10-01.1', asOf: '2026-10-01' }, { catalogVersion: '2026-11-01.1', catalogAsOf: '2026-11-01' }, false],
    ['the same catalog', { version: '2026-12-01.1', asOf: '2026-11-26' }, { catalogVersion: '2026-12-01.1', catalogAsOf: '2026-11-26' }, false],
    ['the same date, a later version', { version: '2026-12-01.10', asOf: '2026-11-26' }, { catalogVersion: '2026-12-01.9', catalogAsOf: '2026-11-26' }, true],
    ['no date kept, a later version', { version: '2026-12-01.refresh', asOf: '2026-12-01' }, { catalogVersion: '2026-11-01.1', catalogAsOf: null }, true],
    ['no date kept, the same version', { version: '2026-12-01.1', asOf: '2026-12-01' }, { catalogVersion: '2026-12-01.1', catalogAsOf: null }, false],
  ])('%s: %s', (_, catalog, decision, newer) => {
    expect(isNewerCatalog(catalog, decision)).toBe(newer);
  });
});
