import { parentPort, workerData } from 'node:worker_threads';
import type { PricingCatalog } from '../core/pricing/catalog-schema.js';
import { repriceSaved } from '../core/reprice/reprice-history.js';
import { packOutcomes, transferables } from './packed-outcomes.js';
import type { WorkerOutcomes, WorkerPage } from './reprice-in-threads.js';

// One worker thread of `reprice` (started by reprice-in-threads.ts): pages of
// saved decisions in, each one's outcome at the catalog it was given out.

const { catalog } = workerData as { catalog: PricingCatalog };
const port = parentPort!;
port.on('message', ({ seq, decisions }: WorkerPage) => {
  const outcomes = packOutcomes(decisions.map((saved) => repriceSaved(saved, catalog)));
  port.postMessage({ seq, outcomes } satisfies WorkerOutcomes, transferables(outcomes));
});
