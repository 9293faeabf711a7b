import type { DeliveryEffect, DeliveryLedger, DeliveryRef } from '../core/ports.js';
import { whileBusy, type Patience } from './while-busy.js';

// A delivery's work, step by step, recorded in the ledger as it goes: the
// advisor's answer (saved together with the conversation), each message posted
// and its id. Run again after a crash, the same work finds what was already
// done and continues from there instead of posting a second root message or
// starting a second conversation. Steps are named by kind and order ("post#2"),
// so the work must make the same calls in the same order given the same
// recorded results, which it does: everything it decides comes from them.

export interface Journal {
  readonly delivery: DeliveryRef;
  /** True when effects were already recorded: this run continues interrupted work. */
  readonly resuming: boolean;
  /**
   * Makes an outward call at most once per delivery and returns its result,
   * the recorded one on a replay. When the call may have happened without its
   * result being recorded (a crash in between), `lookup` asks the platform
   * whether it did; without `lookup` the call is simply made again (fine for
   * edits, which land the same way twice).
   */
  once<T>(kind: string, call: (step: string) => Promise<T>, options?: { lookup?: (step: string) => Promise<T | null> }): Promise<T>;
  /** Runs storage writes and records their result in one transaction, once per delivery. */
  atomically<T>(kind: string, work: () => Promise<T>): Promise<T>;
  /** The work is over: the delivery is marked done and its effects dropped. */
  finish(): Promise<void>;
}

/** Runs storage writes once per delivery and returns their (recorded) result: a journal's `atomically`. */
export type RecordStep = <T>(kind: string, work: () => Promise<T>) => Promise<T>;

export interface JournalDeps {
  ledger: DeliveryLedger;
  delivery: DeliveryRef;
  now: () => Date;
  /** How long a step waits for a database locked by another process. */
  patience: Patience;
  /** Runs before each step; rejects when this process may no longer do the work (another replica took it over). */
  fence?: () => Promise<void>;
}

export async function openJournal(deps: JournalDeps): Promise<Journal> {
  const { ledger, delivery, now, patience } = deps;
  const fence = deps.fence ?? (async () => undefined);
  const recorded = new Map<string, DeliveryEffect>();
  for (const effect of await whileBusy(() => ledger.effects(delivery), patience)) recorded.set(effect.step, effect);
  const counts = new Map<string, number>();
  const nextStep = (kind: string) => {
    const n = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, n);
    return `${kind}#${n}`;
  };
  const write = <T>(work: () => Promise<T>) => whileBusy(work, patience);
  const at = () => now().toISOString();

  return {
    delivery,
    resuming: recorded.size > 0,
    async once<T>(kind: string, call: (step: string) => Promise<T>, options: { lookup?: (step: string) => Promise<T | null> } = {}): Promise<T> {
      const step = nextStep(kind);
      const seen = recorded.get(step);
      if (seen?.state === 'done') return seen.result as T;
      await fence();
      if (seen?.state === 'begun' && options.lookup) {
        const found = await options.lookup(step);
        if (found !== null) {
          await write(() => ledger.recordEffect(delivery, step, found, at()));
          return found;
        }
      }
      if (options.lookup) await write(() => ledger.beginEffect(delivery, step, at()));
      const result = await call(step);
      await write(() => ledger.recordEffect(delivery, step, result, at()));
      return result;
    },
    async atomically<T>(kind: string, work: () => Promise<T>): Promise<T> {
      const step = nextStep(kind);
      const seen = recorded.get(step);
      if (seen?.state === 'done') return seen.result as T;
      await fence();
      return write(() => ledger.recordWith(delivery, step, at(), work));
    },
    async finish() {
      await write(() => ledger.complete(delivery.platform, delivery.workspace, delivery.deliveryId, at()));
    },
  };
}
