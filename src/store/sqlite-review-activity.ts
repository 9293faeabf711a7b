import type BetterSqlite3 from 'better-sqlite3';
import type { DigestReview, DigestWindow, WeekReviews } from '../core/digest/digest-types.js';
import { reviewActivityFromRow, type ReviewActivityRow } from './digest-rows.js';

// The digest's design-review figures: which reviews changed in a window, as
// counted from their trails, and each one's plan cost at its current state,
// summed in SQL over the stored components.

type WindowParams = DigestWindow & { workspace: string };

export interface ReviewActivity {
  counts(params: WindowParams): Omit<WeekReviews, 'items'>;
  /** The most recently changed reviews, newest first. */
  items(params: WindowParams, limit: number): DigestReview[];
}

export function createReviewActivity(db: BetterSqlite3.Database): ReviewActivity {
  // A review counts when its trail gained an entry in the window; its cost is
  // the review card's plan figure at its current state (the recommended row,
  // or the containers row when no recommendation was priced).
  const activity = `
    WITH active AS (
      SELECT review_id, COUNT(*) AS changes, MAX(at) AS last_at,
             MAX(kind = 'open') AS opened, MAX(kind = 'close') AS closed
      FROM review_changes
      WHERE workspace = @workspace AND at >= @since AND at < @until
      GROUP BY review_id
    )`;
  const reviewCounts = db.prepare<[WindowParams], { active: number; opened: number; closed: number; changes: number }>(`
    ${activity}
    SELECT COUNT(*) AS active, COALESCE(SUM(a.opened), 0) AS opened,
           COALESCE(SUM(a.closed AND r.status = 'closed'), 0) AS closed, COALESCE(SUM(a.changes), 0) AS changes
    FROM active a JOIN reviews r ON r.workspace = @workspace AND r.id = a.review_id`);
  const reviewList = db.prepare<[WindowParams & { limit: number }], ReviewActivityRow>(`
    ${activity}
    SELECT r.id, r.platform, r.channel, r.thread, r.name, r.status, a.changes,
           (SELECT json_group_object(kind, n) FROM (
              SELECT kind, COUNT(*) AS n FROM review_changes
              WHERE workspace = @workspace AND review_id = a.review_id AND at >= @since AND at < @until
              GROUP BY kind)) AS kinds,
           json_array_length(r.components) AS components,
           (SELECT COUNT(*) FROM json_each(r.components) c
             WHERE json_extract(c.value, '$.kind') = 'workload' AND json_type(c.value, '$.last') = 'object') AS assessed,
           (SELECT COALESCE(SUM(COALESCE(json_extract(c.value, '$.last.recommendedUsd'), json_extract(c.value, '$.last.containersUsd'), 0)), 0)
              FROM json_each(r.components) c
             WHERE json_extract(c.value, '$.kind') = 'workload' AND json_type(c.value, '$.last') = 'object') AS plan_usd
    FROM active a JOIN reviews r ON r.workspace = @workspace AND r.id = a.review_id
    ORDER BY a.last_at DESC, r.id LIMIT @limit`);
  return {
    counts: (params) => reviewCounts.get(params) ?? { active: 0, opened: 0, closed: 0, changes: 0 },
    items: (params, limit) => reviewList.all({ ...params, limit }).map(reviewActivityFromRow),
  };
}

