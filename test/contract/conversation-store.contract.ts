import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssessmentRecord, Conversation, NewTurn, ThreadKey } from '../../src/core/conversation.js';
import type { ConversationStore, DeliveryLedger } from '../../src/core/ports.js';
import { StoreError, type StoreErrorCode } from '../../src/store/store-error.js';
import { collect } from '../helpers/collect.js';

// The behaviour every ConversationStore + DeliveryLedger pair must have.
// Run it from a *.test.ts file with a factory that opens a fresh, empty store.

export interface StoreUnderTest {
  store: ConversationStore;
  ledger: DeliveryLedger;
  close(): unknown;
}

const HOURLY = [
  500, 500, 500, 500, 500, 500, 10_000, 10_000, 10_000, 2_500.5, 2_500.5, 2_500.5, 2_500.5, 2_500.5, 2_500.5, 2_500.5,
  2_500.5, 15_000, 15_000, 1_234.25, 500, 500, 500, 500,
];

export type ConversationOverrides = Partial<Omit<Conversation, 'key'>> & { key?: Partial<Conversation['key']> };

export function conversationFixture(overrides: ConversationOverrides = {}): Conversation {
  const { key, ...rest } = overrides;
  return {
    id: 'c-1',
    key: { platform: 'slack', workspace: 'T-acme', channel: 'C-eng', thread: '1700000000.000100', user: 'U-ann', ...key },
    status: 'interviewing',
    facts: {
      description: 'resize images on upload',
      trigger: 'storage-event',
      traffic: { hourly: HOURLY, basis: 'bands', spread: { low: 0.5, high: 2 }, echo: '10,000/hour 6-9 am, ...' },
      duration: { typicalMs: 800, worstMs: 4_000 },
      memoryMb: 1_024,
      cpuShare: 0.85,
      state: [],
      prototype: false,
    },
    pending: 'constraints',
    misses: 1,
    last: null,
    anchor: '1700000000.000100',
    createdAt: '2026-11-02T09:00:00.000Z',
    updatedAt: '2026-11-02T09:00:00.000Z',
    ...rest,
  };
}

const SNAPSHOT = {
  verdict: 'fit',
  platform: 'aws-lambda-arm',
  score: 82,
  monthlyUsd: { 'aws-lambda-arm': 12.34 },
  averageRps: 1.25,
  durationMs: 800,
  memoryMb: 1_024,
} as unknown as NonNullable<Conversation['last']>;

export function assessmentFixture(overrides: Partial<AssessmentRecord> = {}): AssessmentRecord {
  return {
    id: 'a-1',
    conversationId: 'c-1',
    workspace: 'T-acme',
    platform: 'slack',
    channel: 'C-eng',
    thread: '1700000000.000100',
    user: 'U-ann',
    at: '2026-11-02T09:05:00.000Z',
    description: 'resize images on upload',
    verdict: 'fit',
    recommended: 'aws-lambda-arm',
    recommendedMonthlyUsd: 12.34,
    alternativeMonthlyUsd: 30.37,
    catalogVersion: '2026-11-01',
    catalogAsOf: '2026-11-01',
    reassessment: false,
    facts: { description: 'resize images on upload', trigger: 'storage-event', memoryMb: 1024 },
    ...overrides,
  };
}

function turnFixture(overrides: Partial<NewTurn> = {}): NewTurn {
  return {
    conversationId: 'c-1',
    at: '2026-11-02T09:01:00.000Z',
    role: 'user',
    kind: 'answer',
    actor: 'U-ann',
    text: 'about 10k an hour in the morning',
    payload: { question: 'traffic' },
    ...overrides,
  };
}

