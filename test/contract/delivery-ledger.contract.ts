import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryLedger, DeliveryRef, NewInboxEntry } from '../../src/core/ports.js';

// What every DeliveryLedger must do with the effects of a delivery's work,
// so that a replay after a crash continues instead of repeating, and with its
// inbox, so that what was acknowledged is worked once, in arrival order. Run
// it from a *.test.ts file with a factory that opens a fresh, empty ledger.

export interface LedgerUnderTest {
  ledger: DeliveryLedger;
  close(): unknown;
}

const AT = '2026-11-02T09:00:00.000Z';
const command: DeliveryRef = { platform: 'slack', workspace: 'T-acme', deliveryId: 'command:1' };

export function deliveryLedgerContract(name: string, open: () => LedgerUnderTest | Promise<LedgerUnderTest>): void {
  describe(`DeliveryLedger effects: ${name}`, () => {
    let subject: LedgerUnderTest;
    let ledger: DeliveryLedger;
    beforeEach(async () => {
      subject = await open();
      ledger = subject.ledger;
      await ledger.claimWork(command.platform, command.workspace, command.deliveryId, AT, { kind: 'command', text: 'resize images' });
    });
    afterEach(async () => {
      await subject.close();
    });

    it('has none for work not yet started', async () => {
      expect(await ledger.effects(command)).toStrictEqual([]);
    });

    it('keeps a begun step without a result, then its result once recorded', async () => {
      await ledger.beginEffect(command, 'post#1', AT);
      expect(await ledger.effects(command)).toStrictEqual([{ step: 'post#1', state: 'begun', result: null, at: AT }]);
      await ledger.recordEffect(command, 'post#1', { ok: true, ts: '1700000000.000100' }, '2026-11-02T09:00:01.000Z');
      expect(await ledger.effects(command)).toStrictEqual([{ step: 'post#1', state: 'done', result: { ok: true, ts: '1700000000.000100' }, at: '2026-11-02T09:00:01.000Z' }]);
    });

    it.each<[string, unknown]>([
      ['an object', { kind: 'question', conversationId: 'c-1', question: { id: 'traffic', choices: ['a', 'b'] } }],
      ['an array', [1, 'two', { three: 3 }]],
      ['a string', 'ok'],
      ['a number', 42.5],
      ['true', true],
      ['null', null],
    ])('gives back %s as it was recorded', async (_name, result) => {
      await ledger.recordEffect(command, 'advice#1', result, AT);
      expect((await ledger.effects(command))[0]?.result).toStrictEqual(result);
    });

    it('keeps each delivery to itself', async () => {
      const other: DeliveryRef = { ...command, deliveryId: 'command:2' };
      await ledger.claimWork(other.platform, other.workspace, other.deliveryId, AT, {});
      await ledger.recordEffect(command, 'post#1', 'mine', AT);
      await ledger.recordEffect(other, 'post#1', 'theirs', AT);
      expect((await ledger.effects(command)).map((e) => e.result)).toStrictEqual(['mine']);
      expect(await ledger.effects({ ...command, workspace: 'T-other' })).toStrictEqual([]);
      expect(await ledger.effects({ ...command, platform: 'discord' })).toStrictEqual([]);
    });

    it('recordWith keeps the work and its record together', async () => {
      const result = await ledger.recordWith(command, 'advice#1', AT, async () => {
        await ledger.claim('slack', 'T-acme', 'event:inside', AT);
        return { conversationId: 'c-1' };
      });
      expect(result).toStrictEqual({ conversationId: 'c-1' });
      expect((await ledger.effects(command)).map((e) => [e.step, e.state, e.result])).toStrictEqual([['advice#1', 'done', { conversationId: 'c-1' }]]);
      expect(await ledger.claim('slack', 'T-acme', 'event:inside', AT)).toBe(false);
    });

    it('recordWith keeps neither when the work fails', async () => {
      await expect(
        ledger.recordWith(command, 'advice#1', AT, async () => {
          await ledger.claim('slack', 'T-acme', 'event:inside', AT);
          throw new Error('advisor failed');
        }),
      ).rejects.toThrow('advisor failed');
      expect(await ledger.effects(command)).toStrictEqual([]);
      expect(await ledger.claim('slack', 'T-acme', 'event:inside', AT)).toBe(true);
    });

    it('forgets the payload and the effects once the work is complete, and still refuses a repeat', async () => {
      await ledger.recordEffect(command, 'post#1', { ok: true }, AT);
      await ledger.complete(command.platform, command.workspace, command.deliveryId, AT);
      expect(await ledger.effects(command)).toStrictEqual([]);
      expect(await ledger.unfinished('slack', '2026-11-01T00:00:00.000Z')).toStrictEqual([]);
      expect(await ledger.claimWork(command.platform, command.workspace, command.deliveryId, AT, {})).toBe(false);
    });
  });

  describe(`DeliveryLedger inbox: ${name}`, () => {
    let subject: LedgerUnderTest;
    let ledger: DeliveryLedger;
    beforeEach(async () => {
      subject = await open();
      ledger = subject.ledger;
    });
    afterEach(async () => {
      await subject.close();
    });

    const entry = (deliveryId: string, lane: string, at = AT, more: Partial<NewInboxEntry> = {}): NewInboxEntry => ({
      platform: 'slack',
      workspace: 'T-acme',
      deliveryId,
      at,
      lane,
      payload: { kind: 'message', text: deliveryId },
      raw: { type: 'event_callback', event_id: deliveryId },
      ...more,
    });
    const everything = { since: '2026-01-01T00:00:00.000Z', afterSeq: 0, limit: 100 };
    const waitingIds = async (options = everything) => (await ledger.waiting('slack', options)).map((e) => e.deliveryId);

    it('keeps what arrived, with its lane, its work and the request as it came', async () => {
      expect(await ledger.enqueue(entry('event:1', 'T-acme/C1/100.1'))).toBe(true);
      const [kept] = await ledger.waiting('slack', everything);
      expect(kept).toMatchObject({
        workspace: 'T-acme',
        deliveryId: 'event:1',
        lane: 'T-acme/C1/100.1',
        at: AT,
        payload: { kind: 'message', text: 'event:1' },
        raw: { type: 'event_callback', event_id: 'event:1' },
      });
      expect(kept?.seq).toBeGreaterThan(0);
    });

    it('refuses a retry of the same delivery at the insert, and keeps the first', async () => {
      expect(await ledger.enqueue(entry('command:1', 'lane-a'))).toBe(true);
      expect(await ledger.enqueue(entry('command:1', 'lane-b', '2026-11-02T09:00:05.000Z', { payload: 'retry' }))).toBe(false);
      expect((await ledger.waiting('slack', everything)).map((e) => [e.deliveryId, e.lane, e.payload])).toStrictEqual([['command:1', 'lane-a', { kind: 'message', text: 'command:1' }]]);
    });

    it('writes several at once, each answered in order, a repeat within them refused', async () => {
      await ledger.enqueue(entry('event:0', 'lane-1'));
      expect(await ledger.enqueueAll([entry('event:1', 'lane-1'), entry('event:0', 'lane-1'), entry('event:2', 'lane-2'), entry('event:1', 'lane-1')])).toStrictEqual([true, false, true, false]);
      expect(await waitingIds()).toStrictEqual(['event:0', 'event:1', 'event:2']);
      expect(await ledger.enqueueAll([])).toStrictEqual([]);
    });

    it('refuses a delivery already claimed the older way, and one already done', async () => {
      await ledger.claimWork('slack', 'T-acme', 'command:old', AT, {});
      expect(await ledger.enqueue(entry('command:old', 'lane-a'))).toBe(false);
      await ledger.enqueue(entry('command:done', 'lane-a'));
      await ledger.complete('slack', 'T-acme', 'command:done', AT);
      expect(await ledger.enqueue(entry('command:done', 'lane-a'))).toBe(false);
      expect(await waitingIds()).toStrictEqual([]);
    });

    it('lists entries in arrival order, whatever their timestamps say', async () => {
      // Clocks of different processes may disagree; the order of arrival is what counts.
      await ledger.enqueue(entry('event:b', 'lane-1', '2026-11-02T09:00:02.000Z'));
      await ledger.enqueue(entry('event:a', 'lane-2', '2026-11-02T09:00:01.000Z'));
      await ledger.enqueue(entry('event:c', 'lane-1', '2026-11-02T09:00:01.500Z'));
      expect(await waitingIds()).toStrictEqual(['event:b', 'event:a', 'event:c']);
      const seqs = (await ledger.waiting('slack', everything)).map((e) => e.seq);
      expect([...seqs].sort((x, y) => x - y)).toStrictEqual(seqs);
    });

    it.each([
      ['after the first', (seqs: number[]) => ({ ...everything, afterSeq: seqs[0]! }), ['event:2', 'event:3', 'event:4']],
      ['two at a time', () => ({ ...everything, limit: 2 }), ['event:1', 'event:2']],
      ['two, after the second', (seqs: number[]) => ({ ...everything, afterSeq: seqs[1]!, limit: 2 }), ['event:3', 'event:4']],
      ['received since 09:00:02', () => ({ ...everything, since: '2026-11-02T09:00:02.000Z' }), ['event:3', 'event:4']],
    ])('pages through what is waiting: %s', async (_name, options, expected) => {
      for (let i = 1; i <= 4; i += 1) await ledger.enqueue(entry(`event:${i}`, `lane-${i % 2}`, `2026-11-02T09:00:0${i - 1}.000Z`));
      const seqs = (await ledger.waiting('slack', everything)).map((e) => e.seq);
      expect(await waitingIds(options(seqs))).toStrictEqual(expected);
    });

    it('lists an entry until it is complete, and only for its platform', async () => {
      await ledger.enqueue(entry('event:1', 'lane-1'));
      await ledger.enqueue(entry('event:2', 'lane-1'));
      await ledger.enqueue(entry('event:3', 'lane-9', AT, { platform: 'discord' }));
      await ledger.complete('slack', 'T-acme', 'event:1', AT);
      expect(await waitingIds()).toStrictEqual(['event:2']);
      expect((await ledger.waiting('discord', everything)).map((e) => e.deliveryId)).toStrictEqual(['event:3']);
    });

    it('keeps the effects of an entry for its journal, like claimed work', async () => {
      await ledger.enqueue(entry('command:1', 'lane-1'));
      await ledger.recordEffect(command, 'post#1', { ok: true, ts: '1.1' }, AT);
      expect((await ledger.effects(command)).map((e) => e.result)).toStrictEqual([{ ok: true, ts: '1.1' }]);
      await ledger.complete('slack', 'T-acme', 'command:1', AT);
      expect(await ledger.effects(command)).toStrictEqual([]);
    });
  });
}
