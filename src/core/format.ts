// Number formatting shared by the core's sentences and the renderers.
// Fixed 'en-US' so output does not depend on the machine's locale.

// Hand-rolled rather than Intl.NumberFormat: these run many times in every
// assessment, and Intl's formatting is several times slower.

/** "1234567" -> "1,234,567" (digits only). */
export function groupDigits(digits: string): string {
  return digits.length <= 3 ? digits : digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "$30.37"; over $10,000 drops the cents: "$12,345". */
export function formatUsd(amount: number): string {
  if (!Number.isFinite(amount)) return 'n/a';
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  if (abs >= 10_000) return `${sign}$${groupDigits(String(Math.round(abs)))}`;
  const cents = Math.round(abs * 100);
  if (cents === 0) return '$0.00';
  const rest = cents % 100;
  return `${sign}$${groupDigits(String(Math.floor(cents / 100)))}.${rest < 10 ? '0' : ''}${rest}`;
}

export function formatInt(n: number): string {
  const rounded = Math.round(n);
  return rounded < 0 ? `-${groupDigits(String(-rounded))}` : groupDigits(String(rounded));
}

/** Up to `digits` significant digits, no trailing zeros: 0.0347 -> "0.035", 1234 -> "1,234". */
export function formatSig(n: number, digits = 2): string {
  if (n === 0) return '0';
  if (Math.abs(n) >= 100) return formatInt(n);
  return String(Number(n.toPrecision(digits)));
}

/** 2_628_000_000 -> "2.63 B"; 81_500 -> "81,500". */
export function formatCount(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${formatSig(n / 1e9, 3)} B`;
  if (abs >= 1e6) return `${formatSig(n / 1e6, 3)} M`;
  return abs >= 100 ? formatInt(n) : formatSig(n, 3);
}

/** 100 -> "100 ms", 2500 -> "2.5 s", 2_700_000 -> "45 min", 21_600_000 -> "6 h". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${formatSig(ms, 3)} ms`;
  if (ms < 60_000) return `${formatSig(ms / 1000, 3)} s`;
  if (ms < 3_600_000) return `${formatSig(ms / 60_000, 3)} min`;
  return `${formatSig(ms / 3_600_000, 3)} h`;
}

export function formatDurationRange(typicalMs: number, worstMs: number): string {
  return typicalMs === worstMs ? formatDuration(typicalMs) : `${formatDuration(typicalMs)} (worst ${formatDuration(worstMs)})`;
}

/** A request rate in the unit a person would use: "12 req/s", "40 req/min", "300 req/hour", "3 req/day". */
export function formatRate(rps: number): string {
  if (rps >= 1) return `${formatSig(rps, 3)} req/s`;
  if (rps * 60 >= 1) return `${formatSig(rps * 60, 3)} req/min`;
  if (rps * 3600 >= 1) return `${formatSig(rps * 3600, 3)} req/hour`;
  return `${formatSig(rps * 86_400, 3)} req/day`;
}

export function formatMemory(mb: number): string {
  return mb >= 1024 && mb % 256 === 0 ? `${formatSig(mb / 1024, 3)} GB` : `${formatInt(mb)} MB`;
}

export function formatPercent(fraction: number): string {
  return `${formatSig(fraction * 100, 2)}%`;
}
