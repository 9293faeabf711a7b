import type { App } from '@slack/bolt';
import { serverlessFitCommand } from '../../../commands/serverless-fit.js';
import { UNREADABLE_CONTROL } from '../../core/dispatch/answers.js';
import type { Logger } from '../../logger.js';
import { ACTION_ID_PREFIX, START_MODAL_BLOCK_ID, START_MODAL_CALLBACK_ID, START_MODAL_INPUT_ID } from './render-card.js';
import { REVIEW_ADD_BLOCK_ID, REVIEW_ADD_INPUT_ID, REVIEW_ADD_MODAL_CALLBACK_ID } from './render-review.js';
import { notice, type Tell } from './deliver.js';
import type { SlackDelivery } from './intake.js';

// Thin Bolt listeners. By the time one runs, the intake has written the
// delivery down (it arrives as `context.delivery`) or decided there is
// nothing to keep; the listener acknowledges (Slack wants an answer within
// 3 s) and hands the delivery to `perform`, which does the work once.

export interface ListenerDeps {
  /** Does a delivery's work, recording each step; shared with the replay at start. */
  perform: (delivery: SlackDelivery) => Promise<void>;
  logger: Logger;
}

const ACTION_PATTERN = new RegExp(`^${ACTION_ID_PREFIX.replace(/[|]/g, '\\|')}`);

function deliveryOf(context: Record<string, unknown>): SlackDelivery | null {
  return (context.delivery as SlackDelivery | undefined) ?? null;
}

/** Answers privately through a response_url (live, or in a replay that has no request any more). */
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
  const { perform, logger } = deps;

  app.command(`/${serverlessFitCommand.name}`, async ({ ack, context }) => {
    await ack();
    const delivery = deliveryOf(context);
    if (delivery) await perform(delivery);
  });

  // Events are acknowledged by Bolt before this runs; the intake kept the ones that are ours.
  app.event('message', async ({ context }) => {
    const delivery = deliveryOf(context);
    if (delivery) await perform(delivery);
  });

  app.action({ type: 'block_actions', action_id: ACTION_PATTERN }, async ({ ack, respond, action, context }) => {
    await ack();
    const delivery = deliveryOf(context);
    if (delivery) {
      await perform(delivery);
      return;
    }
    // Ours by its id, but the value cannot be read: a button from an older version of the bot.
    logger.warn('a button carried a value this version cannot read', { actionId: action.action_id });
    await responseUrlTellOrRespond(respond, logger)(notice('warning', UNREADABLE_CONTROL));
  });

  app.view(START_MODAL_CALLBACK_ID, async ({ ack, view, context }) => {
    const description = view.state.values[START_MODAL_BLOCK_ID]?.[START_MODAL_INPUT_ID]?.value?.trim() ?? '';
    if (description === '') {
      await ack({ response_action: 'errors', errors: { [START_MODAL_BLOCK_ID]: 'Describe the workload in a sentence or two.' } });
      return;
    }
    await ack();
    const delivery = deliveryOf(context);
    if (delivery) await perform(delivery);
    else logger.warn('a start modal came back without its channel', { viewId: view.id });
  });

  app.view(REVIEW_ADD_MODAL_CALLBACK_ID, async ({ ack, view, context }) => {
    const text = view.state.values[REVIEW_ADD_BLOCK_ID]?.[REVIEW_ADD_INPUT_ID]?.value?.trim() ?? '';
    if (text === '') {
      await ack({ response_action: 'errors', errors: { [REVIEW_ADD_BLOCK_ID]: 'Name the component and say what it does, e.g. image pipeline: resize uploads, 2 s, 3k/day.' } });
      return;
    }
    await ack();
    const delivery = deliveryOf(context);
    if (delivery) await perform(delivery);
    else logger.warn('a review modal came back without its review', { viewId: view.id });
  });

  app.error(async (error) => {
    logger.error('unhandled error in a Slack listener', { error });
  });
}

function responseUrlTellOrRespond(respond: (message: { response_type: 'ephemeral'; replace_original: false; text: string; blocks: never }) => Promise<unknown>, logger: Logger): Tell {
  return async (message) => {
    try {
      await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks as never });
    } catch (error) {
      logger.error('could not tell the user (response_url)', { error });
    }
  };
}
