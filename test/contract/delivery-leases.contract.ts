import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryLedger, DeliveryRef, NewInboxEntry } from '../../src/core/ports.js';

// What every DeliveryLedger must do with leases when two replicas share one
// database: an entry (and the rest of its lane) is worked by one replica at a
// time, a lapsed lease hands the work over, a shutdown hands it back at once.
// Run it from a *.test.ts file with a factory that opens two ledgers (two
// connections, as two processes would have) over one fresh, empty database.

export interface TwoReplicas {
  a: DeliveryLedger;
  b: DeliveryLedger;
  close(): Promise<void>;
}

const T0 = '2026-11-02T09:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const A = 'host-a:101:aaaa';
const B = 'host-b:202:bbbb';

const entry = (deliveryId: string, lane: string): NewInboxEntry => ({
  platform: 'slack',
  workspace: 'T-acme',
  deliveryId,
  at: T0,
  lane,
  payload: { kind: 'command', text: `${deliveryId} resize images` },
  raw: { command: '/serverless-fit' },
});
const ref = (deliveryId: string): DeliveryRef => ({ platform: 'slack', workspace: 'T-acme', deliveryId });
/** Asks for a lease of 30 s from `now` (seconds after T0). */
const lease = (ledger: DeliveryLedger, holder: string, deliveryId: string, now: number) =>
  ledger.lease({ ...ref(deliveryId), holder, now: at(now), until: at(now + 30) });

