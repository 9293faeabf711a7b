import { StorageUnavailable, type DeliveryLedger, type DeliveryRef } from '../core/ports.js';
import type { Logger } from '../logger.js';
import { diedOnThisHost } from './replica-id.js';

// Replicas sharing one database share its inbox: an entry is worked by the
// replica that holds its lease, and a lane whose entry another live replica
// holds is left to that replica, so each conversation still goes one entry at
// a time, in order. A lease lasts `leaseMs` and is renewed while the work goes
// on; a replica killed mid-work stops renewing, and once its leases lapse
// another replica takes the entries over, continuing from the effects the
// journal recorded. A replica shutting down hands back what it did not finish.

export interface InboxLeasesOptions {
  ledger: DeliveryLedger;
  platform: string;
  /** This process among the replicas: unique per running process. */
  holder: string;
  now: () => Date;
  /** How long a lease lasts unless renewed; a killed replica's work waits this long before another takes it. */
  leaseMs: number;
  logger: Logger;
  /** Whether a process id runs on this host; the operating system's answer unless a test gives one. */
  processRuns?: (pid: number) => boolean;
}

/** This replica's lease on a delivery went to another replica (this one stalled past it): its work must stop here. */
export class LeaseLost extends Error {
  override readonly name = 'LeaseLost';
}

export interface InboxLeases {
  /** True when this replica now holds the entry and may work it; false when another has it (or it is done). */
  take(entry: DeliveryRef): Promise<boolean>;
  /** The entry's work is over here; when it stopped short (`complete` false), any replica may take it at once. */
  finished(entry: DeliveryRef, complete: boolean): Promise<void>;
  /**
   * Resolves when this replica still holds the entry; rejects with LeaseLost
   * when another took it over. Called before each outward step of the work,
   * it asks the database only when the last confirmation is a third of a
   * lease old, so a replica that stalled longer than its lease stops instead
   * of posting beside the one that took over.
   */
  confirm(entry: DeliveryRef): Promise<void>;
  /** Extends every lease this replica holds by another `leaseMs`. */
  renew(): Promise<void>;
  /** Hands back every unfinished entry this replica holds (a shutdown); resolves with how many. */
  releaseAll(): Promise<number>;
  /** At start: hands back what replicas that ran on this host and are gone still hold; resolves with how many entries. */
  reclaimFromTheDead(): Promise<number>;
}

export function createInboxLeases(options: InboxLeasesOptions): InboxLeases {
  const { ledger, platform, holder, logger } = options;
  /** The entries this replica holds -> when (epoch ms) the database last said so. */
  const held = new Map<string, number>();
  const keyOf = (entry: DeliveryRef) => `${entry.workspace}\u0000${entry.deliveryId}`;
  const lease = async (entry: DeliveryRef): Promise<boolean> => {
    const asked = options.now().getTime();
    const taken = await ledger.lease({ ...entry, platform, holder, now: new Date(asked).toISOString(), until: new Date(asked + options.leaseMs).toISOString() });
    if (taken) held.set(keyOf(entry), asked);
    return taken;
  };
  const complain = (what: string, error: unknown, extra: Record<string, unknown> = {}) => {
    if (error instanceof StorageUnavailable) logger.warn(`${platform}: ${what}`, { reason: error.reason, ...extra });
    else logger.error(`${platform}: ${what}`, { error, ...extra });
  };

  return {
    async take(entry) {
      try {
        return await lease(entry);
      } catch (error) {
        // Not taken this time: the entry stays where it is for the next look, here or on another replica.
        complain('could not lease an inbox entry; it is looked at again shortly', error, { deliveryId: entry.deliveryId });
        return false;
      }
    },
    async finished(entry, complete) {
      held.delete(keyOf(entry));
      if (complete) return;
      try {
        await ledger.releaseLease(entry, holder);
      } catch (error) {
        // The lease then simply lapses.
        complain('could not hand an inbox entry back; its lease lapses instead', error, { deliveryId: entry.deliveryId });
      }
    },
    async confirm(entry) {
      const confirmedAt = held.get(keyOf(entry));
      if (confirmedAt !== undefined && options.now().getTime() - confirmedAt < options.leaseMs / 3) return;
      // A failure to ask (a busy database) is not a lost lease: the work's own writes meet the same database next.
      if (!(await lease(entry).catch(() => true))) {
        held.delete(keyOf(entry));
        throw new LeaseLost(`another replica took over ${entry.deliveryId} after this one's lease lapsed`);
      }
    },
    async renew() {
      try {
        const asked = options.now().getTime();
        const holding = held.size;
        const renewed = await ledger.renewLeases(platform, holder, new Date(asked + options.leaseMs).toISOString());
        // Every entry renewed: all are confirmed. Fewer: some went to another replica, and each entry finds out for itself.
        if (renewed === holding && held.size === holding) for (const key of held.keys()) held.set(key, asked);
      } catch (error) {
        complain('could not renew the inbox leases; trying again shortly', error);
      }
    },
    async reclaimFromTheDead() {
      try {
        const gone = (await ledger.leaseHolders(platform)).filter((other) => diedOnThisHost(other, holder, options.processRuns));
        let entries = 0;
        for (const other of gone) entries += await ledger.releaseLeases(platform, other);
        if (entries > 0) logger.info(`${platform}: took back the inbox entries of a stopped process on this host`, { holders: gone, entries });
        return entries;
      } catch (error) {
        complain('could not look for the leases of stopped processes; they lapse instead', error);
        return 0;
      }
    },
    async releaseAll() {
      try {
        return await ledger.releaseLeases(platform, holder);
      } catch (error) {
        logger.warn(`${platform}: could not hand back the unfinished inbox entries; another replica takes them once their leases lapse`, {
          error: error instanceof Error ? error.message : String(error),
        });
        return 0;
      }
    },
  };
}

/** Starts a repeating call; returns how to stop it. */
export type Repeat = (everyMs: number, tick: () => void) => () => void;

export const systemRepeat: Repeat = (everyMs, tick) => {
  const handle = setInterval(tick, everyMs);
  handle.unref();
  return () => clearInterval(handle);
};

/**
 * While running: renews this replica's leases three times per lease (one
 * missed renewal never lets a lease lapse), and after each renewal has the
 * workers look again, so lanes another replica held, or entries whose
 * replica died, are taken up without waiting for a new delivery here.
 */
export function keepLeases(leases: Pick<InboxLeases, 'renew'>, options: { leaseMs: number; look: () => void; repeat?: Repeat }): () => void {
  let renewing = false;
  return (options.repeat ?? systemRepeat)(Math.max(1, Math.floor(options.leaseMs / 3)), () => {
    // A slow database never stacks renewals up.
    if (renewing) return;
    renewing = true;
    void leases.renew().finally(() => {
      renewing = false;
      options.look();
    });
  });
}
