import type { Sql } from 'postgres';
import type { DigestReview, DigestWindow, WeekReviews } from '../../core/digest/digest-types.js';
import { reviewActivityFromRow, type ReviewActivityRow } from '../digest-rows.js';

// The digest's design-review figures on Postgres, as on SQLite: which reviews
// changed in a window, counted from their trails, and each one's plan cost at
// its current state, summed in SQL over the stored components.

type WindowParams = DigestWindow & { workspace: string };

export interface PostgresReviewActivity {
  counts(params: WindowParams): Promise<Omit<WeekReviews, 'items'>>;
  /** The most recently changed reviews, newest first. */
  items(params: WindowParams, limit: number): Promise<DigestReview[]>;
}

export function createPostgresReviewActivity(db: () => Sql): PostgresReviewActivity {
  // A review counts when its trail gained an entry in the window.
  const active = (q: Sql, { workspace, since, until }: WindowParams) => q`
    WITH active AS (
      SELECT review_id, COUNT(*)::int AS changes, MAX(at) AS last_at, bool_or(kind = 'open') AS opened, bool_or(kind = 'close') AS closed
      FROM review_changes
      WHERE workspace = ${workspace} AND at >= ${since} AND at < ${until}
      GROUP BY review_id
    )`;
  return {
    async counts(params) {
      const q = db();
      const [row] = await q<Omit<WeekReviews, 'items'>[]>`
        ${active(q, params)}
        SELECT COUNT(*)::int AS active, (COUNT(*) FILTER (WHERE a.opened))::int AS opened,
               (COUNT(*) FILTER (WHERE a.closed AND r.status = 'closed'))::int AS closed, COALESCE(SUM(a.changes), 0)::int AS changes
        FROM active a JOIN reviews r ON r.workspace = ${params.workspace} AND r.id = a.review_id`;
      return row ?? { active: 0, opened: 0, closed: 0, changes: 0 };
    },
    async items(params, limit) {
      const q = db();
      const { workspace, since, until } = params;
      // Its cost is the review card's plan figure at its current state: the
      // recommended row, or the containers row when no recommendation was priced.
      const rows = await q<ReviewActivityRow[]>`
        ${active(q, params)}
        SELECT r.id, r.platform, r.channel, r.thread, r.name, r.status, a.changes,
               (SELECT jsonb_object_agg(kind, n)::text FROM (
                  SELECT kind, COUNT(*) AS n FROM review_changes
                  WHERE workspace = ${workspace} AND review_id = a.review_id AND at >= ${since} AND at < ${until}
                  GROUP BY kind) kinds) AS kinds,
               jsonb_array_length(r.components) AS components,
               (SELECT COUNT(*)::int FROM jsonb_array_elements(r.components) AS c (value)
                 WHERE c.value->>'kind' = 'workload' AND jsonb_typeof(c.value->'last') = 'object') AS assessed,
               (SELECT COALESCE(SUM(COALESCE((c.value->'last'->>'recommendedUsd')::float8, (c.value->'last'->>'containersUsd')::float8, 0)), 0)
                  FROM jsonb_array_elements(r.components) AS c (value)
                 WHERE c.value->>'kind' = 'workload' AND jsonb_typeof(c.value->'last') = 'object') AS plan_usd
        FROM active a JOIN reviews r ON r.workspace = ${workspace} AND r.id = a.review_id
        ORDER BY a.last_at DESC, r.id COLLATE "C"
        LIMIT ${limit}`;
      return rows.map(reviewActivityFromRow);
    },
  };
}
