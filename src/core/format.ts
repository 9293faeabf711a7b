// Every number the project prints, in one place: each function's name says its style,
// so a sentence, a cost line and a card row that show the same figure show it alike.
// Fixed 'en-US' so output does not depend on the machine's locale. Grouping is
// written out by hand for the numbers the engine prints (an Intl call costs about
// a microsecond, and an assessment prints a few dozen); Intl, built once per
// process, still prints what the hand path does not cover, and a property test
// holds the two to the same output.

// Built on first use: the first Intl object of a process loads ICU's locale data, a cost a
// one-shot command pays only when a figure is outside the hand-written path.
let groupedFormat: Intl.NumberFormat | undefined;
let upToTwoDecimalsFormat: Intl.NumberFormat | undefined;
const GROUPED = { format: (x: number) => (groupedFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })).format(x) };
const UP_TO_TWO_DECIMALS = { format: (x: number) => (upToTwoDecimalsFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })).format(x) };
/** Below this, a double's shortest decimal form is plain digits and Intl prints exactly those digits. */
const PLAIN_DIGITS_BELOW = 2 ** 53;

// toFixed and toPrecision convert through exact decimal arithmetic, a
// microsecond or more each, and an assessment rounds dozens of figures. The
// same value comes from scaled integer arithmetic whenever the scaled figure is
// clearly away from a rounding tie (by far more than the scaling's rounding
// error), the nearest integer is the one the exact conversion picks, and dividing that
// integer by an exact power of ten gives the double nearest the decimal, which
// is what Number() of the decimal string gives. Near a tie, and outside the
// ranges where powers of ten are exact, the exact conversion still decides.

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** The integer `scaled` rounds to, or NaN when it sits too near a tie (or too large) to round without the exact conversion. */
function roundAwayFromTie(scaled: number): number {
  if (!(scaled < 1e15)) return NaN;
  const floor = Math.floor(scaled);
  const frac = scaled - floor;
  // One multiplication or division errs by at most scaled x 2^-53 (1.1e-16); keep ten times that from a tie.
  if (Math.abs(frac - 0.5) < 1e-9 + scaled * 1e-15) return NaN;
  return frac > 0.5 ? floor + 1 : floor;
}

/** Number(x.toFixed(digits)), for 0 <= digits <= 20. */
export function roundToDecimals(x: number, digits: number): number {
  const abs = Math.abs(x);
  if (abs > 0 && abs < 1e15 && digits <= 15) {
    const power = POWERS_OF_TEN[digits]!;
    const n = roundAwayFromTie(abs * power);
    if (n === n) {
      const value = n / power;
      // A figure that rounds to zero keeps its sign ("-0.00" is -0): zeros are left to toFixed.
      if (value !== 0) return x < 0 ? -value : value;
    }
  }
  return Number(x.toFixed(digits));
}

/** Number(x.toPrecision(digits)), for 1 <= digits <= 15. */
export function roundToSignificant(x: number, digits: number): number {
  const abs = Math.abs(x);
  if (abs >= 1e-12 && abs < 1e15 && digits >= 1 && digits <= 15) {
    // 10^(digits-1) <= abs x 10^shift < 10^digits, checked below (log10 can be off by one next to a power of ten).
    const shift = digits - 1 - Math.floor(Math.log10(abs));
    if (shift >= -22 && shift <= 22) {
      const scaled = shift >= 0 ? abs * POWERS_OF_TEN[shift]! : abs / POWERS_OF_TEN[-shift]!;
      const low = POWERS_OF_TEN[digits - 1]!;
      if (scaled >= low * (1 + 1e-12) && scaled < low * 10 * (1 - 1e-12)) {
        const n = roundAwayFromTie(scaled);
        if (n === n) {
          const value = shift >= 0 ? n / POWERS_OF_TEN[shift]! : n * POWERS_OF_TEN[-shift]!;
          if (value < 2 ** 53) return x < 0 ? -value : value;
        }
      }
    }
  }
  return Number(x.toPrecision(digits));
}

