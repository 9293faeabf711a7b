import { expect, it } from 'vitest';
import { createPostgresConversationStore } from '../../src/store/postgres/conversation-store.js';
import { createPostgresDigestStore } from '../../src/store/postgres/digest-store.js';
import { createPostgresReviewStore } from '../../src/store/postgres/review-store.js';
import { describePostgres } from '../helpers/postgres.js';
import { usePostgresForTests } from '../helpers/postgres-stores.js';
import { assessmentFixture } from './conversation-store.contract.js';
import { digestStoreContract, FIXTURE_WINDOW } from './digest-store.contract.js';

describePostgres('Postgres digest store', () => {
  const pg = usePostgresForTests();

  digestStoreContract('Postgres', async () => {
    const { sql } = await pg.empty();
    return { digests: createPostgresDigestStore(sql), conversations: createPostgresConversationStore(sql), reviews: createPostgresReviewStore(sql), close: () => undefined };
  });

  it('lets exactly one of many schedulers on two replicas claim a run', async () => {
    const [a, b] = [createPostgresDigestStore((await pg.empty()).sql), createPostgresDigestStore((await pg.another()).sql)];
    const run = { subscriptionId: 's', week: '2026-W48', scheduledAt: '2026-11-23T08:00:00.000Z', claimedAt: '2026-11-23T08:00:00.000Z', late: false };
    const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).claimRun({ ...run, claimedBy: `scheduler-${i}` })));
    expect(claims.filter((won) => won)).toHaveLength(1);
    const winner = `scheduler-${claims.indexOf(true)}`;
    expect(await b.lastRun('s')).toMatchObject({ claimedBy: winner, status: 'claimed' });
  });

  it('counts a workload at its latest assessment when two share a millisecond: the one written last', async () => {
    const { sql } = await pg.empty();
    const conversations = createPostgresConversationStore(sql);
    const at = '2026-11-17T10:00:00.000Z';
    await conversations.recordAssessment(assessmentFixture({ id: 'first', conversationId: 'c1', at, recommended: 'AWS Lambda', recommendedMonthlyUsd: 10 }));
    await conversations.recordAssessment(assessmentFixture({ id: 'second', conversationId: 'c1', at, recommended: 'AWS Fargate', recommendedMonthlyUsd: 40, verdict: 'avoid', reassessment: true }));
    const figures = await createPostgresDigestStore(sql).weekFigures('T-acme', FIXTURE_WINDOW);
    expect(figures.byPlatform).toStrictEqual([{ platform: 'AWS Fargate', workloads: 1, monthlyUsd: 40 }]);
    expect(figures.flips.map((f) => [f.from, f.to])).toStrictEqual([['fit', 'avoid']]);
  });

  it.each([
    // Both indexes cover a workspace's week (Postgres 18 can skip through the channels of the second).
    ['a workspace week', /Index Only Scan using assessments_by_(workspace|channel) /, false],
    ['a channel week', /Index Only Scan using assessments_by_channel /, true],
  ])('answers the digest aggregate for %s from an INCLUDE index alone', async (_, index, byChannel) => {
    const { sql } = await pg.empty();
    // Enough rows, vacuumed, for the planner to prefer the index over the table.
    await sql`
      INSERT INTO assessments (id, conversation_id, workspace, platform, channel, thread, user_id, at, description, verdict, recommended,
                               recommended_monthly_usd, alternative_monthly_usd, catalog_version, reassessment)
      SELECT 'a' || n, 'c' || (n % 500), 'T' || (n % 20), 'slack', 'C' || (n % 7), 't', 'U', to_char(timestamp '2026-11-01' + n * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             'x', 'fit', 'AWS Lambda', n, n * 2, 'v', n % 3 = 0
      FROM generate_series(1, 20000) AS n`;
    await sql`VACUUM ANALYZE assessments`;
    const plan = await sql.begin(async (tx) => {
      await tx`SET LOCAL enable_seqscan = off`;
      await tx`SET LOCAL enable_bitmapscan = off`;
      return tx<{ 'QUERY PLAN': string }[]>`
        EXPLAIN SELECT verdict, recommended, count(*), sum(recommended_monthly_usd), sum(alternative_monthly_usd), count(*) FILTER (WHERE reassessment)
        FROM assessments
        WHERE workspace = ${'T3'} ${byChannel ? tx`AND channel = ${'C2'}` : tx``} AND at >= ${'2026-11-02'} AND at < ${'2026-11-09'}
        GROUP BY verdict, recommended`;
    });
    expect(plan.map((line) => line['QUERY PLAN']).join('\n')).toMatch(index);
  });
});
