// Numbers in the words a person checks: "15,000", "11M", "2-3 s", "1,536 MB".

export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100 || Number.isInteger(n)) return groupThousands(Math.round(n));
  return String(Number(n.toPrecision(3)));
}

function groupThousands(n: number): string {
  const digits = String(Math.abs(n));
  if (digits.length <= 3 || !/^\d+$/.test(digits)) return String(n);
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

/** 10,950,000 -> "11M", 2,628,000,000 -> "2.6B", 81,500 -> "82K", 30.4 -> "30". */
export function formatCompact(n: number): string {
  const units: [number, string][] = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
  for (const [size, suffix] of units) {
    if (Math.abs(n) >= size * 0.9995 && Math.abs(n) >= 1e4) {
      const v = n / size;
      return `${v < 10 ? stripZero(v.toFixed(1)) : Math.round(v)}${suffix}`;
    }
  }
  return formatCount(n < 100 ? Number(n.toPrecision(2)) : n);
}

function stripZero(s: string): string {
  return s.replace(/\.0$/, '');
}

const MS_UNITS: [number, string][] = [[3_600_000, 'h'], [60_000, 'min'], [1000, 's'], [1, 'ms']];

// The largest unit that reads naturally: "90 s" rather than "1.5 min", "45 min", "2 h".
function msUnit(ms: number): [number, string] {
  for (const unit of MS_UNITS) {
    if (unit[0] === 1 || (ms >= unit[0] && (ms >= 2 * unit[0] || ms % unit[0] === 0))) return unit;
  }
  return [1, 'ms'];
}

function inUnit(ms: number, size: number): string {
  return String(Number((ms / size).toFixed(2)));
}

/** 2000 -> "2 s"; (2500, 3000) -> "2.5-3 s". */
export function formatDuration(typicalMs: number, worstMs = typicalMs): string {
  const [size, label] = msUnit(worstMs);
  if (worstMs === typicalMs) return `${inUnit(typicalMs, size)} ${label}`;
  return `${inUnit(typicalMs, size)}-${inUnit(worstMs, size)} ${label}`;
}

export function formatMb(mb: number): string {
  return `${formatCount(mb)} MB`;
}
