import { StorageUnavailable, type DeliveryLedger, type InboxEntry } from '../core/ports.js';
import type { Logger } from '../logger.js';
import type { InboxLeases } from './inbox-leases.js';

// Workers that take deliveries from the inbox (the ledger's waiting entries):
// one entry of a conversation (lane) at a time, in arrival order, and at most
// `width` lanes at once. Only the running entries are held in memory; the
// backlog stays in the database and is read a page at a time, so a flood of
// deliveries costs disk, not memory, and a restart simply picks up whatever
// is still waiting, oldest first.

export interface InboxWorkersOptions {
  ledger: DeliveryLedger;
  platform: string;
  /** How many conversations are worked at once. */
  width: number;
  /**
   * True while deliveries are being received and not yet acknowledged. While
   * they are (or while deliveries keep arriving, see `pauseCheckMs`), no new work
   * starts beyond `busyWidth` running entries, so the CPU goes to the
   * acknowledgements first and the backlog waits on disk.
   */
  receiving?: () => boolean;
  /** How many entries may run while deliveries arrive; default 2. */
  busyWidth?: number;
  /** Deliveries count as arriving until this long passes without one; default 20 ms. */
  pauseCheckMs?: number;
  /** Entries received before this are no longer answerable (their reply tokens expired) and are not taken. */
  since: () => string;
  /** Does an entry's work; resolves true once it is complete in the ledger, false when it is left waiting for the next start. */
  work: (entry: InboxEntry) => Promise<boolean>;
  logger: Logger;
  /** How long to wait before looking again when the database is busy; default 100 ms. */
  busyRetryMs?: number;
  /** With replicas on one database: an entry is started only once this replica holds its lease, and handed back when its work stops short. */
  leases?: Pick<InboxLeases, 'take' | 'finished'>;
}

export interface InboxWorkers {
  /** A delivery was written (or the process started): look for entries to take. Calls within one turn are merged. */
  wake(): void;
  /** Looks for entries to take without a new delivery here (another replica's lanes may have moved on). */
  poll(): void;
  /** Takes nothing new from now on; what is running goes on. */
  stop(): void;
  /** How many entries are being worked right now. */
  running(): number;
}

/** Entries read per query while looking for lanes to start. */
const PAGE = 100;
/**
 * How far into the backlog one look goes. Only a backlog whose first entries
 * all belong to the lanes already running (one very long thread) reaches it;
 * the entries behind wait until those lanes move on.
 */
const SCAN_LIMIT = 5_000;

export function createInboxWorkers(options: InboxWorkersOptions): InboxWorkers {
  const { ledger, platform, width, logger } = options;
  const busyRetryMs = options.busyRetryMs ?? 100;
  /** lane -> the seq being worked in it. */
  const running = new Map<string, number>();
  /** Entries worked in this process that stayed waiting: left for the next start, so they block nothing here. */
  const leftForNextStart = new Set<number>();
  let scheduled = false;
  /** A look is reading the inbox; another asked for meanwhile runs after it, never beside it. */
  let filling = false;
  let lookAgain = false;
  /** Entries finished while the current look was reading: its pages may still list them as waiting. */
  const finishedDuringLook = new Set<number>();
  let stopped = false;
  /** Deliveries have been arriving: the intake is busy, even between two requests. */
  let arriving = false;
  /** Whether one arrived since the pause check was armed. */
  let arrivedSinceCheck = false;
  let pauseCheck: NodeJS.Timeout | null = null;

  /** Ends `arriving` once a whole check interval passes without a delivery. */
  function checkForPause(): void {
    if (pauseCheck !== null) return;
    arrivedSinceCheck = false;
    pauseCheck = setTimeout(() => {
      pauseCheck = null;
      if (arrivedSinceCheck) return checkForPause();
      arriving = false;
      look();
    }, options.pauseCheckMs ?? 20);
    pauseCheck.unref();
  }

  function look(): void {
    if (stopped) return;
    if (filling) {
      lookAgain = true;
      return;
    }
    if (scheduled) return;
    scheduled = true;
    // Before the event loop moves on: an entry acknowledged just now is taken
    // before a shutdown signal can be handled, and the wake-ups of one batch
    // of acknowledgements are merged into one look.
    queueMicrotask(() => void fill());
  }

  async function fill(): Promise<void> {
    scheduled = false;
    if (stopped) return;
    filling = true;
    finishedDuringLook.clear();
    try {
      await fillFreeLanes();
    } finally {
      filling = false;
    }
    if (lookAgain) {
      lookAgain = false;
      look();
    }
  }

  async function fillFreeLanes(): Promise<void> {
    const busy = arriving || options.receiving?.() === true;
    const allowed = busy ? Math.min(width, options.busyWidth ?? 2) : width;
    let free = allowed - running.size;
    const seenLanes = new Set<string>();
    let afterSeq = 0;
    let scanned = 0;
    while (free > 0 && scanned < SCAN_LIMIT) {
      let page: InboxEntry[];
      try {
        page = await ledger.waiting(platform, { since: options.since(), afterSeq, limit: PAGE });
      } catch (error) {
        // Locked by another process, or failing: the entries are safe where they are; look again shortly.
        if (error instanceof StorageUnavailable) logger.warn(`${platform}: could not read the inbox; trying again shortly`, { reason: error.reason });
        else logger.error(`${platform}: could not read the inbox; trying again shortly`, { error });
        setTimeout(look, busyRetryMs).unref();
        return;
      }
      if (stopped) return;
      for (const entry of page) {
        scanned += 1;
        afterSeq = entry.seq;
        if (leftForNextStart.has(entry.seq) || finishedDuringLook.has(entry.seq)) continue;
        // The first waiting entry of a lane is its head; everything behind it waits for it.
        if (seenLanes.has(entry.lane)) continue;
        seenLanes.add(entry.lane);
        if (running.has(entry.lane)) continue;
        if (options.leases && !(await options.leases.take({ platform, workspace: entry.workspace, deliveryId: entry.deliveryId }))) continue;
        if (stopped) return;
        start(entry);
        free -= 1;
        if (free === 0) break;
      }
      if (page.length < PAGE) break;
    }
  }

  function start(entry: InboxEntry): void {
    running.set(entry.lane, entry.seq);
    void options
      .work(entry)
      .catch((error: unknown) => {
        logger.error(`${platform}: an inbox entry failed; it is left for the next start`, { error, deliveryId: entry.deliveryId });
        return false;
      })
      .then((complete) => {
        if (!complete) leftForNextStart.add(entry.seq);
        void options.leases?.finished({ platform, workspace: entry.workspace, deliveryId: entry.deliveryId }, complete);
        if (filling) finishedDuringLook.add(entry.seq);
        running.delete(entry.lane);
        look();
      });
  }

  return {
    wake() {
      arriving = true;
      arrivedSinceCheck = true;
      checkForPause();
      look();
    },
    poll: look,
    stop() {
      stopped = true;
    },
    running: () => running.size,
  };
}
