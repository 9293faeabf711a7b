import type { Sql } from 'postgres';
import type { DeliveryLedger } from '../../core/ports.js';
import { translated } from './postgres-errors.js';
import { sessionOf } from './postgres-session.js';

// The delivery ledger's leases on Postgres (see the port): which replica works
// an inbox entry. A lease is one conditional UPDATE, so of two replicas asking
// for one entry the row lock lets one change it and the other, re-checking
// the row once the first commits, finds it held. Entries of one lane are
// decided one at a time under an advisory lock on the lane: without it, two
// replicas asking at once for the first and the second entry of a lane would
// each see the other's entry unleased (their snapshots predate each other's
// commit) and work the lane twice, out of order.

/** The advisory-lock namespace of lanes (the two-key form, apart from every single-key lock). */
const LANE_LOCKS = 7_342_003;

export type PostgresLeaseMethods = Pick<DeliveryLedger, 'lease' | 'renewLeases' | 'releaseLease' | 'releaseLeases' | 'leaseHolders'>;

export function postgresLeaseMethods(pool: Sql): PostgresLeaseMethods {
  const session = sessionOf(pool);
  const db = () => session.sql();
  return {
    lease: (request) =>
      translated(() =>
        session.transaction(async () => {
          const { platform, workspace, deliveryId, holder, now, until } = request;
          await db()`
            SELECT pg_advisory_xact_lock(${LANE_LOCKS}, hashtext(${platform} || '/' || lane)) FROM deliveries
            WHERE platform = ${platform} AND workspace = ${workspace} AND delivery_id = ${deliveryId} AND lane IS NOT NULL`;
          // A statement of its own, after the lock: its snapshot sees every lease of the lane committed before.
          const result = await db()`
            UPDATE deliveries d SET lease_holder = ${holder}, lease_until = ${until}
            WHERE d.platform = ${platform} AND d.workspace = ${workspace} AND d.delivery_id = ${deliveryId}
              AND d.payload IS NOT NULL AND d.done_at IS NULL
              AND (d.lease_holder IS NULL OR d.lease_holder = ${holder} OR d.lease_until <= ${now})
              AND NOT EXISTS (
                SELECT 1 FROM deliveries earlier
                WHERE earlier.platform = ${platform} AND earlier.lane = d.lane AND earlier.seq < d.seq
                  AND earlier.payload IS NOT NULL AND earlier.done_at IS NULL
                  AND earlier.lease_holder IS NOT NULL AND earlier.lease_holder <> ${holder} AND earlier.lease_until > ${now})`;
          return result.count === 1;
        }),
      ),
    renewLeases: (platform, holder, until) =>
      translated(async () => {
        const result = await db()`
          UPDATE deliveries SET lease_until = ${until}
          WHERE platform = ${platform} AND lease_holder = ${holder} AND payload IS NOT NULL AND done_at IS NULL`;
        return result.count;
      }),
    releaseLease: (ref, holder) =>
      translated(async () => {
        await db()`
          UPDATE deliveries SET lease_holder = NULL, lease_until = NULL
          WHERE platform = ${ref.platform} AND workspace = ${ref.workspace} AND delivery_id = ${ref.deliveryId} AND lease_holder = ${holder}`;
      }),
    releaseLeases: (platform, holder) =>
      translated(async () => {
        const result = await db()`
          UPDATE deliveries SET lease_holder = NULL, lease_until = NULL
          WHERE platform = ${platform} AND lease_holder = ${holder} AND payload IS NOT NULL AND done_at IS NULL`;
        return result.count;
      }),
    leaseHolders: (platform) =>
      translated(async () => {
        const rows = await db()<{ holder: string }[]>`
          SELECT holder FROM (
            SELECT DISTINCT lease_holder AS holder FROM deliveries
            WHERE platform = ${platform} AND lease_holder IS NOT NULL AND payload IS NOT NULL AND done_at IS NULL
          ) held
          ORDER BY holder COLLATE "C"`;
        return rows.map((row) => row.holder);
      }),
  };
}
