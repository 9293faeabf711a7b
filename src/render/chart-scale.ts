// Log scales and their ticks for the hand-drawn charts: values to pixels, and
// round numbers to label (powers of ten, or 1-2-5 steps when the range is
// too short for three powers of ten).

export interface Tick {
  value: number;
  label: string;
  /** Pixel position along the axis. */
  at: number;
}

export function logScale([lo, hi]: [number, number], [from, to]: [number, number]): (value: number) => number {
  const logLo = Math.log10(lo);
  const span = Math.log10(hi) - logLo || 1;
  return (value) => from + ((Math.log10(value) - logLo) / span) * (to - from);
}

export function logTicks(lo: number, hi: number, scale: (value: number) => number, label: (value: number) => string): Tick[] {
  const inside = (v: number) => v >= lo / 1.000001 && v <= hi * 1.000001;
  const candidates = (steps: readonly number[]) => {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const step of steps) {
        // Rounded to the decade's precision so 0.1 * 3 style float noise never reaches a label.
        const v = Number((step * 10 ** e).toPrecision(6));
        if (inside(v)) out.push(v);
      }
    }
    return out;
  };
  let values = candidates([1]);
  if (values.length < 3) values = candidates([1, 2, 5]);
  return values.map((value) => ({ value, label: label(value), at: scale(value) }));
}

/** 0.0001, 0.5, 20, 1k, 50k, 1M */
export function formatRpsTick(v: number): string {
  if (v >= 1e6) return `${trimmed(v / 1e6)}M`;
  if (v >= 1e3) return `${trimmed(v / 1e3)}k`;
  if (v >= 1) return trimmed(v);
  return v.toFixed(Math.max(0, -Math.floor(Math.log10(v) + 1e-9))).replace(/(\.\d*?[1-9])0+$/, '$1');
}

/** $0.001, $0.01, $0.50, $1, $20, $1k, $500k, $2M */
export function formatUsdTick(v: number): string {
  if (v >= 1e6) return `$${trimmed(v / 1e6)}M`;
  if (v >= 1e3) return `$${trimmed(v / 1e3)}k`;
  if (v >= 1) return `$${trimmed(v)}`;
  return `$${v.toFixed(v < 0.01 ? 3 : 2)}`;
}

function trimmed(v: number): string {
  return String(Number(v.toPrecision(3)));
}