async function expectStoreError(work: () => Promise<unknown>, code: StoreErrorCode): Promise<void> {
  let caught: unknown;
  try {
    await work();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(StoreError);
  expect((caught as StoreError).code).toBe(code);
}

export function conversationStoreContract(name: string, makeStore: () => StoreUnderTest | Promise<StoreUnderTest>): void {
  describe(`${name}: ConversationStore + DeliveryLedger contract`, () => {
    let subject: StoreUnderTest;
    let store: ConversationStore;
    let ledger: DeliveryLedger;

    beforeEach(async () => {
      subject = await makeStore();
      ({ store, ledger } = subject);
    });
    afterEach(async () => {
      await subject.close();
    });

    describe('create / get', () => {
      it('returns exactly what was created, JSON columns included', async () => {
        const conversation = conversationFixture({
          status: 'complete',
          pending: null,
          last: SNAPSHOT,
        });
        await store.create(conversation);
        expect(await store.get('T-acme', 'c-1')).toStrictEqual(conversation);
      });

      it('keeps the hourly profile digit for digit', async () => {
        await store.create(conversationFixture());
        expect((await store.get('T-acme', 'c-1'))?.facts.traffic?.hourly).toStrictEqual(HOURLY);
      });

      it('round-trips a conversation with no facts yet and no anchor', async () => {
        const bare = conversationFixture({ facts: {}, anchor: null, misses: 0, pending: 'description' });
        await store.create(bare);
        expect(await store.get('T-acme', 'c-1')).toStrictEqual(bare);
      });

      it('returns null for an unknown id', async () => {
        expect(await store.get('T-acme', 'nope')).toBeNull();
      });

      it('refuses a second conversation with the same id', async () => {
        await store.create(conversationFixture());
        await expectStoreError(() => store.create(conversationFixture({ key: { thread: 'other' } })), 'duplicate');
      });
    });

    describe('save', () => {
      it('overwrites status, facts, pending, misses, last, anchor and updatedAt', async () => {
        await store.create(conversationFixture());
        const updated = conversationFixture({
          status: 'complete',
          facts: { ...conversationFixture().facts, latencyP99Ms: 250, region: 'eu-west-1' },
          pending: null,
          misses: 0,
          last: SNAPSHOT,
          anchor: '1700000000.000999',
          updatedAt: '2026-11-02T09:10:00.000Z',
        });
        await store.save(updated);
        expect(await store.get('T-acme', 'c-1')).toStrictEqual(updated);
      });

      it('leaves the key and createdAt as they were created', async () => {
        await store.create(conversationFixture());
        await store.save(conversationFixture({ key: { channel: 'C-moved', user: 'U-bob' }, createdAt: '2030-01-01T00:00:00.000Z' }));
        const saved = await store.get('T-acme', 'c-1');
        expect(saved?.key).toStrictEqual(conversationFixture().key);
        expect(saved?.createdAt).toBe(conversationFixture().createdAt);
      });

      it('fails with not-found for a conversation never created', async () => {
        await expectStoreError(() => store.save(conversationFixture({ id: 'ghost' })), 'not-found');
      });
    });

    describe('findByThread', () => {
      const thread: ThreadKey = { platform: 'slack', workspace: 'T-acme', channel: 'C-eng', thread: '1700000000.000100' };

      it('returns the newest conversation started in the thread', async () => {
        await store.create(conversationFixture({ id: 'old', createdAt: '2026-11-02T09:00:00.000Z' }));
        await store.create(conversationFixture({ id: 'new', createdAt: '2026-11-02T10:00:00.000Z', updatedAt: '2026-11-02T10:00:00.000Z' }));
        // Updating the older one must not make it "newer".
        await store.save(conversationFixture({ id: 'old', updatedAt: '2026-11-02T11:00:00.000Z' }));
        expect((await store.findByThread(thread))?.id).toBe('new');
      });

      it('matches on every part of the thread key but not on the user', async () => {
        await store.create(conversationFixture({ key: { user: 'U-someone-else' } }));
        expect((await store.findByThread(thread))?.id).toBe('c-1');
      });

      it.each<[string, Partial<ThreadKey>]>([
        ['another platform', { platform: 'discord' }],
        ['another workspace', { workspace: 'T-rival' }],
        ['another channel', { channel: 'C-ops' }],
        ['another thread', { thread: '1700000000.000200' }],
      ])('finds nothing in %s', async (_, change) => {
        await store.create(conversationFixture());
        expect(await store.findByThread({ ...thread, ...change })).toBeNull();
      });
    });

    describe('turns', () => {
      it('numbers appended turns 1..n and returns each complete', async () => {
        await store.create(conversationFixture());
        const texts = ['resize images on upload', 'What traffic?', '10k/hour mornings', 'How long?'];
        const appended = [];
        for (const [i, text] of texts.entries()) appended.push(await store.appendTurn('T-acme', turnFixture({ text, role: i % 2 ? 'bot' : 'user', at: `2026-11-02T09:0${i}:00.000Z` })));
        expect(appended.map((t) => t.seq)).toStrictEqual([1, 2, 3, 4]);
        expect(appended[2]).toStrictEqual({ ...turnFixture({ text: '10k/hour mornings', at: '2026-11-02T09:02:00.000Z' }), seq: 3 });
        expect(await store.turns('T-acme', 'c-1')).toStrictEqual(appended);
      });

      it('numbers each conversation on its own', async () => {
        await store.create(conversationFixture({ id: 'c-1' }));
        await store.create(conversationFixture({ id: 'c-2', key: { thread: 't-2' } }));
        const seqs = [];
        for (const id of ['c-1', 'c-2', 'c-1', 'c-2', 'c-1']) seqs.push([id, (await store.appendTurn('T-acme', turnFixture({ conversationId: id }))).seq]);
        expect(seqs).toStrictEqual([['c-1', 1], ['c-2', 1], ['c-1', 2], ['c-2', 2], ['c-1', 3]]);
      });

      it.each<[string, unknown]>([
        ['an object', { card: { title: 'Fit', fields: [{ label: 'Lambda', value: '$12.34' }] }, hourly: HOURLY }],
        ['a string', 'traffic'],
        ['a number', 0.1],
        ['null', null],
        ['nothing', undefined],
      ])('round-trips a payload that is %s', async (_, payload) => {
        await store.create(conversationFixture());
        await store.appendTurn('T-acme', turnFixture({ payload }));
        expect((await store.turns('T-acme', 'c-1'))[0]?.payload).toStrictEqual(payload);
      });

      it('lists no turns for a conversation without any, or for an unknown id', async () => {
        await store.create(conversationFixture());
        expect(await store.turns('T-acme', 'c-1')).toStrictEqual([]);
        expect(await store.turns('T-acme', 'nope')).toStrictEqual([]);
      });

      it('refuses a turn for an unknown conversation', async () => {
        await expectStoreError(() => store.appendTurn('T-acme', turnFixture({ conversationId: 'nope' })), 'not-found');
      });
    });

    describe('forgetUser', () => {
      it("deletes the conversations someone started and their turns elsewhere, and nobody else's", async () => {
        await store.create(conversationFixture({ id: 'ann-1' }));
        await store.create(conversationFixture({ id: 'bob-1', key: { user: 'U-bob', thread: 't-bob' } }));
        await store.create(conversationFixture({ id: 'ann-other-ws', key: { workspace: 'T-other' } }));
        await store.create(conversationFixture({ id: 'ann-discord', key: { platform: 'discord' } }));
        await store.appendTurn('T-acme', turnFixture({ conversationId: 'ann-1' }));
        await store.appendTurn('T-acme', turnFixture({ conversationId: 'ann-1', role: 'bot', actor: 'bot' }));
        await store.appendTurn('T-acme', turnFixture({ conversationId: 'bob-1', actor: 'U-bob' }));
        await store.appendTurn('T-acme', turnFixture({ conversationId: 'bob-1', actor: 'U-ann', text: 'it takes 2 s' }));
        await store.appendTurn('T-other', turnFixture({ conversationId: 'ann-other-ws' }));
        await store.recordAssessment(assessmentFixture({ id: 'a-ann', conversationId: 'ann-1' }));
        await store.recordAssessment(assessmentFixture({ id: 'a-bob', conversationId: 'bob-1', user: 'U-bob' }));

        expect(await store.forgetUser('T-acme', 'slack', 'U-ann')).toStrictEqual({ conversations: 1, turns: 1 });

        expect(await store.get('T-acme', 'ann-1')).toBeNull();
        expect(await store.turns('T-acme', 'ann-1')).toStrictEqual([]);
        expect((await store.turns('T-acme', 'bob-1')).map((t) => t.actor)).toStrictEqual(['U-bob']);
        expect((await store.assessments('T-acme')).map((a) => a.id)).toStrictEqual(['a-bob']);
        expect(await store.get('T-other', 'ann-other-ws')).not.toBeNull();
        expect(await store.turns('T-other', 'ann-other-ws')).toHaveLength(1);
        expect(await store.get('T-acme', 'ann-discord')).not.toBeNull();
      });

      it('answers zero counts for someone with nothing saved', async () => {
        expect(await store.forgetUser('T-acme', 'slack', 'U-nobody')).toStrictEqual({ conversations: 0, turns: 0 });
      });
    });

    describe('list', () => {
      beforeEach(async () => {
        const rows: [string, string, string, Conversation['key']['platform'], Conversation['last']][] = [
          ['a', 'C-eng', '2026-11-02T09:00:00.000Z', 'slack', null],
          ['b', 'C-ops', '2026-11-02T12:00:00.000Z', 'slack', SNAPSHOT],
          ['c', 'C-eng', '2026-11-02T11:00:00.000Z', 'discord', { ...SNAPSHOT, verdict: 'avoid', platform: 'ec2' }],
          ['d', 'C-eng', '2026-11-02T10:00:00.000Z', 'slack', null],
        ];
        for (const [id, channel, updatedAt, platform, last] of rows) {
          await store.create(
            conversationFixture({ id, key: { channel, platform, thread: id }, updatedAt, last, facts: { description: `job ${id}` } }),
          );
        }
      });

      it.each<[string, Parameters<ConversationStore['list']>[1], string[]]>([
        ['everything, newest update first', {}, ['b', 'c', 'd', 'a']],
        ['the first two', { limit: 2 }, ['b', 'c']],
        ['one channel', { channel: 'C-eng' }, ['c', 'd', 'a']],
        ['one platform', { platform: 'slack' }, ['b', 'd', 'a']],
        ['channel and platform', { channel: 'C-eng', platform: 'slack' }, ['d', 'a']],
        ['a channel with nothing', { channel: 'C-empty' }, []],
        ['limit zero', { limit: 0 }, []],
      ])('lists %s', async (_, options, ids) => {
        expect((await store.list('T-acme', options)).map((item) => item.id)).toStrictEqual(ids);
      });

      it('takes the verdict and recommended platform from the last assessment', async () => {
        const byId = Object.fromEntries((await store.list('T-acme')).map((item) => [item.id, item]));
        expect(byId['c']).toStrictEqual({
          id: 'c',
          workspace: 'T-acme',
          channel: 'C-eng',
          thread: 'c',
          user: 'U-ann',
          description: 'job c',
          status: 'interviewing',
          verdict: 'avoid',
          recommended: 'ec2',
          updatedAt: '2026-11-02T11:00:00.000Z',
        });
        expect([byId['a']?.verdict, byId['a']?.recommended]).toStrictEqual([null, null]);
      });

      it('follows a save: the description and verdict change, the order follows updatedAt', async () => {
        const a = (await store.get('T-acme', 'a'))!;
        await store.save({ ...a, facts: { description: 'renamed' }, last: SNAPSHOT, updatedAt: '2026-11-03T00:00:00.000Z' });
        const [first] = await store.list('T-acme', { limit: 1 });
        expect([first?.id, first?.description, first?.verdict]).toStrictEqual(['a', 'renamed', 'fit']);
      });
    });

    describe('assessments', () => {
      const times = ['2026-11-01T23:59:59.999Z', '2026-11-02T00:00:00.000Z', '2026-11-05T12:00:00.000Z', '2026-11-09T00:00:00.000Z'];
      beforeEach(async () => {
        for (const [i, at] of times.entries()) await store.recordAssessment(assessmentFixture({ id: `a-${i}`, at }));
      });

      it.each<[string, Parameters<ConversationStore['assessments']>[1], string[]]>([
        ['all, newest first', {}, ['a-3', 'a-2', 'a-1', 'a-0']],
        ['since, inclusive', { since: '2026-11-02T00:00:00.000Z' }, ['a-3', 'a-2', 'a-1']],
        ['until, exclusive', { until: '2026-11-09T00:00:00.000Z' }, ['a-2', 'a-1', 'a-0']],
        ['one week [since, until)', { since: '2026-11-02T00:00:00.000Z', until: '2026-11-09T00:00:00.000Z' }, ['a-2', 'a-1']],
        ['the newest two', { limit: 2 }, ['a-3', 'a-2']],
        ['an empty window', { since: '2026-12-01T00:00:00.000Z' }, []],
      ])('returns %s', async (_, options, ids) => {
        expect((await store.assessments('T-acme', options)).map((a) => a.id)).toStrictEqual(ids);
      });

      it('round-trips every field, missing prices and the reassessment flag included', async () => {
        const record = assessmentFixture({
          id: 'a-x',
          at: '2026-11-10T00:00:00.000Z',
          verdict: 'marginal',
          recommendedMonthlyUsd: null,
          alternativeMonthlyUsd: 4_905.123,
          reassessment: true,
        });
        await store.recordAssessment(record);
        expect(await store.assessments('T-acme', { limit: 1 })).toStrictEqual([record]);
      });

      it('refuses a second record with the same id', async () => {
        await expectStoreError(() => store.recordAssessment(assessmentFixture({ id: 'a-0' })), 'duplicate');
      });
    });

    describe('decisions: each conversation\'s latest assessment, for re-pricing', () => {
      beforeEach(async () => {
        const rows: Partial<AssessmentRecord>[] = [
          { id: 'ann-1', conversationId: 'ann', at: '2026-11-02T09:00:00.000Z' },
          { id: 'ann-2', conversationId: 'ann', at: '2026-11-03T09:00:00.000Z', reassessment: true, facts: { description: 'resize images', memoryMb: 2048 } },
          { id: 'bob-1', conversationId: 'bob', at: '2026-11-01T09:00:00.000Z', facts: null, catalogAsOf: null },
          { id: 'zed-1', conversationId: 'zed', workspace: 'T-zed', at: '2026-10-01T09:00:00.000Z' },
          { id: 'old-1', conversationId: 'old', workspace: 'T-old', at: '2026-11-04T09:00:00.000Z' },
        ];
        for (const row of rows) await store.recordAssessment(assessmentFixture(row));
      });

      it.each<[string, Parameters<ConversationStore['decisions']>[0], string[]]>([
        ['every workspace, workspace by workspace, oldest first', undefined, ['bob-1', 'ann-2', 'old-1', 'zed-1']],
        ['one workspace', { workspace: 'T-acme' }, ['bob-1', 'ann-2']],
        ['a workspace with none', { workspace: 'T-none' }, []],
      ])('reads %s', async (_, options, ids) => {
        expect((await collect(store.decisions(options))).map((d) => d.id)).toStrictEqual(ids);
      });

      it('keeps the facts they were assessed from, and null where none were kept', async () => {
        const [bob, ann] = await collect(store.decisions({ workspace: 'T-acme' }));
        expect([ann?.facts, ann?.catalogAsOf]).toStrictEqual([{ description: 'resize images', memoryMb: 2048 }, '2026-11-01']);
        expect([bob?.facts, bob?.catalogAsOf]).toStrictEqual([null, null]);
      });

      it('reads a history longer than a page in order, each conversation once, while other writes go on between pages', async () => {
        const at = (n: number) => new Date(Date.UTC(2026, 9, 1) + n * 60_000).toISOString();
        const ids = Array.from({ length: 1203 }, (_, n) => `big-${String(n).padStart(4, '0')}`);
        // Written together in one transaction: a client that pipelines statements sends them without waiting for each.
        await store.transaction(() =>
          Promise.all(
            ids.flatMap((id, n) => [
              store.recordAssessment(assessmentFixture({ id: `${id}-old`, conversationId: id, workspace: 'T-big', at: at(n) })),
              store.recordAssessment(assessmentFixture({ id, conversationId: id, workspace: 'T-big', at: at(n + 1) })),
            ]),
          ),
        );
        const read: string[] = [];
        for await (const decision of store.decisions({ workspace: 'T-big' })) {
          read.push(decision.id);
          // Another caller's write between pages neither blocks the read nor joins it.
          if (read.length === 1) await store.recordAssessment(assessmentFixture({ id: 'elsewhere', conversationId: 'elsewhere', workspace: 'T-other', at: at(0) }));
        }
        expect(read).toStrictEqual(ids);
      });

      it.each<[string, Parameters<ConversationStore['savedDecisions']>[0]]>([
        ['every workspace', undefined],
        ['one workspace', { workspace: 'T-acme' }],
        ['every workspace, a page per decision', { pageSize: 1 }],
        ['a workspace with none', { workspace: 'T-none' }],
      ])('reads the same decisions as saved, facts still JSON text, in pages: %s', async (_, options) => {
        const pages = await collect(store.savedDecisions(options));
        const saved = pages.flat();
        const records = await collect(store.decisions(options?.workspace === undefined ? undefined : { workspace: options.workspace }));
        expect(saved.map(({ facts, ...rest }) => ({ ...rest, facts: facts === null ? null : JSON.parse(facts) }))).toStrictEqual(records);
        expect(saved.every((d) => d.facts === null || typeof d.facts === 'string')).toBe(true);
        expect(pages.every((page) => page.length > 0 && page.length <= (options?.pageSize ?? 500))).toBe(true);
      });
    });

    describe('workspace isolation: another workspace sees and touches nothing', () => {
      beforeEach(async () => {
        await store.create(conversationFixture());
        await store.appendTurn('T-acme', turnFixture());
        await store.recordAssessment(assessmentFixture());
      });

      it.each<[string, () => Promise<unknown>, unknown]>([
        ['get', () => store.get('T-rival', 'c-1'), null],
        ['findByThread', () => store.findByThread({ ...conversationFixture().key, workspace: 'T-rival' }), null],
        ['turns', () => store.turns('T-rival', 'c-1'), []],
        ['list', () => store.list('T-rival'), []],
        ['list by channel', () => store.list('T-rival', { channel: 'C-eng' }), []],
        ['assessments', () => store.assessments('T-rival'), []],
      ])('%s returns nothing', async (_, read, nothing) => {
        expect(await read()).toStrictEqual(nothing);
      });

      it('appendTurn fails with not-found and adds no turn', async () => {
        await expectStoreError(() => store.appendTurn('T-rival', turnFixture({ text: 'injected' })), 'not-found');
        expect((await store.turns('T-acme', 'c-1')).map((t) => t.text)).toStrictEqual([turnFixture().text]);
      });

      it('save fails with not-found and changes nothing', async () => {
        await expectStoreError(
          () => store.save(conversationFixture({ key: { workspace: 'T-rival' }, status: 'complete', facts: {} })),
          'not-found',
        );
        expect(await store.get('T-acme', 'c-1')).toStrictEqual(conversationFixture());
      });

      it('the same channel and thread names in two workspaces stay apart', async () => {
        await store.create(conversationFixture({ id: 'c-rival', key: { workspace: 'T-rival' }, facts: { description: 'theirs' } }));
        expect((await store.findByThread(conversationFixture().key))?.id).toBe('c-1');
        expect((await store.list('T-rival')).map((item) => item.id)).toStrictEqual(['c-rival']);
        expect((await store.list('T-acme')).map((item) => item.id)).toStrictEqual(['c-1']);
      });
    });

    describe('transaction', () => {
      it('returns what the work returns, with its writes kept', async () => {
        const result = await store.transaction(async () => {
          await store.create(conversationFixture());
          return (await store.appendTurn('T-acme', turnFixture())).seq;
        });
        expect(result).toBe(1);
        expect(await store.turns('T-acme', 'c-1')).toHaveLength(1);
      });

      it('lands nothing when the work throws, and rethrows the error', async () => {
        const failure = new Error('renderer exploded');
        await expect(
          store.transaction(async () => {
            await store.create(conversationFixture());
            await store.appendTurn('T-acme', turnFixture());
            await store.recordAssessment(assessmentFixture());
            await ledger.claim('slack', 'T-acme', 'Ev-1', '2026-11-02T09:00:00.000Z');
            throw failure;
          }),
        ).rejects.toThrow(failure);
        expect(await store.get('T-acme', 'c-1')).toBeNull();
        expect(await store.turns('T-acme', 'c-1')).toStrictEqual([]);
        expect(await store.assessments('T-acme')).toStrictEqual([]);
        // The claim was rolled back too, so a retry of that delivery is processed.
        expect(await ledger.claim('slack', 'T-acme', 'Ev-1', '2026-11-02T09:00:00.000Z')).toBe(true);
      });

      it('nests: an inner failure caught by the outer work undoes only the inner writes', async () => {
        await store.transaction(async () => {
          await store.create(conversationFixture());
          try {
            await store.transaction(async () => {
              await store.appendTurn('T-acme', turnFixture({ text: 'inner' }));
              throw new Error('inner fails');
            });
          } catch {
            // expected: the outer work carries on without the inner writes
          }
          await store.appendTurn('T-acme', turnFixture({ text: 'outer' }));
        });
        expect((await store.turns('T-acme', 'c-1')).map((t) => [t.seq, t.text])).toStrictEqual([[1, 'outer']]);
      });

      it('nests: an outer failure undoes inner writes that had succeeded', async () => {
        await expect(
          store.transaction(async () => {
            await store.transaction(() => store.create(conversationFixture()));
            throw new Error('outer fails');
          }),
        ).rejects.toThrow('outer fails');
        expect(await store.get('T-acme', 'c-1')).toBeNull();
      });

      it("keeps another caller's writes out of an open transaction: they land even when it rolls back", async () => {
        let letGo!: () => void;
        const held = new Promise<void>((resolve) => (letGo = resolve));
        let started!: () => void;
        const inside = new Promise<void>((resolve) => (started = resolve));
        const failing = store.transaction(async () => {
          await store.create(conversationFixture({ id: 'c-inside', key: { thread: 't-inside' } }));
          started();
          await held;
          throw new Error('rolled back');
        });
        await inside;
        // Another delivery writes while the transaction waits on something outside the database.
        const outside = store.create(conversationFixture({ id: 'c-outside', key: { thread: 't-outside' } }));
        const claimed = ledger.claim('slack', 'T-acme', 'Ev-outside', '2026-11-02T09:00:00.000Z');
        letGo();
        await expect(failing).rejects.toThrow('rolled back');
        await outside;
        expect(await claimed).toBe(true);
        expect(await store.get('T-acme', 'c-inside')).toBeNull();
        expect((await store.get('T-acme', 'c-outside'))?.id).toBe('c-outside');
        expect(await ledger.claim('slack', 'T-acme', 'Ev-outside', '2026-11-02T09:00:01.000Z')).toBe(false);
      });

      it('runs transactions that overlap in time one after the other, each all or nothing', async () => {
        const results = await Promise.allSettled(
          ['a', 'b', 'c'].map((name, i) =>
            store.transaction(async () => {
              await store.create(conversationFixture({ id: `c-${name}`, key: { thread: `t-${name}` } }));
              await new Promise((resolve) => setImmediate(resolve));
              await store.appendTurn('T-acme', turnFixture({ conversationId: `c-${name}`, text: name }));
              if (i === 1) throw new Error(`${name} fails`);
            }),
          ),
        );
        expect(results.map((r) => r.status)).toStrictEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect(await store.get('T-acme', 'c-b')).toBeNull();
        expect((await store.turns('T-acme', 'c-a')).map((t) => t.text)).toStrictEqual(['a']);
        expect((await store.turns('T-acme', 'c-c')).map((t) => t.text)).toStrictEqual(['c']);
      });
    });

    describe('DeliveryLedger', () => {
      it('claims an id once: true, then false on every repeat, even when the claims race', async () => {
        const claims = await Promise.all([1, 2, 3].map(() => ledger.claim('slack', 'T-acme', 'Ev-1', '2026-11-02T09:00:00.000Z')));
        // Which racer wins is up to the storage (connections of a pool race for real); that exactly one does is not.
        expect(claims.filter((claimed) => claimed)).toHaveLength(1);
        expect(await ledger.claim('slack', 'T-acme', 'Ev-1', '2026-11-02T09:00:01.000Z')).toBe(false);
      });

      it.each<[string, [string, string, string]]>([
        ['another workspace', ['slack', 'T-rival', 'Ev-1']],
        ['another platform', ['discord', 'T-acme', 'Ev-1']],
        ['another id', ['slack', 'T-acme', 'Ev-2']],
      ])('treats the same id in %s as a different delivery', async (_, [platform, workspace, id]) => {
        expect(await ledger.claim('slack', 'T-acme', 'Ev-1', '2026-11-02T09:00:00.000Z')).toBe(true);
        expect(await ledger.claim(platform, workspace, id, '2026-11-02T09:00:01.000Z')).toBe(true);
        expect(await ledger.claim(platform, workspace, id, '2026-11-02T09:00:02.000Z')).toBe(false);
      });

      it('keeps claimed work until it is complete, and lists only what is unfinished since a time', async () => {
        const command = { kind: 'command', text: 'resize images on upload', responseUrl: 'https://hooks.example/1' };
        expect(await ledger.claimWork('slack', 'T-acme', 'command:1', '2026-11-02T09:00:00.000Z', command)).toBe(true);
        expect(await ledger.claimWork('slack', 'T-acme', 'command:1', '2026-11-02T09:00:01.000Z', command)).toBe(false);
        expect(await ledger.claim('slack', 'T-acme', 'command:1', '2026-11-02T09:00:01.000Z')).toBe(false);
        await ledger.claimWork('slack', 'T-acme', 'command:2', '2026-11-02T09:05:00.000Z', { kind: 'command', text: 'two' });
        await ledger.claimWork('slack', 'T-acme', 'command:old', '2026-11-02T08:00:00.000Z', { kind: 'command', text: 'too old' });
        await ledger.claimWork('discord', 'T-acme', 'command:3', '2026-11-02T09:06:00.000Z', { kind: 'command', text: 'other platform' });
        await ledger.claim('slack', 'T-acme', 'event:no-payload', '2026-11-02T09:07:00.000Z');

        expect(await ledger.unfinished('slack', '2026-11-02T08:30:00.000Z')).toStrictEqual([
          { workspace: 'T-acme', deliveryId: 'command:1', at: '2026-11-02T09:00:00.000Z', payload: command },
          { workspace: 'T-acme', deliveryId: 'command:2', at: '2026-11-02T09:05:00.000Z', payload: { kind: 'command', text: 'two' } },
        ]);
        await ledger.complete('slack', 'T-acme', 'command:1', '2026-11-02T09:00:02.000Z');
        expect((await ledger.unfinished('slack', '2026-11-02T08:30:00.000Z')).map((u) => u.deliveryId)).toStrictEqual(['command:2']);
      });
    });
  });
}
