import { createPostgresDeliveryLedger } from '../../src/store/postgres/delivery-ledger.js';
import { describePostgres } from '../helpers/postgres.js';
import { usePostgresForTests } from '../helpers/postgres-stores.js';
import { deliveryLeasesContract } from './delivery-leases.contract.js';

// Two replicas on one Postgres database: two pools, as two serve processes have.

describePostgres('Postgres delivery leases', () => {
  const pg = usePostgresForTests();
  deliveryLeasesContract('Postgres, two pools on one database', async () => ({
    a: createPostgresDeliveryLedger((await pg.empty()).sql),
    b: createPostgresDeliveryLedger((await pg.another()).sql),
    close: async () => undefined,
  }));
});
