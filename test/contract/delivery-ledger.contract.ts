import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryLedger, DeliveryRef } from '../../src/core/ports.js';

// What every DeliveryLedger must do with the effects of a delivery's work,
// so that a replay after a crash continues instead of repeating. Run it from
// a *.test.ts file with a factory that opens a fresh, empty ledger.

export interface LedgerUnderTest {
  ledger: DeliveryLedger;
  close(): void;
}

const AT = '2026-11-02T09:00:00.000Z';
const command: DeliveryRef = { platform: 'slack', workspace: 'T-acme', deliveryId: 'command:1' };

export function deliveryLedgerContract(name: string, open: () => LedgerUnderTest): void {
  describe(`DeliveryLedger effects: ${name}`, () => {
    let subject: LedgerUnderTest;
    let ledger: DeliveryLedger;
    beforeEach(() => {
      subject = open();
      ledger = subject.ledger;
      ledger.claimWork(command.platform, command.workspace, command.deliveryId, AT, { kind: 'command', text: 'resize images' });
    });
    afterEach(() => subject.close());

    it('has none for work not yet started', () => {
      expect(ledger.effects(command)).toStrictEqual([]);
    });

    it('keeps a begun step without a result, then its result once recorded', () => {
      ledger.beginEffect(command, 'post#1', AT);
      expect(ledger.effects(command)).toStrictEqual([{ step: 'post#1', state: 'begun', result: null, at: AT }]);
      ledger.recordEffect(command, 'post#1', { ok: true, ts: '1700000000.000100' }, '2026-11-02T09:00:01.000Z');
      expect(ledger.effects(command)).toStrictEqual([{ step: 'post#1', state: 'done', result: { ok: true, ts: '1700000000.000100' }, at: '2026-11-02T09:00:01.000Z' }]);
    });

    it.each<[string, unknown]>([
      ['an object', { kind: 'question', conversationId: 'c-1', question: { id: 'traffic', choices: ['a', 'b'] } }],
      ['an array', [1, 'two', { three: 3 }]],
      ['a string', 'ok'],
      ['a number', 42.5],
      ['true', true],
      ['null', null],
    ])('gives back %s as it was recorded', (_name, result) => {
      ledger.recordEffect(command, 'advice#1', result, AT);
      expect(ledger.effects(command)[0]?.result).toStrictEqual(result);
    });

    it('keeps each delivery to itself', () => {
      const other: DeliveryRef = { ...command, deliveryId: 'command:2' };
      ledger.claimWork(other.platform, other.workspace, other.deliveryId, AT, {});
      ledger.recordEffect(command, 'post#1', 'mine', AT);
      ledger.recordEffect(other, 'post#1', 'theirs', AT);
      expect(ledger.effects(command).map((e) => e.result)).toStrictEqual(['mine']);
      expect(ledger.effects({ ...command, workspace: 'T-other' })).toStrictEqual([]);
      expect(ledger.effects({ ...command, platform: 'discord' })).toStrictEqual([]);
    });

    it('recordWith keeps the work and its record together', () => {
      const result = ledger.recordWith(command, 'advice#1', AT, () => {
        ledger.claim('slack', 'T-acme', 'event:inside', AT);
        return { conversationId: 'c-1' };
      });
      expect(result).toStrictEqual({ conversationId: 'c-1' });
      expect(ledger.effects(command).map((e) => [e.step, e.state, e.result])).toStrictEqual([['advice#1', 'done', { conversationId: 'c-1' }]]);
      expect(ledger.claim('slack', 'T-acme', 'event:inside', AT)).toBe(false);
    });

    it('recordWith keeps neither when the work fails', () => {
      expect(() =>
        ledger.recordWith(command, 'advice#1', AT, () => {
          ledger.claim('slack', 'T-acme', 'event:inside', AT);
          throw new Error('advisor failed');
        }),
      ).toThrow('advisor failed');
      expect(ledger.effects(command)).toStrictEqual([]);
      expect(ledger.claim('slack', 'T-acme', 'event:inside', AT)).toBe(true);
    });

    it('forgets the payload and the effects once the work is complete, and still refuses a repeat', () => {
      ledger.recordEffect(command, 'post#1', { ok: true }, AT);
      ledger.complete(command.platform, command.workspace, command.deliveryId, AT);
      expect(ledger.effects(command)).toStrictEqual([]);
      expect(ledger.unfinished('slack', '2026-11-01T00:00:00.000Z')).toStrictEqual([]);
      expect(ledger.claimWork(command.platform, command.workspace, command.deliveryId, AT, {})).toBe(false);
    });
  });
}
