import { CATALOG_STALE_AFTER_DAYS } from './cost-constants.js';

const DAY_MS = 86_400_000;

/** True when the catalog's as-of date (yyyy-mm-dd) is more than 180 days before `today`. */
export function isCatalogStale(asOf: string, today: Date): boolean {
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  if (Number.isNaN(asOfMs)) return true;
  // Whole days, so the answer does not change with the hour of the day.
  return Math.floor((today.getTime() - asOfMs) / DAY_MS) > CATALOG_STALE_AFTER_DAYS;
}
