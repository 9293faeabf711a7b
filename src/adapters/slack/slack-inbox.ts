import type { App } from '@slack/bolt';
import type { DeliveryLedger, InboxEntry } from '../../core/ports.js';
import type { InFlight } from '../../delivery/in-flight.js';
import type { InboxLeases } from '../../delivery/inbox-leases.js';
import { createInboxWorkers, type InboxWorkers } from '../../delivery/inbox-workers.js';
import { whileBusy, type Patience } from '../../delivery/while-busy.js';
import type { Logger } from '../../logger.js';
import type { DurableWork } from './durable-work.js';
import type { SlackDelivery } from './intake.js';

// Slack's side of the inbox workers: an entry is handed to Bolt as the
// request that arrived (its acknowledgement already went, so Bolt's ack does
// nothing), its listener does the work through `perform`, and the worker
// learns from `perform` whether the entry is complete. Work written down
// before the inbox kept the request (only its payload) goes to `perform` directly.

export interface SlackInboxDeps {
  /** Bolt, once created (the receivers that feed the inbox are made before it). */
  app: () => Pick<App, 'processEvent'>;
  ledger: DeliveryLedger;
  logger: Logger;
  now: () => Date;
  /** How many conversations are worked at once. */
  width: number;
  /** True while requests are arriving and not yet acknowledged: new work waits (see createInboxWorkers). */
  receiving?: () => boolean;
  /** How far back an entry is still answerable (a response_url lives 30 minutes). */
  windowMs: number;
  patience: Patience;
  /** Does a delivery's work; resolves true once it is complete in the ledger. */
  perform: (delivery: SlackDelivery) => Promise<boolean>;
  /** Where each entry being worked is tracked from the moment it is taken, so a shutdown waits for it. */
  inFlight: InFlight;
  /** The leases that let replicas on one database share the inbox. */
  leases?: InboxLeases;
}

export interface SlackInbox {
  workers: InboxWorkers;
  /** What Bolt's listeners call: `perform`, its outcome noted for the worker that handed the delivery over. */
  perform: (delivery: SlackDelivery) => Promise<void>;
}

const keyOf = (delivery: SlackDelivery) => `${delivery.ref.workspace}/${delivery.ref.deliveryId}`;
const acknowledged = async () => undefined;

export function createSlackInbox(deps: SlackInboxDeps): SlackInbox {
  const { ledger, logger } = deps;
  const outcomes = new Map<string, boolean>();

  function work(entry: InboxEntry): Promise<boolean> {
    const done = handOver(entry);
    deps.inFlight.track(`slack ${(entry.payload as DurableWork).kind} ${entry.deliveryId}`, done);
    return done;
  }

  async function handOver(entry: InboxEntry): Promise<boolean> {
    const delivery: SlackDelivery = { ref: { platform: 'slack', workspace: entry.workspace, deliveryId: entry.deliveryId }, work: entry.payload as DurableWork };
    if (entry.raw === null) return deps.perform(delivery);
    const key = keyOf(delivery);
    try {
      await deps.app().processEvent({ body: entry.raw as Record<string, unknown>, ack: acknowledged, customProperties: { delivery } });
      const complete = outcomes.get(key);
      if (complete !== undefined) return complete;
    } finally {
      outcomes.delete(key);
    }
    // No listener took it (the app changed between the write and now): nothing is left to do with it.
    logger.warn('slack: no listener took a delivery from the inbox; it is marked done', { deliveryId: entry.deliveryId, kind: delivery.work.kind });
    await whileBusy(() => ledger.complete('slack', entry.workspace, entry.deliveryId, deps.now().toISOString()), deps.patience);
    return true;
  }

  const workers = createInboxWorkers({
    ledger,
    platform: 'slack',
    width: deps.width,
    ...(deps.receiving ? { receiving: deps.receiving } : {}),
    since: () => new Date(deps.now().getTime() - deps.windowMs).toISOString(),
    work,
    logger,
    inFlight: deps.inFlight,
    ...(deps.leases ? { leases: deps.leases } : {}),
  });

  return {
    workers,
    async perform(delivery) {
      outcomes.set(keyOf(delivery), await deps.perform(delivery));
    },
  };
}