export function deliveryLeasesContract(name: string, open: () => Promise<TwoReplicas>): void {
  describe(`DeliveryLedger leases, two replicas: ${name}`, () => {
    let replicas: TwoReplicas;
    let a: DeliveryLedger;
    let b: DeliveryLedger;
    beforeEach(async () => {
      replicas = await open();
      ({ a, b } = replicas);
      // Two conversations: lane-1 has two entries (c1 then c3), lane-2 one (c2); arriving at either replica.
      expect(await a.enqueue(entry('c1', 'lane-1'))).toBe(true);
      expect(await b.enqueue(entry('c2', 'lane-2'))).toBe(true);
      expect(await b.enqueue(entry('c3', 'lane-1'))).toBe(true);
    });
    afterEach(() => replicas.close());

    it.each<[string, (a: DeliveryLedger, b: DeliveryLedger) => Promise<boolean>, boolean]>([
      ['B asks for the entry A holds', (a, b) => lease(a, A, 'c1', 0).then(() => lease(b, B, 'c1', 1)), false],
      ['B asks for it the moment A lease lapses', (a, b) => lease(a, A, 'c1', 0).then(() => lease(b, B, 'c1', 30)), true],
      ['B asks for it after A lease lapsed', (a, b) => lease(a, A, 'c1', 0).then(() => lease(b, B, 'c1', 45)), true],
      ['A asks again for its own entry (renewing it)', (a) => lease(a, A, 'c1', 0).then(() => lease(a, A, 'c1', 10)), true],
      ['B asks for the next entry of the lane A is working', (a, b) => lease(a, A, 'c1', 0).then(() => lease(b, B, 'c3', 1)), false],
      ['B asks for the next entry of that lane once A lease lapsed', (a, b) => lease(a, A, 'c1', 0).then(() => lease(b, B, 'c3', 31)), true],
      ['B asks for another lane while A works lane-1', (a, b) => lease(a, A, 'c1', 0).then(() => lease(b, B, 'c2', 1)), true],
      ['A asks for the next entry of its own lane', (a) => lease(a, A, 'c1', 0).then(() => lease(a, A, 'c3', 1)), true],
      ['B asks for an entry A completed', (a, b) => lease(a, A, 'c1', 0).then(() => a.complete('slack', 'T-acme', 'c1', at(5))).then(() => lease(b, B, 'c1', 6)), false],
      ['B asks for an entry nobody holds', (_a, b) => lease(b, B, 'c2', 0), true],
      ['B asks for a delivery that is not in the inbox', (_a, b) => lease(b, B, 'c9', 0), false],
    ])('%s', async (_case, scenario, expected) => {
      expect(await scenario(a, b)).toBe(expected);
    });

    it('keeps the order of a lane across replicas: its next entry goes to B only once A completed the one before', async () => {
      expect(await lease(a, A, 'c1', 0)).toBe(true);
      expect(await lease(b, B, 'c3', 1)).toBe(false);
      await a.complete('slack', 'T-acme', 'c1', at(2));
      expect(await lease(b, B, 'c3', 3)).toBe(true);
      // And now A, in turn, waits for B.
      expect(await lease(a, A, 'c3', 4)).toBe(false);
    });

    it('keeps a renewed lease past its first end, and renews only the holder own unfinished entries', async () => {
      expect(await lease(a, A, 'c1', 0)).toBe(true);
      expect(await lease(a, A, 'c2', 0)).toBe(true);
      await a.complete('slack', 'T-acme', 'c2', at(1));
      expect(await b.renewLeases('slack', A, at(60))).toBe(1);
      expect(await lease(b, B, 'c1', 45)).toBe(false);
      expect(await lease(b, B, 'c1', 60)).toBe(true);
      // A's lease was taken over: A renewing covers nothing any more.
      expect(await a.renewLeases('slack', A, at(90))).toBe(0);
      expect(await a.renewLeases('discord', B, at(90))).toBe(0);
    });

    it('hands back everything unfinished at a shutdown, so the other replica takes it at once', async () => {
      expect(await lease(a, A, 'c1', 0)).toBe(true);
      expect(await lease(a, A, 'c2', 0)).toBe(true);
      expect(await lease(b, B, 'c1', 1)).toBe(false);
      expect(await a.releaseLeases('slack', A)).toBe(2);
      expect(await lease(b, B, 'c1', 1)).toBe(true);
      expect(await lease(b, B, 'c2', 1)).toBe(true);
      // Nothing of B's was handed back by A's shutdown.
      expect(await a.releaseLeases('slack', A)).toBe(0);
      expect(await lease(a, A, 'c2', 2)).toBe(false);
    });

    it('names the holders of unfinished entries, lapsed leases included, each once', async () => {
      expect(await a.leaseHolders('slack')).toStrictEqual([]);
      expect(await lease(a, A, 'c1', 0)).toBe(true);
      expect(await lease(a, A, 'c3', 0)).toBe(true);
      expect(await lease(b, B, 'c2', 0)).toBe(true);
      expect(await b.leaseHolders('slack')).toStrictEqual([A, B]);
      await b.complete('slack', 'T-acme', 'c2', at(1));
      expect(await a.leaseHolders('slack')).toStrictEqual([A]);
      expect(await a.leaseHolders('discord')).toStrictEqual([]);
    });

    it('hands back one entry whose work stopped short, and only when the holder asks', async () => {
      expect(await lease(a, A, 'c1', 0)).toBe(true);
      await b.releaseLease(ref('c1'), B);
      expect(await lease(b, B, 'c1', 1)).toBe(false);
      await a.releaseLease(ref('c1'), A);
      expect(await lease(b, B, 'c1', 1)).toBe(true);
    });

    it('gives one entry asked for by both replicas at once to exactly one of them', async () => {
      const answers = await Promise.all(['c1', 'c2', 'c3'].flatMap((id) => [lease(a, A, id, 0), lease(b, B, id, 0)]));
      // c1 and c2 each to exactly one replica; c3 (behind c1 in its lane) never to both.
      expect(answers.slice(0, 2).filter(Boolean)).toHaveLength(1);
      expect(answers.slice(2, 4).filter(Boolean)).toHaveLength(1);
      expect(answers.slice(4, 6).filter(Boolean).length).toBeLessThan(2);
    });
  });
}
