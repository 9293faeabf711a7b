// The engine's own assumptions (not prices; prices live in the catalog). Each is
// printed in CostReport.assumptions with its number, so a reader can disagree.

/** Servers are sized so the peak hour runs at this share of their CPU. */
export const TARGET_UTILISATION = 0.6;
/** Share of an instance's or task's memory the app may use; the rest is the OS and headroom. */
export const USABLE_MEMORY_SHARE = 0.8;
/**
 * A request in flight on an I/O-bound or mixed server holds buffers, not a whole
 * working set: this share of the function memory setting. CPU-bound jobs hold all of it.
 */
export const IO_IN_FLIGHT_MEMORY_SHARE = 0.1;
/** Minimum instances/tasks for user-facing triggers: two availability zones. */
export const MIN_SERVERS_USER_FACING = 2;
export const MIN_SERVERS_BACKGROUND = 1;
/** SQS requests per message: one send, plus receive and delete in batches of 10. */
export const SQS_REQUESTS_PER_MESSAGE = 1.2;
/** ALB: 25 new connections/s per LCU, about 5 requests per keep-alive connection. */
export const ALB_RPS_PER_LCU = 125;
/** Break-even search range, average requests/s. */
export const BREAK_EVEN_MIN_RPS = 1e-4;
export const BREAK_EVEN_MAX_RPS = 1e5;
/** Chart points across the traffic range. */
export const CHART_POINTS = 40;
/** The chart spans the current traffic / this .. x this. */
export const CHART_SPAN = 100;
/** A catalog older than this many days gets a warning on the card. */
export const CATALOG_STALE_AFTER_DAYS = 180;
/**
 * Open connections one vCPU holds while they mostly sit idle (a WebSocket or
 * SSE server in Node, Go or the JVM; far below the 50k+ an event loop can hold,
 * to leave room for TLS, keep-alives and fan-out).
 */
export const CONNECTIONS_PER_VCPU = 5000;
/** Memory one open connection holds on a server: socket buffers plus the session's state. */
export const CONNECTION_MEMORY_KB = 64;
/** ALB: 3,000 active connections a minute per LCU (aws.amazon.com/elasticloadbalancing/pricing). */
export const ALB_CONNECTIONS_PER_LCU = 3000;
/** Background runs at least this long are jobs: priced per run on AWS Batch, not as a fleet. */
export const JOB_MIN_MS = 60_000;
/** Fallback when a catalog has no memoryMbPerVcpu: Lambda's one-vCPU memory setting. */
export const LAMBDA_MEMORY_MB_PER_VCPU = 1769;
/** A GPU busy at most this share of the time, as for CPUs: requests queue past it. */
export const GPU_TARGET_UTILISATION = 0.6;
