import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runDigestCommand } from '../../src/adapters/cli/digest-command.js';
import { parseCliArgs } from '../../src/adapters/cli/parse-args.js';
import { createDigestService } from '../../src/core/digest/digest-service.js';
import { openDatabase } from '../../src/store/open-database.js';
import { createSqliteConversationStore } from '../../src/store/sqlite-conversation-store.js';
import { createSqliteDigestStore } from '../../src/store/sqlite-digest-store.js';
import { seedFixtureWeek } from '../contract/digest-store.contract.js';

// `serverless-fit digest [--workspace W] [--week 2026-W48]`.

describe('digest arguments', () => {
  it.each([
    [[], { kind: 'run', command: { name: 'digest', options: { workspace: 'local', week: null } } }],
    [['--workspace', 'T-acme', '--week', '2026-W47'], { kind: 'run', command: { name: 'digest', options: { workspace: 'T-acme', week: '2026-W47' } } }],
    [['--week=2026-W01', '--workspace=T1'], { kind: 'run', command: { name: 'digest', options: { workspace: 'T1', week: '2026-W01' } } }],
    [['--week', '2026-W54'], { kind: 'error', topic: 'digest', message: '"2026-W54" is not an ISO week; use the form 2026-W48.' }],
    [['--week'], { kind: 'error', topic: 'digest', message: '--week needs a value, e.g. --week <YYYY-Www>.' }],
    [['--workspace', '--week', '2026-W01'], { kind: 'error', topic: 'digest', message: '--workspace needs a value, e.g. --workspace <id>.' }],
    [['--json'], { kind: 'error', topic: 'digest', message: 'Unknown option --json for digest.' }],
  ])('%j', (args, expected) => {
    expect(parseCliArgs(['digest', ...args])).toEqual(expected);
  });
});

describe('runDigestCommand', () => {
  let dir = '';
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function run(options: { workspace: string; week: string | null }) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serverless-fit-digest-cli-'));
    const db = openDatabase(path.join(dir, 'cli.db'));
    try {
      await seedFixtureWeek(createSqliteConversationStore(db));
      const now = () => new Date('2026-11-26T10:00:00.000Z');
      const digests = createDigestService({ store: createSqliteDigestStore(db), catalog: { version: 'test', asOf: '2026-11-01' }, clock: { now }, newId: () => 'x' });
      const out = new PassThrough();
      let text = '';
      out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      const code = await runDigestCommand({ digests, out, now }, options);
      return { code, text };
    } finally {
      db.close();
    }
  }

  it('prints an ISO week of a workspace with the hand-computed figures', async () => {
    const { code, text } = await run({ workspace: 'T-acme', week: '2026-W47' });
    expect(code).toBe(0);
    expect(text).toContain('Weekly cost digest: 16 Nov - 22 Nov 2026');
    expect(text).toContain('8 assessments of 6 workloads: fit 3 · marginal 2 · avoid 3');
    expect(text).toContain('Recommended options: $386.00/month (+$376.00 since last week)');
  });

  it('without --week prints the 7 days up to now', async () => {
    const { text } = await run({ workspace: 'T-acme', week: null });
    expect(text).toContain('Weekly cost digest: 19 Nov - 26 Nov 2026');
    // 19 Nov 10:00 to 26 Nov 10:00 holds a4 (19 Nov 12:00), a5, a6, a7 and a8 (on the fixture's window end, inside this one).
    expect(text).toContain('5 assessments of 5 workloads');
  });
});
