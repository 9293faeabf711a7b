import type { Journal } from '../../delivery/journal.js';
import type { Tell } from './deliver.js';
import type { SlackCalls } from './slack-calls.js';

// The Slack calls of one delivery, each made at most once: a replay after a
// crash gets the recorded result (the root message's ts, the card's ts)
// instead of posting again. A post whose result was not recorded is looked
// up by the step tag it carries in its metadata before it is made again.

export function journaledCalls(calls: SlackCalls, journal: Journal): SlackCalls {
  const tagOf = (step: string) => `${journal.delivery.deliveryId}/${step}`;
  return {
    postMessage: (channel, message, threadTs) =>
      journal.once('post', (step) => calls.postMessage(channel, message, threadTs, tagOf(step)), {
        lookup: (step) => calls.findPost(channel, threadTs, tagOf(step)),
      }),
    // An edit lands the same way twice, so it is simply made again if its result was not recorded.
    update: (channel, ts, message) => journal.once('update', () => calls.update(channel, ts, message)),
    postEphemeral: (channel, user, message, threadTs) => journal.once('tell', () => calls.postEphemeral(channel, user, message, threadTs)),
    uploadPng: (channel, threadTs, png, filename, title, afterTs) =>
      journal.once('upload', () => calls.uploadPng(channel, threadTs, png, filename, title, afterTs), {
        lookup: () => calls.findUpload(channel, threadTs, filename, afterTs),
      }),
    openView: (triggerId, view) => journal.once('view', () => calls.openView(triggerId, view)),
    userTimezone: (user) => calls.userTimezone(user),
    findPost: (channel, threadTs, tag) => calls.findPost(channel, threadTs, tag),
    findUpload: (channel, threadTs, filename, afterTs) => calls.findUpload(channel, threadTs, filename, afterTs),
  };
}

/** A private message to the person behind a delivery, sent at most once per step. */
export function journaledTell(tell: Tell, journal: Journal): Tell {
  return async (message) => {
    await journal.once('tell', async () => {
      await tell(message);
      return true;
    });
  };
}
