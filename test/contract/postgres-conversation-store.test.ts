import { expect, it } from 'vitest';
import type { NewTurn } from '../../src/core/conversation.js';
import { createPostgresConversationStore } from '../../src/store/postgres/conversation-store.js';
import { createPostgresDeliveryLedger } from '../../src/store/postgres/delivery-ledger.js';
import { describePostgres } from '../helpers/postgres.js';
import { usePostgresForTests } from '../helpers/postgres-stores.js';
import { assessmentFixture, conversationFixture, conversationStoreContract } from './conversation-store.contract.js';

describePostgres('Postgres conversation store', () => {
  const pg = usePostgresForTests();

  conversationStoreContract('Postgres', async () => {
    const { sql } = await pg.empty();
    return { store: createPostgresConversationStore(sql), ledger: createPostgresDeliveryLedger(sql), close: () => undefined };
  });

  const turn = (text: string): NewTurn => ({ conversationId: 'c-1', at: '2026-11-02T09:01:00.000Z', role: 'user', kind: 'message', actor: 'U-ann', text, payload: null });

  it('numbers turns 1..n without gaps or repeats when two replicas append to one conversation at once', async () => {
    const a = createPostgresConversationStore((await pg.empty()).sql);
    const b = createPostgresConversationStore((await pg.another()).sql);
    await a.create(conversationFixture());
    const appended = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).appendTurn('T-acme', turn(`turn ${i}`))));
    expect(appended.map((t) => t.seq).sort((x, y) => x - y)).toStrictEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const stored = await b.turns('T-acme', 'c-1');
    expect(stored.map((t) => t.seq)).toStrictEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // Each caller was told the number its turn was stored under.
    expect(new Map(stored.map((t) => [t.text, t.seq]))).toStrictEqual(new Map(appended.map((t) => [t.text, t.seq])));
  });

  it('keeps a transaction usable after a refused duplicate, as SQLite does', async () => {
    const store = createPostgresConversationStore((await pg.empty()).sql);
    await store.transaction(async () => {
      await store.create(conversationFixture());
      await expect(store.create(conversationFixture())).rejects.toMatchObject({ code: 'duplicate' });
      await store.recordAssessment(assessmentFixture());
      await expect(store.recordAssessment(assessmentFixture())).rejects.toMatchObject({ code: 'duplicate' });
      await store.appendTurn('T-acme', turn('still here'));
    });
    expect((await store.turns('T-acme', 'c-1')).map((t) => t.text)).toStrictEqual(['still here']);
    expect(await store.assessments('T-acme')).toHaveLength(1);
  });

  it('breaks ties in time by insertion order, as SQLite does by rowid', async () => {
    const store = createPostgresConversationStore((await pg.empty()).sql);
    const at = '2026-11-02T09:00:00.000Z';
    for (const id of ['z', 'a', 'm']) await store.create(conversationFixture({ id, createdAt: at, updatedAt: at, key: { thread: 'same' } }));
    for (const id of ['a-z', 'a-a']) await store.recordAssessment(assessmentFixture({ id, at }));
    expect((await store.findByThread({ platform: 'slack', workspace: 'T-acme', channel: 'C-eng', thread: 'same' }))?.id).toBe('m');
    expect((await store.list('T-acme')).map((item) => item.id)).toStrictEqual(['m', 'a', 'z']);
    expect((await store.assessments('T-acme')).map((a) => a.id)).toStrictEqual(['a-a', 'a-z']);
    const decisions = [];
    for await (const decision of store.decisions({ workspace: 'T-acme' })) decisions.push(decision.id);
    expect(decisions).toStrictEqual(['a-a']);
  });
});
