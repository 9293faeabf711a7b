// Numbers as people type them: "15K", "2.6 billion", "1,000", "a few thousand",
// "a dozen", "~500". Word forms are rewritten to digits up front so every other
// finder only has to match digits. Approximation is carried by a marker in front
// of the digits: "~" for "about" and ROUGH for vague amounts ("a few thousand").

export type Approx = 'exact' | 'about' | 'rough';

/** Marks a vague amount; a control character, so it cannot come from the person. */
export const ROUGH = '\u0002';

/** Multipliers around the expected value, per kind of approximation. */
export const SPREADS: Record<Exclude<Approx, 'exact'>, { low: number; high: number }> = {
  about: { low: 0.8, high: 1.25 },
  // "a few thousand" = about 3,000, read as 2,000 to 5,000.
  rough: { low: 2 / 3, high: 5 / 3 },
};

const SCALE_WORDS: Record<string, number> = {
  k: 1e3, thousand: 1e3, thousands: 1e3,
  m: 1e6, mn: 1e6, mil: 1e6, mio: 1e6, million: 1e6, millions: 1e6,
  b: 1e9, bn: 1e9, billion: 1e9, billions: 1e9,
};

const SMALL: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, ninety: 90,
};

const VAGUE: Record<string, number> = {
  'a few': 3, few: 3, 'a couple of': 2, 'a couple': 2, 'couple of': 2, couple: 2, several: 5, 'a handful of': 5,
};

const BIG: Record<string, number> = { dozen: 12, hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9 };

const PLURAL_OF: Record<string, number> = {
  'tens of thousands': 3e4, 'hundreds of thousands': 3e5, dozens: 36, hundreds: 300, thousands: 3e3,
  millions: 3e6, billions: 3e9,
};

const VAGUE_SRC = 'a few|few|a couple of|a couple|couple of|couple|several|a handful of';
// One pass over the text; alternatives are tried in this order at each position.
const RE_WORDS = new RegExp(
  [
    `\\b(?<halfHour>half an hour)\\b`,
    `\\ban? (?<andHalf>hour|minute|second|day) and a half\\b`,
    // "half a second", "half a gig": the unit stays for the finders.
    `\\b(?<halfUnit>half an?) (?=(?:second|minute|hour|day|week|gig|gigabyte|gb|meg|megabyte|mb|terabyte|tb)s?\\b)`,
    `\\b(?<vague>${VAGUE_SRC}) (?<vagueScale>hundred|thousand|million|billion)s?\\b`,
    `\\b(?<plural>tens of thousands|hundreds of thousands|dozens|hundreds|thousands|millions|billions) of\\b`,
    `\\b(?<lead>half a|a half|an?|one) (?<big>dozen|hundred|thousand|million|billion)\\b`,
    `\\b(?<vagueCount>${VAGUE_SRC}) (?=[a-z])`,
    `\\b(?<small>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety)\\b`,
  ].join('|'),
  'g',
);
const RE_ABOUT =
  // eslint-disable-next-line no-control-regex -- the vague-amount marker is a control character on purpose (numbers.ts)
  /\b(?:about|around|roughly|approximately|approx\.?|circa|ca\.|maybe|perhaps|estimated|est\.|nearly|almost|close to|something like)\s?(?=\d|an? |\u0002)/g;
const AND_A_HALF = /(?<![\d.])(\d{1,6}) and an? half\b/g;
const RE_ISH = /(\d[\d,.]*(?: ?[kmb])?)-?ish\b/g;

function rewriteWord(match: string, g: Record<string, string | undefined>): string {
  if (g.halfHour) return '30 minutes';
  if (g.andHalf) return { hour: '90 minutes', minute: '90 seconds', second: '1.5 seconds', day: '36 hours' }[g.andHalf] ?? match;
  if (g.halfUnit) return '0.5 ';
  if (g.vague) return `${ROUGH}${(VAGUE[g.vague] ?? 3) * (BIG[g.vagueScale ?? ''] ?? 1)}`;
  if (g.plural) return `${ROUGH}${PLURAL_OF[g.plural] ?? 3}`;
  if (g.big) return String(((g.lead ?? '').includes('half') ? 0.5 : 1) * (BIG[g.big] ?? 1));
  if (g.vagueCount) return `${ROUGH}${VAGUE[g.vagueCount] ?? 3} `;
  if (g.small) return String(SMALL[g.small] ?? g.small);
  return match;
}

