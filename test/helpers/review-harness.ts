import { createAdvisor } from '../../src/core/advisor.js';
import type { Advisor, AdvisorEvent, Reply } from '../../src/core/advisor-types.js';
import type { ConversationKey } from '../../src/core/conversation.js';
import type { ConversationStore, ReviewStore } from '../../src/core/ports.js';
import type { PricingCatalog } from '../../src/core/pricing/catalog-schema.js';
import { createSqliteConversationStore } from '../../src/store/sqlite-conversation-store.js';
import { createSqliteReviewStore } from '../../src/store/sqlite-review-store.js';
import { shippedCatalog } from './cost-fixtures.js';
import { openReviewDatabase, tempDir } from './review-db.js';

// A real advisor with design reviews over real SQLite on a temp file.

export interface ReviewHarness {
  advisor: Advisor;
  store: ConversationStore;
  reviews: ReviewStore;
  catalog: PricingCatalog;
  key: ConversationKey;
  /** Sends an event in the review thread as `actor`. */
  send(event: AdvisorEvent, actor?: string): Promise<Reply>;
  say(text: string, actor?: string): Promise<Reply>;
  /** A second advisor on the same file, as a restarted process would have. */
  restart(): void;
  close(): void;
}

export function createReviewHarness(key: Partial<ConversationKey> = {}): ReviewHarness {
  const dir = tempDir();
  const file = dir.file();
  const fullKey: ConversationKey = { platform: 'cli', workspace: 'W1', channel: 'C1', thread: 'T-review', user: 'alice', ...key };
  let now = new Date('2026-11-26T10:00:00.000Z');
  const clock = { now: () => (now = new Date(now.getTime() + 60_000)) };
  let counter = 0;
  const catalog = shippedCatalog();
  const parts = () => {
    const db = openReviewDatabase(file);
    const store = createSqliteConversationStore(db);
    const reviews = createSqliteReviewStore(db);
    const advisor = createAdvisor({ store, catalog, clock, newId: () => `id-${String(++counter).padStart(4, '0')}`, reviews });
    return { db, store, reviews, advisor };
  };
  let current = parts();
  const harness: ReviewHarness = {
    get advisor() {
      return current.advisor;
    },
    get store() {
      return current.store;
    },
    get reviews() {
      return current.reviews;
    },
    catalog,
    key: fullKey,
    send: (event, actor = 'alice') => current.advisor.handle({ key: fullKey, event, actor }),
    say: (text, actor = 'alice') => current.advisor.handle({ key: fullKey, event: { kind: 'message', text }, actor }),
    restart() {
      current.db.close();
      current = parts();
    },
    close() {
      if (current.db.open) current.db.close();
      dir.remove();
    },
  };
  return harness;
}
