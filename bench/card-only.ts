import { availableParallelism, loadavg } from 'node:os';
import { benchCardLatency } from './card-latency.js';

// Only the card-latency figure (a minute, not the whole bench), with the load
// average before and after, for iterating on the path from answer to card.

const load = () => loadavg().map((l) => Math.round(l * 100) / 100).join(' ');
console.log(`cpus ${availableParallelism()}, load average before: ${load()}`);
const card = await benchCardLatency();
console.log(`last answer to card posted, ${card.conversations} conversations at once (${card.samples} cards): p50 ${card.latencyMs.p50} ms, p99 ${card.latencyMs.p99} ms, max ${card.latencyMs.max} ms`);
console.log(`load average after: ${load()}`);
