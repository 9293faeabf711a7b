// Figures the finders cannot read as written: scientific and power notation
// ("1e6", "10^6", "2x10^5"), decimal commas ("1,5 GB") and negative figures
// ("-100 rps"). Readable ones are rewritten to plain digits; the rest are
// replaced by a marker no finder reads, with a sentence saying why, so a figure
// is never half-read ("10^15" as 15, "1e-9" as 9, "-100" as 100).

/** Stands where a refused figure was; a control character, so it cannot come from the person. */
export const REFUSED = '\u0003';

/** Plain-digit figures above this are beyond any real workload (and past exact doubles). */
const MAX_FIGURE = 1e15;
/** Below this a figure cannot be written with the six decimals the finders read. */
const MIN_FIGURE = 1e-6;

const SCIENTIFIC = /(?<![\w.,])(?<m>\d{1,15}(?:\.\d{1,15})?)e(?<e>[+-]?\d{1,4})(?![\d.])/g;
const SCIENTIFIC_HINT = /\de[+-]?\d/;
const POWER = /(?<![\w.,])(?:(?<m>\d{1,15}(?:\.\d{1,15})?) ?(?:x|\*) ?)?10 ?(?:\^|\*\*) ?(?<e>[+-]?\d{1,4})(?![\d.])/g;
const NEGATIVE = /(?<=^|[\s(:=,;])-(?<n>\.?\d[\d,]*(?:\.\d+)?)/g;
// "1,5 GB", "2,5 s": a comma with one or two digits before a unit is a decimal comma ("1,000" keeps its meaning).
const DECIMAL_COMMA =
  /(?<=\d),(?=\d{1,2} ?(?:k|m|b|thousand|million|billion|gb|gib|gigs?|g|mb|mib|megs?|tb|kb|ms|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|x|%|rps|qps)(?![a-z]))/g;
const NEXT_WORD = /^ ?[a-z%/]{1,12}/;

export interface NotationRead {
  text: string;
  refused: string[];
}

function plain(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

function quoteAt(text: string, start: number, end: number): string {
  return (text.slice(start, end) + (NEXT_WORD.exec(text.slice(end))?.[0] ?? '')).trim();
}

/** Rewrites one notation; refused figures become REFUSED and a sentence in `refused`. */
function rewrite(text: string, re: RegExp, refused: string[]): string {
  if (!re.test(text)) return text;
  re.lastIndex = 0;
  let out = '';
  let from = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const mantissa = m.groups?.m === undefined ? 1 : Number(m.groups.m);
    const value = mantissa * 10 ** Number(m.groups?.e);
    let replacement: string;
    if (!Number.isFinite(value) || value >= MAX_FIGURE) {
      refused.push(`I could not use "${quoteAt(text, m.index, m.index + m[0].length)}": that figure is beyond any real workload; check it and give it in plain digits.`);
      replacement = REFUSED;
    } else if (value > 0 && value < MIN_FIGURE) {
      refused.push(`I could not use "${quoteAt(text, m.index, m.index + m[0].length)}": that figure is too small to be real; check its unit.`);
      replacement = REFUSED;
    } else replacement = plain(value);
    out += text.slice(from, m.index) + replacement;
    from = m.index + m[0].length;
  }
  return out + text.slice(from);
}

/** Input is the lower-case, normalised text. */
export function readNotation(input: string): NotationRead {
  const refused: string[] = [];
  let text = input.includes(',') ? input.replace(DECIMAL_COMMA, '.') : input;
  if (SCIENTIFIC_HINT.test(text)) text = rewrite(text, SCIENTIFIC, refused);
  if (text.includes('^') || text.includes('**')) text = rewrite(text, POWER, refused);
  if (text.includes('-')) text = refuseNegatives(text, refused);
  return { text, refused };
}

function refuseNegatives(text: string, refused: string[]): string {
  let out = '';
  let from = 0;
  NEGATIVE.lastIndex = 0;
  for (let m = NEGATIVE.exec(text); m !== null; m = NEGATIVE.exec(text)) {
    // "20 -30 ms" is a range written loosely, not a negative figure.
    if (/\d\s*$/.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
    refused.push(`I could not use "${quoteAt(text, m.index, m.index + m[0].length)}": a figure cannot be negative.`);
    out += text.slice(from, m.index) + REFUSED;
    from = m.index + m[0].length;
  }
  return from === 0 ? text : out + text.slice(from);
}