/** Rewrites number words to digits and approximation words to markers. Input is lower-case. */
export function rewriteNumberWords(text: string): string {
  // An exec loop rather than replace(fn): no per-match argument arrays.
  let out = '';
  let from = 0;
  RE_WORDS.lastIndex = 0;
  for (let m = RE_WORDS.exec(text); m !== null; m = RE_WORDS.exec(text)) {
    out += text.slice(from, m.index) + rewriteWord(m[0], m.groups ?? {});
    from = m.index + m[0].length;
  }
  out = from === 0 ? text : out + text.slice(from);
  // "two and a half seconds" is "2 and a half" by now.
  if (out.includes(' and a half')) out = out.replace(AND_A_HALF, (_m, n: string) => String(Number(n) + 0.5));
  out = out.replace(RE_ABOUT, '~');
  if (out.includes('ish')) out = out.replace(RE_ISH, '~$1');
  // eslint-disable-next-line no-control-regex -- the vague-amount marker is a control character on purpose (numbers.ts)
  if (out.includes('\u0002') && out.includes('~')) out = out.replace(/~\s?\u0002/g, ROUGH);
  return out;
}

/**
 * Source of a number with optional approximation marker and scale word, with
 * named groups `${name}a` (marker), `${name}` (digits), `${name}s` (scale).
 * Digits are capped at 15 so every value stays a finite, exact double.
 */
export function numberSource(name: string, withScale: boolean): string {
  const marker = `(?<${name}a>~ ?|\\u0002)?`;
  const digits = `(?<![a-z\\d.,])(?<${name}>\\d{1,3}(?:,\\d{3}){1,4}(?![\\d,])|\\d{1,15}(?:\\.\\d{1,6})?|\\.\\d{1,6})`;
  const scale = withScale
    ? `(?: ?(?<${name}s>k|thousand|m|mn|mil|mio|million|b|bn|billion)(?![a-z]))?`
    : '';
  return `${marker}${digits}${scale}`;
}

export interface ReadNumber {
  value: number;
  approx: Approx;
  scaled: boolean;
}

// A figure's scale and marker group names, worded once per name: a name built
// on every read is a new string each time, and a slower property key.
const GROUP_NAMES = new Map<string, { scale: string; marker: string }>();

function groupNames(name: string): { scale: string; marker: string } {
  let names = GROUP_NAMES.get(name);
  if (names === undefined) {
    names = { scale: `${name}s`, marker: `${name}a` };
    GROUP_NAMES.set(name, names);
  }
  return names;
}

export function readNumber(groups: Record<string, string | undefined> | undefined, name: string): ReadNumber | null {
  const digits = groups?.[name];
  if (digits === undefined) return null;
  const base = Number(digits.includes(',') ? digits.replace(/,/g, '') : digits);
  if (!Number.isFinite(base)) return null;
  const names = groupNames(name);
  const scaleWord = groups?.[names.scale];
  const scale = scaleWord === undefined ? 1 : (SCALE_WORDS[scaleWord] ?? 1);
  const marker = groups?.[names.marker];
  const approx: Approx = marker === undefined ? 'exact' : marker.startsWith('~') ? 'about' : 'rough';
  return { value: base * scale, approx, scaled: scaleWord !== undefined };
}

/**
 * A range "2-3", "20 to 30", "10-20k": the low end borrows the high end's
 * scale when it has none ("10-20k" is 10,000 to 20,000).
 */
export function readRange(
  groups: Record<string, string | undefined> | undefined,
  lowName: string,
  highName: string,
): { low: number; high: number; approx: Approx } | null {
  const low = readNumber(groups, lowName);
  if (!low) return null;
  const high = readNumber(groups, highName);
  if (!high) return { low: low.value, high: low.value, approx: low.approx };
  let lowValue = low.value;
  if (!low.scaled && high.scaled) {
    const scale = SCALE_WORDS[groups?.[groupNames(highName).scale] ?? ''] ?? 1;
    if (lowValue * scale <= high.value) lowValue *= scale;
  }
  const [a, b] = lowValue <= high.value ? [lowValue, high.value] : [high.value, lowValue];
  return { low: a, high: b, approx: low.approx === 'exact' ? high.approx : low.approx };
}

/** Source of "N" or "N-M" / "N to M" with groups `${name}lo*` and `${name}hi*`. */
export function rangeSource(name: string, withScale: boolean): string {
  return `${numberSource(`${name}lo`, withScale)}(?: ?(?:-|to|–) ?${numberSource(`${name}hi`, withScale)})?`;
}
