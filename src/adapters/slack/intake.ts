import type { Advisor } from '../../core/advisor-types.js';
import { isTooLong, tooLongText } from '../../core/dispatch/answers.js';
import { StorageUnavailable, type DeliveryLedger, type DeliveryRef } from '../../core/ports.js';
import { createInboxWriter } from '../../delivery/inbox-writer.js';
import type { Patience } from '../../delivery/while-busy.js';
import type { Logger } from '../../logger.js';
import { durableWorkOf, laneOf, requestToKeep, textOf, type DurableWork } from './durable-work.js';
import { mentionIsAnswer } from './mention-work.js';
import { slackThread } from './translate.js';

// Every delivery is written down before Slack hears "received": the work it
// asks for goes into the inbox (the delivery ledger) first, so a crash after
// the acknowledgement cannot lose it and a retry cannot run it twice; workers
// take it from there. When the
// write cannot happen (the database locked by another process for longer than
// Slack waits, or a full disk) the delivery is not taken: events are left
// unacknowledged for Slack to retry, and a person who typed a command or
// pressed a button is told to try again. Text longer than the advisor reads
// is refused before anything is stored.

export interface SlackDelivery {
  ref: DeliveryRef;
  work: DurableWork;
}

export type Admission =
  /** Nothing to keep (an event we ignore, a form whose answer Bolt checks): hand the request to Bolt now. */
  | { kind: 'process' }
  /** In the inbox: acknowledge it at once (an empty 200); a worker hands it to Bolt. */
  | { kind: 'queued' }
  /** Answer now (200, with `ack` as the body) and do nothing more, apart from `afterwards` once answered. */
  | { kind: 'answer'; ack?: Record<string, unknown>; afterwards?: () => Promise<void> }
  /** Do not acknowledge: Slack retries the delivery later. */
  | { kind: 'retry-later'; reason: string };

export interface IntakeDeps {
  ledger: DeliveryLedger;
  advisor: Pick<Advisor, 'owns'>;
  logger: Logger;
  now: () => Date;
  /** How long a write may wait for a busy database before the delivery is refused (well inside Slack's 3 s). */
  patience: Patience;
  /** The bot's own user id, once known: its own messages are never answers. */
  botUserId: () => string | undefined;
  /** Tells the person behind `work` something privately, after the acknowledgement. */
  tell: (work: DurableWork, text: string) => Promise<void>;
}

export interface Intake {
  admit(body: Record<string, unknown>): Promise<Admission>;
}

export const NOT_SAVED =
  'I could not save your request, so I have not started on it (the bot cannot write to its database right now). Please try again in a minute.';

export function createIntake(deps: IntakeDeps): Intake {
  const { logger } = deps;
  const inbox = createInboxWriter(deps.ledger, deps.patience);
  return {
    async admit(body) {
      const request = durableWorkOf(body, deps.botUserId());
      if (!request) return { kind: 'process' };
      const { work, deliveryId } = request;
      const text = textOf(work);
      if (isTooLong(text)) return refuse(work, tooLongText(text.length));
      try {
        // A thread reply is only ours in a thread the advisor started; everything else in the channel is left alone.
        if ((work.kind === 'message' || work.kind === 'file') && !(await deps.advisor.owns(slackThread(work.workspace, work.channel, work.threadTs)))) {
          return { kind: 'process' };
        }
        // A mention in a thread the advisor runs is that thread's answer, already taken as its message.
        if (work.kind === 'mention' && (await mentionIsAnswer(work, (thread) => deps.advisor.owns(thread)))) return { kind: 'process' };
        const entry = { platform: 'slack', workspace: work.workspace, deliveryId, at: deps.now().toISOString(), lane: laneOf(work), payload: work, raw: requestToKeep(body) };
        const first = await inbox.put(entry);
        if (!first) {
          logger.info('ignored a repeated Slack delivery', { deliveryId });
          return { kind: 'answer' };
        }
        return { kind: 'queued' };
      } catch (error) {
        // Locked for too long, a full disk, or a database that cannot be used at all: the delivery is not taken.
        const why = error instanceof StorageUnavailable ? error.message : `The database could not be used (${error instanceof Error ? error.message : String(error)}).`;
        logger.error(`could not save a Slack delivery before acknowledging it, so it was not taken: ${why}`, {
          reason: error instanceof StorageUnavailable ? error.reason : 'failed',
          deliveryId,
          kind: work.kind,
        });
        if (work.kind === 'message' || work.kind === 'file') return { kind: 'retry-later', reason: 'The bot could not save this event; Slack will retry it.' };
        return refuse(work, NOT_SAVED);
      }
    },
  };

  /** A command's refusal travels in the acknowledgement itself; anything else is told once acknowledged. */
  function refuse(work: DurableWork, text: string): Admission {
    if (work.kind === 'command') return { kind: 'answer', ack: { response_type: 'ephemeral', text } };
    return { kind: 'answer', afterwards: () => deps.tell(work, text) };
  }
}
