import type { DeliveryLedger, NewInboxEntry } from '../core/ports.js';
import { whileBusy, type Patience } from './while-busy.js';

// Group commit for the inbox: the deliveries that arrive within one turn of
// the event loop are written in one transaction (each still its own insert),
// then each is acknowledged. Under load one commit serves many requests,
// which is most of what writing a delivery down costs; alone, a delivery
// waits for nothing but the end of the current turn.

export interface InboxWriter {
  /** Resolves once the entry is on disk: true, or false when it was already there (a retry). Rejects when it could not be written. */
  put(entry: NewInboxEntry): Promise<boolean>;
}

/** More than this in one turn starts another transaction: a commit never waits on an unbounded batch. */
const MOST_PER_COMMIT = 256;

interface Waiting {
  entry: NewInboxEntry;
  resolve: (first: boolean) => void;
  reject: (error: unknown) => void;
}

export function createInboxWriter(ledger: DeliveryLedger, patience: Patience): InboxWriter {
  let batch: Waiting[] = [];

  async function flush(waiting: Waiting[]): Promise<void> {
    try {
      const answers = await whileBusy(() => ledger.enqueueAll(waiting.map((w) => w.entry)), patience);
      waiting.forEach((w, i) => w.resolve(answers[i] === true));
    } catch (error) {
      for (const w of waiting) w.reject(error);
    }
  }

  return {
    put(entry) {
      return new Promise<boolean>((resolve, reject) => {
        if (batch.length === 0) {
          setImmediate(() => {
            const taken = batch;
            batch = [];
            for (let i = 0; i < taken.length; i += MOST_PER_COMMIT) void flush(taken.slice(i, i + MOST_PER_COMMIT));
          });
        }
        batch.push({ entry, resolve, reject });
      });
    },
  };
}
