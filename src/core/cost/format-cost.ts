// Number wording for sentences, labels and assumptions; fixed, not locale-dependent,
// so the same input gives the same text on every machine.

import { groupDigits as group } from '../format.js';

/** 1234.5 -> "$1,234.50"; negative -> "-$1.00". Integer cents, not toFixed: this runs on every estimate. */
export function formatUsd(amount: number): string {
  const cents = Math.round(Math.abs(amount) * 100);
  const sign = amount < 0 && cents > 0 ? '-' : '';
  const rest = cents % 100;
  return `${sign}$${group(String(Math.floor(cents / 100)))}.${rest < 10 ? '0' : ''}${rest}`;
}

/** Two significant figures, grouped: 140, 1,400, 3.5, 0.035. */
export function formatRps(rps: number): string {
  if (rps === 0) return '0';
  if (rps >= 100) {
    const magnitude = 10 ** (Math.floor(Math.log10(rps)) - 1);
    return group(String(Math.round(rps / magnitude) * magnitude));
  }
  return String(Number(rps.toPrecision(2)));
}

/** 0.0001 -> "0.0001", 100000 -> "100,000": for range ends. */
export function formatPlain(n: number): string {
  return n >= 1 ? group(String(Math.round(n))) : String(n);
}

/** 6e9 -> "6 B", 7.5e9 -> "7.5 B", 3e8 -> "300M", 1e4 -> "10k". */
/** Two decimals at most, trailing zeros dropped. Module-level: formatCount is on the hot path. */
function trim(x: number): string {
  return String(Number(x.toFixed(2)));
}

export function formatCount(n: number): string {
  if (n >= 1e9) return `${trim(n / 1e9)} B`;
  if (n >= 1e6) return `${trim(n / 1e6)}M`;
  if (n >= 1e4) return `${trim(n / 1e3)}k`;
  return trim(n);
}

/** 0.034 -> "3.4%", 0.5 -> "50%", 0.002 -> "0.2%". */
export function formatPercent(share: number): string {
  const pct = share * 100;
  if (pct !== 0 && Math.abs(pct) < 1) return `${Number(pct.toPrecision(1))}%`;
  if (Math.abs(pct) < 10) return `${Number(pct.toFixed(1))}%`;
  return `${Math.round(pct)}%`;
}

/** 12288 -> "12,288", 0.4 -> "0.4", 1.25 -> "1.25": for MB, seconds and vCPU in sentences. */
export function formatAmount(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  if (Number.isInteger(rounded)) return group(String(rounded));
  const text = String(rounded);
  const dot = text.indexOf('.');
  // Very small or large numbers print in exponent form; those are not worth grouping.
  return dot === -1 || text.includes('e') ? text : `${group(text.slice(0, dot))}${text.slice(dot)}`;
}
