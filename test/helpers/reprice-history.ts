import type BetterSqlite3 from 'better-sqlite3';
import { assess } from '../../src/core/assess.js';
import { decisionOutcome } from '../../src/core/assessment-record.js';
import type { AssessmentRecord } from '../../src/core/conversation.js';
import type { ConversationStore } from '../../src/core/ports.js';
import { parseWorkload } from '../../src/core/parse/parse-workload.js';
import type { PricingCatalog } from '../../src/core/pricing/catalog-schema.js';

// A saved history to re-price: decisions made at the shipped catalog in three
// workspaces (a few that change at a later price list, one whose verdict flips),
// decisions saved before facts were kept, and rows whose saved facts are damaged.

export const HISTORY_WORKLOADS = [
  'queue worker, 20 messages per second steady, 300 ms each',
  'REST API, 1000 rps 24/7, 100 ms, calls Postgres',
  'resize images on upload, 2 s each, 3k a day, 1 GB',
  'nightly report job, 4 minutes, once a day',
  'webhook receiver for payments, 50k a month, 80 ms',
  'websocket chat server, 2000 concurrent connections',
];

export const HISTORY_WORKSPACES = ['T-acme', 'T-beta', 'T-gamma'];

/** Facts as saved, written past the schema's JSON check the way a damaged file or a hand edit would leave them, and what the report says. */
export const DAMAGED_FACTS = [
  ['not JSON at all', '{"trigger": "http", "traff', 'the saved facts are not valid JSON'],
  ['JSON, not a workload', '[1, 2]', 'the saved facts are not a workload'],
  ['a workload the engine cannot read', '{"traffic": 5}', 'the saved facts cannot be assessed'],
] as const;

/**
 * Writes `rounds` x (each workspace: every workload, then one decision without
 * facts), then the damaged rows in T-beta; returns the damaged rows' ids.
 */
export async function seedRepriceHistory(db: BetterSqlite3.Database, store: ConversationStore, catalog: PricingCatalog, rounds = 1): Promise<string[]> {
  const outcomes = new Map<string, ReturnType<typeof decisionOutcome>>();
  let n = 0;
  const record = (workspace: string, text: string, facts: AssessmentRecord['facts']): AssessmentRecord => {
    n += 1;
    let outcome = outcomes.get(text);
    if (!outcome) outcomes.set(text, (outcome = decisionOutcome(assess(parseWorkload(text).facts, catalog, { chart: false }))));
    return {
      id: `a-${n}`,
      conversationId: `c-${n}`,
      workspace,
      platform: 'slack',
      channel: 'C-eng',
      thread: `1700000${n}.000100`,
      user: 'U-ann',
      at: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
      description: text,
      ...outcome,
      catalogVersion: catalog.version,
      catalogAsOf: catalog.asOf,
      reassessment: false,
      facts,
    };
  };
  await store.transaction(async () => {
    for (let round = 0; round < rounds; round++) {
      for (const workspace of HISTORY_WORKSPACES) {
        for (const text of HISTORY_WORKLOADS) await store.recordAssessment(record(workspace, text, { ...parseWorkload(text).facts, description: text }));
        await store.recordAssessment(record(workspace, 'legacy cron job', null));
      }
    }
  });
  const damaged: string[] = [];
  db.pragma('ignore_check_constraints = ON');
  for (const [, facts] of DAMAGED_FACTS) {
    const saved = record('T-beta', 'damaged', null);
    await store.recordAssessment(saved);
    db.prepare('UPDATE assessments SET facts = ? WHERE id = ?').run(facts, saved.id);
    damaged.push(saved.id);
  }
  db.pragma('ignore_check_constraints = OFF');
  return damaged;
}
