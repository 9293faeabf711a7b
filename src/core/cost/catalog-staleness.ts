import { CATALOG_STALE_AFTER_DAYS } from './cost-constants.js';

const DAY_MS = 86_400_000;

/** What a card says after the catalog date when the prices are old: what is wrong, and the command that fixes it. */
export const STALE_PRICES_NOTE = `older than ${CATALOG_STALE_AFTER_DAYS} days; \`serverless-fit pricing refresh\` writes a current catalog`;

/** True when the catalog's as-of date (yyyy-mm-dd) is more than 180 days before `today`. */
export function isCatalogStale(asOf: string, today: Date): boolean {
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  if (Number.isNaN(asOfMs)) return true;
  // Whole days, so the answer does not change with the hour of the day.
  return Math.floor((today.getTime() - asOfMs) / DAY_MS) > CATALOG_STALE_AFTER_DAYS;
}
