import type { PlatformName } from '../core/conversation.js';
import type { ChangeKind, Review, ReviewChange, ReviewComponent, ReviewListItem, ReviewStatus } from '../core/review/review-types.js';

// How reviews and their trails are laid out in columns, for both stores: the
// components are JSON text as read (the Postgres store reads jsonb as text).

const DEFAULT_LIST_LIMIT = 20;

export interface ReviewRow {
  id: string;
  workspace: string;
  platform: string;
  channel: string;
  thread: string;
  opened_by: string;
  name: string;
  status: string;
  components: string;
  next_component: number;
  anchor: string | null;
  created_at: string;
  updated_at: string;
}

export interface ChangeRow {
  workspace: string;
  review_id: string;
  seq: number;
  at: string;
  actor: string;
  kind: string;
  component: string | null;
  text: string;
}

export interface ListRow {
  id: string;
  name: string;
  status: string;
  platform: string;
  channel: string;
  thread: string;
  opened_by: string;
  components: number;
  updated_at: string;
}

/** What a forgotten person's trail entries become. */
export const FORGOTTEN_ACTOR = 'someone';
export const FORGOTTEN_TEXT = '(removed at the author\'s request)';

/** The LIMIT of a review list: the default when none is asked, never negative. */
export function reviewListLimit(limit: number | undefined): number {
  return limit === undefined ? DEFAULT_LIST_LIMIT : Math.max(0, Math.floor(limit));
}

export function reviewToRow(review: Review): ReviewRow {
  return {
    id: review.id,
    workspace: review.key.workspace,
    platform: review.key.platform,
    channel: review.key.channel,
    thread: review.key.thread,
    opened_by: review.key.user,
    name: review.name,
    status: review.status,
    components: JSON.stringify(review.components),
    next_component: review.nextComponent,
    anchor: review.anchor,
    created_at: review.createdAt,
    updated_at: review.updatedAt,
  };
}

export function reviewFromRow(row: ReviewRow): Review {
  return {
    id: row.id,
    key: { platform: row.platform as PlatformName, workspace: row.workspace, channel: row.channel, thread: row.thread, user: row.opened_by },
    name: row.name,
    status: row.status as ReviewStatus,
    components: JSON.parse(row.components) as ReviewComponent[],
    nextComponent: row.next_component,
    anchor: row.anchor,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function listItemFromRow(r: ListRow): ReviewListItem {
  return {
    id: r.id,
    name: r.name,
    status: r.status as ReviewStatus,
    platform: r.platform as PlatformName,
    channel: r.channel,
    thread: r.thread,
    openedBy: r.opened_by,
    components: r.components,
    updatedAt: r.updated_at,
  };
}

export function changeFromRow(r: ChangeRow): ReviewChange {
  return { reviewId: r.review_id, seq: r.seq, at: r.at, actor: r.actor, kind: r.kind as ChangeKind, component: r.component, text: r.text };
}
