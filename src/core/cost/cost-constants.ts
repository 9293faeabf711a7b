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
