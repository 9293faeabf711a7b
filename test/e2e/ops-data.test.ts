import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { ConversationKey } from '../../src/core/conversation.js';
import { createMemoryLogger } from '../../src/logger.js';
import { createRetentionService } from '../../src/ops/retention-service.js';
import { deleteOlderThan } from '../../src/store/retention.js';
import { createAdvisorHarness, type AdvisorHarness } from '../helpers/advisor-harness.js';
import { CLEAN_ENV, ROOT } from './fakes/serve-process.js';
import { SERVERLESS_FIT_BIN } from '../helpers/entry-point.js';

// Backups (SQLite's online backup, from the command line, while the database
// is open and written elsewhere) and retention (RETENTION_DAYS).

const dir = mkdtempSync(join(tmpdir(), 'sf-ops-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let harness: AdvisorHarness | null = null;
afterEach(() => {
  harness?.close();
  harness = null;
  vi.useRealTimers();
});

const COMPLETE = 'REST API, 1000 rps 24/7, 100 ms, 1 GB, calls Postgres, no state, p99 300 ms, 40 MB package';

function key(thread: string, workspace = 'T1'): ConversationKey {
  return { platform: 'slack', workspace, channel: 'C1', thread, user: 'U1' };
}

/** One finished assessment (conversation, turns, assessment row) in `thread` at `at`. */
async function converse(h: AdvisorHarness, thread: string, at: string): Promise<void> {
  h.clock.set(at);
  await h.advisor.handle({ key: key(thread), event: { kind: 'start', text: COMPLETE }, actor: 'U1' });
  await h.ledger.claim('slack', 'T1', `command:${thread}`, at);
}

function count(db: Database.Database, table: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

function cli(args: string[], db: string) {
  const result = spawnSync(process.execPath, [SERVERLESS_FIT_BIN, ...args], {
    cwd: ROOT,
    env: { ...CLEAN_ENV, SERVERLESS_FIT_DB: db },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('backup <file>', () => {
  it('copies a database that another process holds open, including writes still in its WAL, and the copy opens with every row', async () => {
    const h = (harness = createAdvisorHarness(join(dir, 'live.db')));
    await converse(h, '1.1', '2026-11-20T10:00:00.000Z');
    await converse(h, '2.2', '2026-11-21T10:00:00.000Z');
    // The harness keeps its connection open and nothing has checkpointed: the rows are in the WAL.
    expect(statWal(h.dbPath)).toBeGreaterThan(0);

    const target = join(dir, 'backups', 'copy.db');
    const { code, out, err } = cli(['backup', target], h.dbPath);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^Backed up .*live\.db to .*copy\.db \([\d,]+ bytes: 2 conversations, \d+ turns, 2 assessments\); the copy passed integrity_check\.\n$/);

    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const table of ['conversations', 'turns', 'assessments', 'deliveries']) expect(count(copy, table)).toBe(count(h.db, table));
      expect(copy.prepare('SELECT text FROM turns ORDER BY conversation_id, seq LIMIT 1').get()).toEqual({ text: COMPLETE });
    } finally {
      copy.close();
    }
  });

  it.each([
    ['an existing file', 'exists.db', /^Backup error: .*exists\.db already exists; choose a new file name/],
    ['the database itself', 'self.db', /^Backup error: the backup file must not be the database itself/],
  ])('refuses to overwrite %s', (_name, file, message) => {
    const db = join(dir, 'self.db');
    writeFileSync(join(dir, 'exists.db'), 'an earlier backup');
    const { code, err } = cli(['backup', join(dir, file)], db);
    expect(code).toBe(1);
    expect(err).toMatch(message);
  });

  it('needs a file', () => {
    const { code, err } = cli(['backup'], join(dir, 'x.db'));
    expect(code).toBe(2);
    expect(err).toMatch(/^backup needs a file to write/);
  });
});

function statWal(db: string): number {
  return existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0;
}

describe('retention (RETENTION_DAYS)', () => {
  it('deletes conversations idle since before the cutoff with their turns, old turns of live conversations, old assessments and deliveries', async () => {
    const h = (harness = createAdvisorHarness());
    await converse(h, 'old', '2026-01-01T10:00:00.000Z');
    await converse(h, 'recent', '2026-11-20T10:00:00.000Z');
    // A conversation begun long ago and still in use: its early turns go, it stays.
    await converse(h, 'ongoing', '2026-02-01T10:00:00.000Z');
    h.clock.set('2026-11-25T10:00:00.000Z');
    await h.advisor.handle({ key: key('ongoing'), event: { kind: 'message', text: 'what if traffic is 10x' }, actor: 'U1' });

    const before = { turns: count(h.db, 'turns') };
    const deleted = await deleteOlderThan(h.db, new Date('2026-10-27T10:00:00.000Z'));

    const threads = (h.db.prepare('SELECT thread FROM conversations ORDER BY thread').all() as { thread: string }[]).map((r) => r.thread);
    expect(threads).toEqual(['ongoing', 'recent']);
    expect(deleted.conversations).toBe(1);
    expect(deleted.assessments).toBe(2);
    expect(deleted.deliveries).toBe(2);
    expect(count(h.db, 'turns')).toBe(before.turns - deleted.turns);
    const oldest = h.db.prepare('SELECT MIN(at) AS at FROM turns').get() as { at: string };
    expect(oldest.at >= '2026-10-27T10:00:00.000Z').toBe(true);
    // The ongoing conversation still answers from its saved state.
    const reply = await h.advisor.handle({ key: key('ongoing'), event: { kind: 'message', text: 'make it 2 GB' }, actor: 'U1' });
    expect(reply.kind).toBe('result');
    expect(h.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('sweeps at start and again every day while serving', async () => {
    vi.useFakeTimers();
    const h = (harness = createAdvisorHarness());
    await converse(h, 'a', '2026-10-01T10:00:00.000Z');
    await converse(h, 'b', '2026-10-20T10:00:00.000Z');
    let now = new Date('2026-11-05T12:00:00.000Z');
    const logger = createMemoryLogger();
    const service = createRetentionService({ deleteOlderThan: (cutoff) => deleteOlderThan(h.db, cutoff) }, 30, logger, () => now);

    await service.start();
    expect(count(h.db, 'conversations')).toBe(1); // a (Oct 1) is past 30 days; b is not yet
    now = new Date('2026-11-20T12:00:00.000Z');
    await vi.advanceTimersByTimeAsync(24 * 60 * 60 * 1000);
    expect(count(h.db, 'conversations')).toBe(0);
    await service.stop();
    expect(logger.entries.filter((e) => e.message === 'retention sweep')).toHaveLength(2);
  });
});
