import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase } from '../../src/store/open-database.js';
import { createSqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';
import { deliveryLeasesContract } from './delivery-leases.contract.js';

// Two replicas on one SQLite file (WAL mode): two connections, as two serve processes on one machine have.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

deliveryLeasesContract('SQLite, two connections to one file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-leases-'));
  dirs.push(dir);
  const file = path.join(dir, 'shared.db');
  const first = openDatabase(file);
  const second = openDatabase(file);
  return {
    a: createSqliteDeliveryLedger(first),
    b: createSqliteDeliveryLedger(second),
    close: async () => {
      first.close();
      second.close();
    },
  };
});
