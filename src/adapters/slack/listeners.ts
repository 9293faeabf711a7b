import type { App, RespondFn } from '@slack/bolt';
import { serverlessFitCommand } from '../../../commands/serverless-fit.js';
import type { Advisor } from '../../core/advisor-types.js';
import type { Logger } from '../../logger.js';
import {
  ACTION_ID_PREFIX,
  decodeActionValue,
  START_MODAL_BLOCK_ID,
  START_MODAL_CALLBACK_ID,
  START_MODAL_INPUT_ID,
} from '../../render/slack-blocks.js';
import { notice, type Tell } from './deliver.js';
import { REVIEW_ADD_BLOCK_ID, REVIEW_ADD_INPUT_ID, REVIEW_ADD_MODAL_CALLBACK_ID } from '../../render/review-slack.js';
import { decodeReviewModalOrigin } from './review-flow.js';
import type { DurableWork, Flows } from './flows.js';
import type { SlackCalls } from './slack-calls.js';
import { decodeModalOrigin, slackThread, threadReply, type SlackMessageEvent } from './translate.js';

// Thin Bolt listeners: acknowledge first (Slack wants an answer within 3 s),
// drop repeats via the delivery ledger, then hand over to the flows.

export interface ListenerDeps {
  flows: Flows;
  advisor: Advisor;
  calls: SlackCalls;
  logger: Logger;
}

const ACTION_PATTERN = new RegExp(`^${ACTION_ID_PREFIX.replace(/[|]/g, '\\|')}`);

function respondTell(respond: RespondFn, logger: Logger): Tell {
  return async (message) => {
    try {
      await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks as never });
    } catch (error) {
      logger.error('could not tell the user (response_url)', { error });
    }
  };
}

function ephemeralTell(calls: SlackCalls, channel: string, user: string, threadTs: string | undefined, logger: Logger): Tell {
  return async (message) => {
    const told = await calls.postEphemeral(channel, user, message, threadTs);
    if (told.ok) return;
    // In a channel the bot cannot post to, a DM (the app's Messages tab) still reaches the person.
    const dm = await calls.postMessage(user, message);
    if (!dm.ok) logger.error('could not tell the user by any route', { channel, user, failure: dm.failure });
  };
}

/**
 * The error boundary of every listener: the operator gets the error, the user
 * gets a sentence (Bolt's own error handler would only log it).
 */
async function guarded(logger: Logger, tell: Tell, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.error(`slack ${what} failed`, { error });
    await tell(notice('error', 'Something went wrong on my side and I could not finish that. It has been logged; please try again.'));
  }
}

/** Runs a command or a button press, live or replayed after a restart. */
export async function runWork(flows: Flows, work: DurableWork, tell: Tell): Promise<void> {
  if (work.kind === 'command') {
    await flows.command({ workspace: work.workspace, channel: work.channel, user: work.user, text: work.text, triggerId: work.triggerId, tell });
    return;
  }
  await flows.action({ workspace: work.workspace, user: work.user, ref: work.ref, channel: work.channel, thread: work.thread, triggerId: work.triggerId, tell });
}

/**
 * A ledger that cannot write (a full disk) must not stop the acknowledgement:
 * the work then runs without the crash guarantee, and the operator hears why.
 */
function receiveSafely(flows: Flows, logger: Logger, workspace: string, deliveryId: string, work: DurableWork): boolean {
  try {
    return flows.receive(workspace, deliveryId, work);
  } catch (error) {
    logger.error('could not save a delivery before acknowledging it; handling it anyway', { error, deliveryId });
    return true;
  }
}

function doneSafely(flows: Flows, logger: Logger, workspace: string, deliveryId: string): void {
  try {
    flows.done(workspace, deliveryId);
  } catch (error) {
    logger.error('could not mark a delivery done; it may be replayed at the next start', { error, deliveryId });
  }
}

