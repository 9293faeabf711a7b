import type { App } from '@slack/bolt';
import type { Tell } from './deliver.js';
import type { SlackDelivery } from './intake.js';
import type { MentionWork } from './mention-work.js';

// "@serverless-fit resize images on upload" in a channel, or the same words
// in a direct message to the bot, does what `/serverless-fit <words>` does:
// the same intake (written down before it is acknowledged), the same command
// flow and card, the conversation in a thread of that channel or DM.

/** The slash command's flow, as flows.ts runs it. */
export type RunCommand = (request: { workspace: string; channel: string; user: string; text: string; triggerId: string; tell: Tell }) => Promise<void>;

/**
 * Runs a mention as the slash command with the same words. A bare mention
 * (or one that would open the slash command's form, which needs a trigger a
 * message does not carry) gets the help instead.
 */
export function runMention(command: RunCommand, work: MentionWork, tell: Tell): Promise<void> {
  // Without words the command would open its form, and a message carries no trigger to open one with.
  const text = /^\s*(?:assess\s*)?$/i.test(work.text) ? 'help' : work.text;
  return command({ workspace: work.workspace, channel: work.channel, user: work.user, text, triggerId: '', tell });
}

/** Hands written-down mentions to `perform`, as the slash command's listener does. */
export function registerMentionListener(app: App, perform: (delivery: SlackDelivery) => Promise<void>): void {
  app.event('app_mention', async ({ context }) => {
    const delivery = (context as { delivery?: SlackDelivery }).delivery;
    if (delivery) await perform(delivery);
  });
}
