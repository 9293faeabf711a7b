import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssessmentRecord, Conversation, NewTurn, ThreadKey } from '../../src/core/conversation.js';
import type { ConversationStore, DeliveryLedger } from '../../src/core/ports.js';
import { StoreError, type StoreErrorCode } from '../../src/store/store-error.js';

// The behaviour every ConversationStore + DeliveryLedger pair must have.
// Run it from a *.test.ts file with a factory that opens a fresh, empty store.

export interface StoreUnderTest {
  store: ConversationStore;
  ledger: DeliveryLedger;
  close(): void;
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

function expectStoreError(work: () => unknown, code: StoreErrorCode): void {
  let caught: unknown;
  try {
    work();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(StoreError);
  expect((caught as StoreError).code).toBe(code);
}

export function conversationStoreContract(name: string, makeStore: () => StoreUnderTest): void {
  describe(`${name}: ConversationStore + DeliveryLedger contract`, () => {
    let subject: StoreUnderTest;
    let store: ConversationStore;
    let ledger: DeliveryLedger;

    beforeEach(() => {
      subject = makeStore();
      ({ store, ledger } = subject);
    });
    afterEach(() => subject.close());

    describe('create / get', () => {
      it('returns exactly what was created, JSON columns included', () => {
        const conversation = conversationFixture({
          status: 'complete',
          pending: null,
          last: SNAPSHOT,
        });
        store.create(conversation);
        expect(store.get('T-acme', 'c-1')).toStrictEqual(conversation);
      });

      it('keeps the hourly profile digit for digit', () => {
        store.create(conversationFixture());
        expect(store.get('T-acme', 'c-1')?.facts.traffic?.hourly).toStrictEqual(HOURLY);
      });

      it('round-trips a conversation with no facts yet and no anchor', () => {
        const bare = conversationFixture({ facts: {}, anchor: null, misses: 0, pending: 'description' });
        store.create(bare);
        expect(store.get('T-acme', 'c-1')).toStrictEqual(bare);
      });

      it('returns null for an unknown id', () => {
        expect(store.get('T-acme', 'nope')).toBeNull();
      });

      it('refuses a second conversation with the same id', () => {
        store.create(conversationFixture());
        expectStoreError(() => store.create(conversationFixture({ key: { thread: 'other' } })), 'duplicate');
      });
    });

    describe('save', () => {
      it('overwrites status, facts, pending, misses, last, anchor and updatedAt', () => {
        store.create(conversationFixture());
        const updated = conversationFixture({
          status: 'complete',
          facts: { ...conversationFixture().facts, latencyP99Ms: 250, region: 'eu-west-1' },
          pending: null,
          misses: 0,
          last: SNAPSHOT,
          anchor: '1700000000.000999',
          updatedAt: '2026-11-02T09:10:00.000Z',
        });
        store.save(updated);
        expect(store.get('T-acme', 'c-1')).toStrictEqual(updated);
      });

      it('leaves the key and createdAt as they were created', () => {
        store.create(conversationFixture());
        store.save(conversationFixture({ key: { channel: 'C-moved', user: 'U-bob' }, createdAt: '2030-01-01T00:00:00.000Z' }));
        const saved = store.get('T-acme', 'c-1');
        expect(saved?.key).toStrictEqual(conversationFixture().key);
        expect(saved?.createdAt).toBe(conversationFixture().createdAt);
      });

      it('fails with not-found for a conversation never created', () => {
        expectStoreError(() => store.save(conversationFixture({ id: 'ghost' })), 'not-found');
      });
    });

    describe('findByThread', () => {
      const thread: ThreadKey = { platform: 'slack', workspace: 'T-acme', channel: 'C-eng', thread: '1700000000.000100' };

      it('returns the newest conversation started in the thread', () => {
        store.create(conversationFixture({ id: 'old', createdAt: '2026-11-02T09:00:00.000Z' }));
        store.create(conversationFixture({ id: 'new', createdAt: '2026-11-02T10:00:00.000Z', updatedAt: '2026-11-02T10:00:00.000Z' }));
        // Updating the older one must not make it "newer".
        store.save(conversationFixture({ id: 'old', updatedAt: '2026-11-02T11:00:00.000Z' }));
        expect(store.findByThread(thread)?.id).toBe('new');
      });

      it('matches on every part of the thread key but not on the user', () => {
        store.create(conversationFixture({ key: { user: 'U-someone-else' } }));
        expect(store.findByThread(thread)?.id).toBe('c-1');
      });

      it.each<[string, Partial<ThreadKey>]>([
        ['another platform', { platform: 'discord' }],
        ['another workspace', { workspace: 'T-rival' }],
        ['another channel', { channel: 'C-ops' }],
        ['another thread', { thread: '1700000000.000200' }],
      ])('finds nothing in %s', (_, change) => {
        store.create(conversationFixture());
        expect(store.findByThread({ ...thread, ...change })).toBeNull();
      });
    });

    describe('turns', () => {
      it('numbers appended turns 1..n and returns each complete', () => {
        store.create(conversationFixture());
        const texts = ['resize images on upload', 'What traffic?', '10k/hour mornings', 'How long?'];
        const appended = texts.map((text, i) =>
          store.appendTurn('T-acme', turnFixture({ text, role: i % 2 ? 'bot' : 'user', at: `2026-11-02T09:0${i}:00.000Z` })),
        );
        expect(appended.map((t) => t.seq)).toStrictEqual([1, 2, 3, 4]);
        expect(appended[2]).toStrictEqual({ ...turnFixture({ text: '10k/hour mornings', at: '2026-11-02T09:02:00.000Z' }), seq: 3 });
        expect(store.turns('T-acme', 'c-1')).toStrictEqual(appended);
      });

      it('numbers each conversation on its own', () => {
        store.create(conversationFixture({ id: 'c-1' }));
        store.create(conversationFixture({ id: 'c-2', key: { thread: 't-2' } }));
        const seqs = ['c-1', 'c-2', 'c-1', 'c-2', 'c-1'].map((id) => [id, store.appendTurn('T-acme', turnFixture({ conversationId: id })).seq]);
        expect(seqs).toStrictEqual([['c-1', 1], ['c-2', 1], ['c-1', 2], ['c-2', 2], ['c-1', 3]]);
      });

      it.each<[string, unknown]>([
        ['an object', { card: { title: 'Fit', fields: [{ label: 'Lambda', value: '$12.34' }] }, hourly: HOURLY }],
        ['a string', 'traffic'],
        ['a number', 0.1],
        ['null', null],
        ['nothing', undefined],
      ])('round-trips a payload that is %s', (_, payload) => {
        store.create(conversationFixture());
        store.appendTurn('T-acme', turnFixture({ payload }));
        expect(store.turns('T-acme', 'c-1')[0]?.payload).toStrictEqual(payload);
      });

      it('lists no turns for a conversation without any, or for an unknown id', () => {
        store.create(conversationFixture());
        expect(store.turns('T-acme', 'c-1')).toStrictEqual([]);
        expect(store.turns('T-acme', 'nope')).toStrictEqual([]);
      });

      it('refuses a turn for an unknown conversation', () => {
        expectStoreError(() => store.appendTurn('T-acme', turnFixture({ conversationId: 'nope' })), 'not-found');
      });
    });

    describe('forgetUser', () => {
      it("deletes the conversations someone started and their turns elsewhere, and nobody else's", () => {
        store.create(conversationFixture({ id: 'ann-1' }));
        store.create(conversationFixture({ id: 'bob-1', key: { user: 'U-bob', thread: 't-bob' } }));
        store.create(conversationFixture({ id: 'ann-other-ws', key: { workspace: 'T-other' } }));
        store.create(conversationFixture({ id: 'ann-discord', key: { platform: 'discord' } }));
        store.appendTurn('T-acme', turnFixture({ conversationId: 'ann-1' }));
        store.appendTurn('T-acme', turnFixture({ conversationId: 'ann-1', role: 'bot', actor: 'bot' }));
        store.appendTurn('T-acme', turnFixture({ conversationId: 'bob-1', actor: 'U-bob' }));
        store.appendTurn('T-acme', turnFixture({ conversationId: 'bob-1', actor: 'U-ann', text: 'it takes 2 s' }));
        store.appendTurn('T-other', turnFixture({ conversationId: 'ann-other-ws' }));
        store.recordAssessment(assessmentFixture({ id: 'a-ann', conversationId: 'ann-1' }));
        store.recordAssessment(assessmentFixture({ id: 'a-bob', conversationId: 'bob-1', user: 'U-bob' }));

        expect(store.forgetUser('T-acme', 'slack', 'U-ann')).toStrictEqual({ conversations: 1, turns: 1 });

        expect(store.get('T-acme', 'ann-1')).toBeNull();
        expect(store.turns('T-acme', 'ann-1')).toStrictEqual([]);
        expect(store.turns('T-acme', 'bob-1').map((t) => t.actor)).toStrictEqual(['U-bob']);
        expect(store.assessments('T-acme').map((a) => a.id)).toStrictEqual(['a-bob']);
        expect(store.get('T-other', 'ann-other-ws')).not.toBeNull();
        expect(store.turns('T-other', 'ann-other-ws')).toHaveLength(1);
        expect(store.get('T-acme', 'ann-discord')).not.toBeNull();
      });

      it('answers zero counts for someone with nothing saved', () => {
        expect(store.forgetUser('T-acme', 'slack', 'U-nobody')).toStrictEqual({ conversations: 0, turns: 0 });
      });
    });

    describe('list', () => {
      beforeEach(() => {
        const rows: [string, string, string, Conversation['key']['platform'], Conversation['last']][] = [
          ['a', 'C-eng', '2026-11-02T09:00:00.000Z', 'slack', null],
          ['b', 'C-ops', '2026-11-02T12:00:00.000Z', 'slack', SNAPSHOT],
          ['c', 'C-eng', '2026-11-02T11:00:00.000Z', 'discord', { ...SNAPSHOT, verdict: 'avoid', platform: 'ec2' }],
          ['d', 'C-eng', '2026-11-02T10:00:00.000Z', 'slack', null],
        ];
        for (const [id, channel, updatedAt, platform, last] of rows) {
          store.create(
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
      ])('lists %s', (_, options, ids) => {
        expect(store.list('T-acme', options).map((item) => item.id)).toStrictEqual(ids);
      });

      it('takes the verdict and recommended platform from the last assessment', () => {
        const byId = Object.fromEntries(store.list('T-acme').map((item) => [item.id, item]));
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

      it('follows a save: the description and verdict change, the order follows updatedAt', () => {
        const a = store.get('T-acme', 'a')!;
        store.save({ ...a, facts: { description: 'renamed' }, last: SNAPSHOT, updatedAt: '2026-11-03T00:00:00.000Z' });
        const [first] = store.list('T-acme', { limit: 1 });
        expect([first?.id, first?.description, first?.verdict]).toStrictEqual(['a', 'renamed', 'fit']);
      });
    });

    describe('assessments', () => {
      const times = ['2026-11-01T23:59:59.999Z', '2026-11-02T00:00:00.000Z', '2026-11-05T12:00:00.000Z', '2026-11-09T00:00:00.000Z'];
      beforeEach(() => times.forEach((at, i) => store.recordAssessment(assessmentFixture({ id: `a-${i}`, at }))));

      it.each<[string, Parameters<ConversationStore['assessments']>[1], string[]]>([
        ['all, newest first', {}, ['a-3', 'a-2', 'a-1', 'a-0']],
        ['since, inclusive', { since: '2026-11-02T00:00:00.000Z' }, ['a-3', 'a-2', 'a-1']],
        ['until, exclusive', { until: '2026-11-09T00:00:00.000Z' }, ['a-2', 'a-1', 'a-0']],
        ['one week [since, until)', { since: '2026-11-02T00:00:00.000Z', until: '2026-11-09T00:00:00.000Z' }, ['a-2', 'a-1']],
        ['the newest two', { limit: 2 }, ['a-3', 'a-2']],
        ['an empty window', { since: '2026-12-01T00:00:00.000Z' }, []],
      ])('returns %s', (_, options, ids) => {
        expect(store.assessments('T-acme', options).map((a) => a.id)).toStrictEqual(ids);
      });

      it('round-trips every field, missing prices and the reassessment flag included', () => {
        const record = assessmentFixture({
          id: 'a-x',
          at: '2026-11-10T00:00:00.000Z',
          verdict: 'marginal',
          recommendedMonthlyUsd: null,
          alternativeMonthlyUsd: 4_905.123,
          reassessment: true,
        });
        store.recordAssessment(record);
        expect(store.assessments('T-acme', { limit: 1 })).toStrictEqual([record]);
      });

      it('refuses a second record with the same id', () => {
        expectStoreError(() => store.recordAssessment(assessmentFixture({ id: 'a-0' })), 'duplicate');
      });
    });

    describe('decisions: each conversation\'s latest assessment, for re-pricing', () => {
      beforeEach(() => {
        const rows: Partial<AssessmentRecord>[] = [
          { id: 'ann-1', conversationId: 'ann', at: '2026-11-02T09:00:00.000Z' },
          { id: 'ann-2', conversationId: 'ann', at: '2026-11-03T09:00:00.000Z', reassessment: true, facts: { description: 'resize images', memoryMb: 2048 } },
          { id: 'bob-1', conversationId: 'bob', at: '2026-11-01T09:00:00.000Z', facts: null, catalogAsOf: null },
          { id: 'zed-1', conversationId: 'zed', workspace: 'T-zed', at: '2026-10-01T09:00:00.000Z' },
          { id: 'old-1', conversationId: 'old', workspace: 'T-old', at: '2026-11-04T09:00:00.000Z' },
        ];
        for (const row of rows) store.recordAssessment(assessmentFixture(row));
      });

      it.each<[string, Parameters<ConversationStore['decisions']>[0], string[]]>([
        ['every workspace, workspace by workspace, oldest first', undefined, ['bob-1', 'ann-2', 'old-1', 'zed-1']],
        ['one workspace', { workspace: 'T-acme' }, ['bob-1', 'ann-2']],
        ['a workspace with none', { workspace: 'T-none' }, []],
      ])('reads %s', (_, options, ids) => {
        expect([...store.decisions(options)].map((d) => d.id)).toStrictEqual(ids);
      });

      it('keeps the facts they were assessed from, and null where none were kept', () => {
        const [bob, ann] = [...store.decisions({ workspace: 'T-acme' })];
        expect([ann?.facts, ann?.catalogAsOf]).toStrictEqual([{ description: 'resize images', memoryMb: 2048 }, '2026-11-01']);
        expect([bob?.facts, bob?.catalogAsOf]).toStrictEqual([null, null]);
      });
    });

    describe('workspace isolation: another workspace sees and touches nothing', () => {
      beforeEach(() => {
        store.create(conversationFixture());
        store.appendTurn('T-acme', turnFixture());
        store.recordAssessment(assessmentFixture());
      });

      it.each<[string, () => unknown, unknown]>([
        ['get', () => store.get('T-rival', 'c-1'), null],
        ['findByThread', () => store.findByThread({ ...conversationFixture().key, workspace: 'T-rival' }), null],
        ['turns', () => store.turns('T-rival', 'c-1'), []],
        ['list', () => store.list('T-rival'), []],
        ['list by channel', () => store.list('T-rival', { channel: 'C-eng' }), []],
        ['assessments', () => store.assessments('T-rival'), []],
      ])('%s returns nothing', (_, read, nothing) => {
        expect(read()).toStrictEqual(nothing);
      });

      it('appendTurn fails with not-found and adds no turn', () => {
        expectStoreError(() => store.appendTurn('T-rival', turnFixture({ text: 'injected' })), 'not-found');
        expect(store.turns('T-acme', 'c-1').map((t) => t.text)).toStrictEqual([turnFixture().text]);
      });

      it('save fails with not-found and changes nothing', () => {
        expectStoreError(
          () => store.save(conversationFixture({ key: { workspace: 'T-rival' }, status: 'complete', facts: {} })),
          'not-found',
        );
        expect(store.get('T-acme', 'c-1')).toStrictEqual(conversationFixture());
      });

      it('the same channel and thread names in two workspaces stay apart', () => {
        store.create(conversationFixture({ id: 'c-rival', key: { workspace: 'T-rival' }, facts: { description: 'theirs' } }));
        expect(store.findByThread(conversationFixture().key)?.id).toBe('c-1');
        expect(store.list('T-rival').map((item) => item.id)).toStrictEqual(['c-rival']);
        expect(store.list('T-acme').map((item) => item.id)).toStrictEqual(['c-1']);
      });
    });

    describe('transaction', () => {
      it('returns what the work returns, with its writes kept', () => {
        const result = store.transaction(() => {
          store.create(conversationFixture());
          return store.appendTurn('T-acme', turnFixture()).seq;
        });
        expect(result).toBe(1);
        expect(store.turns('T-acme', 'c-1')).toHaveLength(1);
      });

      it('lands nothing when the work throws, and rethrows the error', () => {
        const failure = new Error('renderer exploded');
        expect(() =>
          store.transaction(() => {
            store.create(conversationFixture());
            store.appendTurn('T-acme', turnFixture());
            store.recordAssessment(assessmentFixture());
            ledger.claim('slack', 'T-acme', 'Ev-1', '2026-11-02T09:00:00.000Z');
            throw failure;
          }),
        ).toThrow(failure);
        expect(store.get('T-acme', 'c-1')).toBeNull();
        expect(store.turns('T-acme', 'c-1')).toStrictEqual([]);
        expect(store.assessments('T-acme')).toStrictEqual([]);
        // The claim was rolled back too, so a retry of that delivery is processed.
        expect(ledger.claim('slack', 'T-acme', 'Ev-1', '2026-11-02T09:00:00.000Z')).toBe(true);
      });

      it('nests: an inner failure caught by the outer work undoes only the inner writes', () => {
        store.transaction(() => {
          store.create(conversationFixture());
          try {
            store.transaction(() => {
              store.appendTurn('T-acme', turnFixture({ text: 'inner' }));
              throw new Error('inner fails');
            });
          } catch {
            // expected: the outer work carries on without the inner writes
          }
          store.appendTurn('T-acme', turnFixture({ text: 'outer' }));
        });
        expect(store.turns('T-acme', 'c-1').map((t) => [t.seq, t.text])).toStrictEqual([[1, 'outer']]);
      });

      it('nests: an outer failure undoes inner writes that had succeeded', () => {
        expect(() =>
          store.transaction(() => {
            store.transaction(() => store.create(conversationFixture()));
            throw new Error('outer fails');
          }),
        ).toThrow('outer fails');
        expect(store.get('T-acme', 'c-1')).toBeNull();
      });
    });

    describe('DeliveryLedger', () => {
      it('claims an id once: true, then false on every repeat', () => {
        const claims = [1, 2, 3].map(() => ledger.claim('slack', 'T-acme', 'Ev-1', '2026-11-02T09:00:00.000Z'));
        expect(claims).toStrictEqual([true, false, false]);
      });

      it.each<[string, [string, string, string]]>([
        ['another workspace', ['slack', 'T-rival', 'Ev-1']],
        ['another platform', ['discord', 'T-acme', 'Ev-1']],
        ['another id', ['slack', 'T-acme', 'Ev-2']],
      ])('treats the same id in %s as a different delivery', (_, [platform, workspace, id]) => {
        expect(ledger.claim('slack', 'T-acme', 'Ev-1', '2026-11-02T09:00:00.000Z')).toBe(true);
        expect(ledger.claim(platform, workspace, id, '2026-11-02T09:00:01.000Z')).toBe(true);
        expect(ledger.claim(platform, workspace, id, '2026-11-02T09:00:02.000Z')).toBe(false);
      });

      it('keeps claimed work until it is complete, and lists only what is unfinished since a time', () => {
        const command = { kind: 'command', text: 'resize images on upload', responseUrl: 'https://hooks.example/1' };
        expect(ledger.claimWork('slack', 'T-acme', 'command:1', '2026-11-02T09:00:00.000Z', command)).toBe(true);
        expect(ledger.claimWork('slack', 'T-acme', 'command:1', '2026-11-02T09:00:01.000Z', command)).toBe(false);
        expect(ledger.claim('slack', 'T-acme', 'command:1', '2026-11-02T09:00:01.000Z')).toBe(false);
        ledger.claimWork('slack', 'T-acme', 'command:2', '2026-11-02T09:05:00.000Z', { kind: 'command', text: 'two' });
        ledger.claimWork('slack', 'T-acme', 'command:old', '2026-11-02T08:00:00.000Z', { kind: 'command', text: 'too old' });
        ledger.claimWork('discord', 'T-acme', 'command:3', '2026-11-02T09:06:00.000Z', { kind: 'command', text: 'other platform' });
        ledger.claim('slack', 'T-acme', 'event:no-payload', '2026-11-02T09:07:00.000Z');

        expect(ledger.unfinished('slack', '2026-11-02T08:30:00.000Z')).toStrictEqual([
          { workspace: 'T-acme', deliveryId: 'command:1', at: '2026-11-02T09:00:00.000Z', payload: command },
          { workspace: 'T-acme', deliveryId: 'command:2', at: '2026-11-02T09:05:00.000Z', payload: { kind: 'command', text: 'two' } },
        ]);
        ledger.complete('slack', 'T-acme', 'command:1', '2026-11-02T09:00:02.000Z');
        expect(ledger.unfinished('slack', '2026-11-02T08:30:00.000Z').map((u) => u.deliveryId)).toStrictEqual(['command:2']);
      });
    });
  });
}