/** Answers privately through a response_url without Bolt's `respond` (replays have no request). */
export function responseUrlTell(responseUrl: string, logger: Logger): Tell {
  return async (message) => {
    try {
      const response = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks }),
      });
      if (!response.ok) logger.warn('response_url refused a message', { status: response.status });
    } catch (error) {
      logger.error('could not tell the user (response_url)', { error });
    }
  };
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { flows, advisor, calls, logger } = deps;

  app.command(`/${serverlessFitCommand.name}`, async ({ command, ack, respond }) => {
    const work: DurableWork = {
      kind: 'command',
      workspace: command.team_id,
      channel: command.channel_id,
      user: command.user_id,
      text: command.text ?? '',
      triggerId: command.trigger_id,
      responseUrl: command.response_url,
    };
    // Saved before Slack hears "received": a crash after the ack cannot lose the command.
    const first = receiveSafely(flows, logger, work.workspace, `command:${command.trigger_id}`, work);
    await ack();
    if (!first) return;
    const tell = respondTell(respond, logger);
    await guarded(logger, tell, 'command', () => runWork(flows, work, tell));
    doneSafely(flows, logger, work.workspace, `command:${command.trigger_id}`);
  });

  app.event('message', async ({ event, body, context }) => {
    const reply = threadReply(event as SlackMessageEvent, context.botUserId);
    if (!reply) return;
    const workspace = body.team_id;
    const tell = ephemeralTell(calls, reply.channel, reply.user, reply.threadTs, logger);
    await guarded(logger, tell, 'thread message', async () => {
      // Only threads the advisor started; everything else in the channel is none of our business.
      if (!advisor.owns(slackThread(workspace, reply.channel, reply.threadTs))) return;
      if (!flows.firstDelivery(workspace, `event:${body.event_id}`)) {
        logger.info('ignored a repeated Slack event', { eventId: body.event_id });
        return;
      }
      await flows.threadMessage(workspace, reply, tell);
    });
  });

  app.action({ type: 'block_actions', action_id: ACTION_PATTERN }, async ({ ack, body, action, respond }) => {
    const workspace = body.team?.id ?? body.user.team_id ?? '';
    const ref = decodeActionValue('value' in action ? action.value : undefined);
    if (!ref) {
      await ack();
      logger.warn('a button carried a value this version cannot read', { actionId: action.action_id });
      await respondTell(respond, logger)(notice('warning', 'That button is from an older version of me. Start again with `/serverless-fit`.'));
      return;
    }
    const container = (body.container ?? {}) as { thread_ts?: string; message_ts?: string; channel_id?: string };
    const work: DurableWork = {
      kind: 'action',
      workspace,
      user: body.user.id,
      ref,
      channel: body.channel?.id ?? container.channel_id ?? '',
      thread: container.thread_ts ?? container.message_ts ?? '',
      triggerId: body.trigger_id,
      responseUrl: body.response_url,
    };
    const first = receiveSafely(flows, logger, workspace, `action:${body.trigger_id}`, work);
    await ack();
    if (!first) return;
    const tell = respondTell(respond, logger);
    await guarded(logger, tell, 'button', () => runWork(flows, work, tell));
    doneSafely(flows, logger, workspace, `action:${body.trigger_id}`);
  });

  app.view(START_MODAL_CALLBACK_ID, async ({ ack, body, view }) => {
    const description = view.state.values[START_MODAL_BLOCK_ID]?.[START_MODAL_INPUT_ID]?.value?.trim() ?? '';
    if (description === '') {
      await ack({ response_action: 'errors', errors: { [START_MODAL_BLOCK_ID]: 'Describe the workload in a sentence or two.' } });
      return;
    }
    await ack();
    const origin = decodeModalOrigin(view.private_metadata);
    const user = body.user.id;
    if (!origin) {
      logger.warn('a start modal came back without its channel', { user });
      return;
    }
    const workspace = body.team?.id ?? body.user.team_id ?? '';
    const tell = ephemeralTell(calls, origin.channel, user, undefined, logger);
    await guarded(logger, tell, 'modal', async () => {
      if (!flows.firstDelivery(workspace, `view:${view.id}`)) return;
      await flows.start({ workspace, channel: origin.channel, user, description, tell });
    });
  });

  app.view(REVIEW_ADD_MODAL_CALLBACK_ID, async ({ ack, body, view }) => {
    const text = view.state.values[REVIEW_ADD_BLOCK_ID]?.[REVIEW_ADD_INPUT_ID]?.value?.trim() ?? '';
    if (text === '') {
      await ack({ response_action: 'errors', errors: { [REVIEW_ADD_BLOCK_ID]: 'Name the component and say what it does, e.g. image pipeline: resize uploads, 2 s, 3k/day.' } });
      return;
    }
    await ack();
    const origin = decodeReviewModalOrigin(view.private_metadata);
    if (!origin || !flows.addComponents) {
      logger.warn('a review modal came back without its review', { user: body.user.id });
      return;
    }
    const workspace = body.team?.id ?? body.user.team_id ?? '';
    const tell = ephemeralTell(calls, origin.channel, body.user.id, origin.thread, logger);
    await guarded(logger, tell, 'review modal', async () => {
      if (!flows.firstDelivery(workspace, `view:${view.id}`)) return;
      await flows.addComponents?.(workspace, body.user.id, origin, text, tell);
    });
  });

  app.error(async (error) => {
    logger.error('unhandled error in a Slack listener', { error });
  });
}
