import type { CostChart } from '../../core/cost/cost-types.js';
import type { DeliveryLedger, DeliveryRef } from '../../core/ports.js';
import type { InFlight } from '../../delivery/in-flight.js';
import { createInboxLeases, keepLeases, LeaseLost } from '../../delivery/inbox-leases.js';
import { createInboxWorkers } from '../../delivery/inbox-workers.js';
import { openJournal } from '../../delivery/journal.js';
import { whileBusy, type Patience } from '../../delivery/while-busy.js';
import type { Logger } from '../../logger.js';
import { journaledCalls } from './journaled-calls.js';
import type { AccessFor } from './workspace-access.js';

// A result's chart follows its card into the thread as work of its own: the
// delivery that posted the card writes the chart down in the inbox, under a
// platform name of its own, and is done. Charts are then drawn and uploaded
// by a worker of their own, so a slow chart never holds a conversation's place
// among the workers that post answers, and no card waits behind one. Written
// down, a chart survives a crash like any delivery: the next start draws it,
// and the upload is looked for before it is made again, so it lands once.

/** The inbox's platform name for chart follow-ups: their own lanes, their own workers. */
export const CHART_INBOX = 'slack-chart';
export const CHART_FILENAME = 'serverless-fit-costs.png';
const CHART_TITLE = 'Monthly cost as traffic grows';
/** Charts drawn or uploaded at once: one being drawn while the one before it uploads. */
const WIDTH = 2;

/** What a chart follow-up keeps: the chart, and the card it belongs under. */
export interface ChartFollowUp {
  channel: string;
  thread: string;
  cardTs: string;
  chart: CostChart;
}

export interface ChartFollowUpsDeps {
  ledger: DeliveryLedger;
  logger: Logger;
  now: () => Date;
  renderChart: (chart: CostChart) => Promise<Buffer>;
  accessFor: AccessFor;
  /** Charts being drawn are tracked here too, so a shutdown waits for them. */
  inFlight: InFlight;
  /** How far back a chart is still worth drawing. */
  windowMs: number;
  patience: Patience;
  /** This replica, for the leases that keep replicas from drawing one chart twice. */
  holder: string;
  leaseMs: number;
}

export interface ChartFollowUps {
  /** Writes the chart down to follow the card (once, however often the delivery that posted the card is replayed). */
  schedule(parent: DeliveryRef, followUp: ChartFollowUp): Promise<void>;
  /** Takes up the charts left waiting (a restart) and keeps this replica's leases alive. */
  start(): void;
  /** Takes no new charts; those being drawn go on (a shutdown waits for them in `inFlight`). */
  stopIntake(): void;
  /** Hands back what this replica held and did not finish. */
  stop(): Promise<void>;
}

export function createChartFollowUps(deps: ChartFollowUpsDeps): ChartFollowUps {
  const { ledger, logger, now } = deps;
  const leases = createInboxLeases({ ledger, platform: CHART_INBOX, holder: deps.holder, now, leaseMs: deps.leaseMs, logger });
  let stopKeepingLeases = () => {};

  /** Draws and uploads one chart; true once it is done with (drawn and uploaded, or given up on). */
  async function follow(ref: DeliveryRef, followUp: ChartFollowUp): Promise<boolean> {
    const journal = await openJournal({ ledger, delivery: ref, now, patience: deps.patience, fence: () => leases.confirm(ref) });
    const access = await deps.accessFor(ref.workspace);
    if (access) {
      const png = await deps.renderChart(followUp.chart).catch((error: unknown) => {
        logger.warn('chart rendering failed; the card went out without it', { error });
        return null;
      });
      if (png) {
        const uploaded = await journaledCalls(access.calls, journal).uploadPng(followUp.channel, followUp.thread, png, CHART_FILENAME, CHART_TITLE, followUp.cardTs);
        if (!uploaded.ok) logger.warn('chart upload failed', { failure: uploaded.failure });
      }
    } else {
      logger.warn('slack: a chart came from a workspace without a grant; it is not posted', { workspace: ref.workspace });
    }
    await journal.finish();
    return true;
  }

  const workers = createInboxWorkers({
    ledger,
    platform: CHART_INBOX,
    width: WIDTH,
    since: () => new Date(now().getTime() - deps.windowMs).toISOString(),
    logger,
    leases,
    inFlight: deps.inFlight,
    work(entry) {
      const ref = { platform: CHART_INBOX, workspace: entry.workspace, deliveryId: entry.deliveryId };
      const done = follow(ref, entry.payload as ChartFollowUp).catch((error: unknown) => {
        if (error instanceof LeaseLost) logger.warn('slack: another replica took over a chart this one had stalled on', { deliveryId: entry.deliveryId });
        else logger.error('slack: a chart could not be followed up; it is left for the next start', { error, deliveryId: entry.deliveryId });
        return false;
      });
      deps.inFlight.track(`slack chart ${entry.deliveryId}`, done);
      return done;
    },
  });

  return {
    async schedule(parent, followUp) {
      const entry = {
        platform: CHART_INBOX,
        workspace: parent.workspace,
        // One chart per card: the same id every time the parent delivery is replayed.
        deliveryId: `${parent.deliveryId}/chart/${followUp.cardTs}`,
        at: now().toISOString(),
        lane: `${parent.workspace}/${followUp.channel}/${followUp.thread}`,
        payload: followUp,
        raw: null,
      };
      try {
        await whileBusy(() => ledger.enqueue(entry), deps.patience);
        workers.wake();
      } catch (error) {
        // The card is posted and stands on its own; a chart that cannot be written down is only missed.
        logger.warn('slack: could not write the chart down; the card went out without it', { error, deliveryId: parent.deliveryId });
      }
    },
    start() {
      void leases.reclaimFromTheDead().then(() => workers.poll());
      workers.wake();
      stopKeepingLeases = keepLeases(leases, { leaseMs: deps.leaseMs, look: () => workers.poll() });
    },
    stopIntake: () => workers.stop(),
    async stop() {
      stopKeepingLeases();
      await leases.releaseAll();
    },
  };
}