/** "1234567" -> "1,234,567": a run of decimal digits, no sign. */
function commas(digits: string): string {
  const n = digits.length;
  if (n <= 3) return digits;
  let out = digits.slice(0, ((n - 1) % 3) + 1);
  for (let i = out.length; i < n; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

/** A whole number with thousands separators; the caller has rounded it. */
function grouped(whole: number): string {
  // Intl prints negative zero as "-0".
  if (whole === 0) return '0';
  if (!(Math.abs(whole) < PLAIN_DIGITS_BELOW)) return GROUPED.format(whole);
  return whole < 0 ? `-${commas(String(-whole))}` : commas(String(whole));
}

/** Up to two decimals, grouped, as the en-US Intl format with maximumFractionDigits 2 prints it. */
function formatUpToTwoDecimals(x: number): string {
  // x * 100 stays below 2 ** 53, so x is k / 100 exactly as JavaScript rounds it and its shortest form has at most two decimals.
  if (!(Math.abs(x) < PLAIN_DIGITS_BELOW / 128) || Object.is(x, -0)) return UP_TO_TWO_DECIMALS.format(x);
  const text = String(x);
  const sign = x < 0 ? 1 : 0;
  const dot = text.indexOf('.');
  // Exponent forms and anything with more than two decimals (x was not rounded to cents) are Intl's to round.
  if (text.includes('e') || (dot !== -1 && text.length - dot > 3)) return UP_TO_TWO_DECIMALS.format(x);
  if (dot === -1) return sign ? `-${commas(text.slice(1))}` : commas(text);
  return `${sign ? '-' : ''}${commas(text.slice(sign, dot))}${text.slice(dot)}`;
}

// ------------------------------------------------------------------- money

/** Always cents: 1234.5 -> "$1,234.50"; negative -> "-$1.00". */
function formatUsdCents(amount: number): string {
  if (!Number.isFinite(amount)) return 'n/a';
  // Integer cents first (not Intl's own rounding): the same total must print the same everywhere.
  const cents = Math.round(Math.abs(amount) * 100);
  const sign = amount < 0 && cents > 0 ? '-' : '';
  const rest = cents % 100;
  return `${sign}$${grouped(Math.floor(cents / 100))}.${rest < 10 ? '0' : ''}${rest}`;
}

/** Every dollar amount the project prints: cents below $10,000, whole dollars from there ("$30.37", "$12,345"). */
export function formatUsdRounded(amount: number): string {
  if (!Number.isFinite(amount)) return 'n/a';
  if (Math.abs(amount) < 10_000) return formatUsdCents(amount);
  return `${amount < 0 ? '-' : ''}$${grouped(Math.round(Math.abs(amount)))}`;
}

// ------------------------------------------------------------------ counts

/** Rounded to a whole number and grouped: 1234567.4 -> "1,234,567". */
export function formatCountRounded(n: number): string {
  return grouped(Math.round(n));
}

/** Grouped, keeping a fraction below 100: 15000 -> "15,000", 12.5 -> "12.5", 0.4567 -> "0.457". */
export function formatCountGrouped(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100 || Number.isInteger(n)) return grouped(Math.round(n));
  return String(roundToSignificant(n, 3));
}

/** Up to `digits` significant digits, no trailing zeros: 0.0347 -> "0.035", 1234 -> "1,234". */
export function formatSignificant(n: number, digits = 2): string {
  if (n === 0) return '0';
  if (Math.abs(n) >= 100) return formatCountRounded(n);
  return String(roundToSignificant(n, digits));
}

/** Millions and billions as words a person reads aloud: 2_628_000_000 -> "2.63 B", 81_500 -> "81,500". */
export function formatCountScaled(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${formatSignificant(n / 1e9, 3)} B`;
  if (abs >= 1e6) return `${formatSignificant(n / 1e6, 3)} M`;
  return abs >= 100 ? formatCountRounded(n) : formatSignificant(n, 3);
}

/** Price-sheet style, for tier sizes and allowances: 6e9 -> "6 B", 3e8 -> "300M", 1e4 -> "10k", 999 -> "999". */
export function formatCountShort(n: number): string {
  if (n >= 1e9) return `${trimTwo(n / 1e9)} B`;
  if (n >= 1e6) return `${trimTwo(n / 1e6)}M`;
  if (n >= 1e4) return `${trimTwo(n / 1e3)}k`;
  return trimTwo(n);
}

const COMPACT_UNITS: readonly (readonly [number, string])[] = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];

/** Two or three characters and a suffix, for labels with little room: 10_950_000 -> "11M", 81_500 -> "82K", 30.4 -> "30". */
export function formatCountCompact(n: number): string {
  for (const [size, suffix] of COMPACT_UNITS) {
    if (Math.abs(n) >= size * 0.9995 && Math.abs(n) >= 1e4) {
      const v = n / size;
      // One decimal with ".0" dropped is the shortest form of the value rounded to one decimal.
      return `${v < 10 ? roundToDecimals(v, 1) : Math.round(v)}${suffix}`;
    }
  }
  return formatCountGrouped(n < 100 ? roundToSignificant(n, 2) : n);
}

/** Two decimals at most, trailing zeros dropped. */
function trimTwo(x: number): string {
  return String(roundToDecimals(x, 2));
}

/** Two significant figures, grouped: 140, 1,400, 3.5, 0.035. For request rates. */
export function formatRps(rps: number): string {
  if (rps === 0) return '0';
  if (rps >= 100) {
    const magnitude = 10 ** (Math.floor(Math.log10(rps)) - 1);
    return grouped(Math.round(rps / magnitude) * magnitude);
  }
  return String(roundToSignificant(rps, 2));
}

/** Whole and grouped from 1, as written below it: 100000 -> "100,000", 0.0001 -> "0.0001". For range ends. */
export function formatPlain(n: number): string {
  return n >= 1 ? grouped(Math.round(n)) : String(n);
}

/** Two decimals at most, grouped: 12288 -> "12,288", 0.4 -> "0.4", 1.25 -> "1.25". For MB, seconds and vCPU. */
export function formatAmount(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  // Very small or large numbers print in exponent form; those are not worth grouping.
  if (!Number.isInteger(rounded) && String(rounded).includes('e')) return String(rounded);
  return formatUpToTwoDecimals(rounded);
}

// ------------------------------------------------------------------- shares

/** Two significant digits: 0.034 -> "3.4%", 0.5 -> "50%", 0.00123 -> "0.12%". */
export function formatPercent(fraction: number): string {
  return `${formatSignificant(fraction * 100, 2)}%`;
}

/** One decimal below 10%, none above, one digit below 1%: 0.034 -> "3.4%", 0.5 -> "50%", 0.002 -> "0.2%". */
export function formatPercentShort(share: number): string {
  const pct = share * 100;
  if (pct !== 0 && Math.abs(pct) < 1) return `${roundToSignificant(pct, 1)}%`;
  if (Math.abs(pct) < 10) return `${roundToDecimals(pct, 1)}%`;
  return `${Math.round(pct)}%`;
}

// ------------------------------------------------------------ time and size

/** 100 -> "100 ms", 2500 -> "2.5 s", 2_700_000 -> "45 min", 21_600_000 -> "6 h". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${formatSignificant(ms, 3)} ms`;
  if (ms < 60_000) return `${formatSignificant(ms / 1000, 3)} s`;
  if (ms < 3_600_000) return `${formatSignificant(ms / 60_000, 3)} min`;
  return `${formatSignificant(ms / 3_600_000, 3)} h`;
}

/** "2 s", or "2 s (worst 5 s)" when the worst case differs. */
export function formatDurationRange(typicalMs: number, worstMs: number): string {
  return typicalMs === worstMs ? formatDuration(typicalMs) : `${formatDuration(typicalMs)} (worst ${formatDuration(worstMs)})`;
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
  return String(roundToDecimals(ms / size, 2));
}

/** As a person says it back: 2000 -> "2 s", 90_000 -> "90 s"; (2500, 3000) -> "2.5-3 s". */
export function formatDurationSpan(typicalMs: number, worstMs = typicalMs): string {
  const [size, label] = msUnit(worstMs);
  if (worstMs === typicalMs) return `${inUnit(typicalMs, size)} ${label}`;
  return `${inUnit(typicalMs, size)}-${inUnit(worstMs, size)} ${label}`;
}

/** A request rate in the unit a person would use: "12 req/s", "40 req/min", "300 req/hour", "3 req/day". */
export function formatRate(rps: number): string {
  if (rps >= 1) return `${formatSignificant(rps, 3)} req/s`;
  if (rps * 60 >= 1) return `${formatSignificant(rps * 60, 3)} req/min`;
  if (rps * 3600 >= 1) return `${formatSignificant(rps * 3600, 3)} req/hour`;
  return `${formatSignificant(rps * 86_400, 3)} req/day`;
}

/** "1.5 GB" for whole quarter-gigabytes, else "1,000 MB". */
export function formatMemory(mb: number): string {
  return mb >= 1024 && mb % 256 === 0 ? `${formatSignificant(mb / 1024, 3)} GB` : `${formatCountRounded(mb)} MB`;
}

/** Megabytes as stated: 1536 -> "1,536 MB", 0.5 -> "0.5 MB". */
export function formatMb(mb: number): string {
  return `${formatCountGrouped(mb)} MB`;
}
