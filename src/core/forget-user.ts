import type { AdvisorInput, Reply } from './advisor-types.js';
import type { ConversationStore, ReviewStore } from './ports.js';

// `/serverless-fit forget-me`: everything the asker said, deleted from this
// workspace's conversations and design-review trails, and a count of what went.

export async function forgetUser(store: ConversationStore, reviews: ReviewStore | undefined, input: AdvisorInput): Promise<Reply> {
  const { workspace, platform } = input.key;
  const { conversations, turns } = await store.forgetUser(workspace, platform, input.actor);
  const reviewEntries = (await reviews?.forgetUser(workspace, platform, input.actor)) ?? 0;
  const fromReviews = reviewEntries > 0 ? ` Your words were removed from ${plural(reviewEntries, 'design-review history entry', 'design-review history entries')}.` : '';
  const text =
    conversations + turns + reviewEntries === 0
      ? 'I had nothing saved from you in this workspace.'
      : `Deleted ${plural(conversations, 'conversation')} you started (with their answers and results) and ${plural(turns, 'message')} of yours in other threads.${fromReviews} Messages already posted in the chat stay in its own history.`;
  return { kind: 'notice', conversationId: null, level: 'info', title: 'Forgotten', text };
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
