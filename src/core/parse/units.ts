// Time units for durations and latency, in milliseconds.

export const TIME_UNIT_SOURCE =
  'milliseconds?|millis|msecs?|ms|microseconds?|seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?';

export function unitMs(unit: string | undefined): number | null {
  if (unit === undefined) return null;
  if (unit.startsWith('micro')) return 0.001;
  if (unit.startsWith('ms') || unit.startsWith('milli') || unit.startsWith('msec')) return 1;
  if (unit.startsWith('s')) return 1000;
  if (unit.startsWith('m')) return 60_000;
  if (unit.startsWith('h')) return 3_600_000;
  if (unit.startsWith('d')) return 86_400_000;
  return null;
}
