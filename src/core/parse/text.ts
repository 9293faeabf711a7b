import { readNotation } from './notation.js';
import { rewriteNumberWords } from './numbers.js';

// Everything downstream reads one normalised, lower-case string, so each
// finder can use simple patterns. Positions in spans refer to this string.

/** Longer input is cut: the parser must stay fast on anything pasted into a chat. */
export const MAX_SCAN_CHARS = 4000;

export interface Normalised {
  text: string;
  truncated: boolean;
  /** Figures refused as written (negative, beyond sense), each with a sentence for the person. */
  refused: string[];
}

// Control characters become spaces first, so the markers numbers.ts writes
// (\u0002) can never come from the person.
// eslint-disable-next-line no-control-regex -- replacing control characters is the point
const ODD_CHARS = /[\u0000-\u001f\u007f-\u009f\u2010-\u2015\u2212\u2248\u223c\u00d7\u2018\u2019\u00b5\u00bd]/g;
const SPACES = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]{2,}|[\t\n\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]/g;

function plainChar(c: string): string {
  if (c <= '\u009f') return ' ';
  if (c === '\u2248' || c === '\u223c') return '~';
  if (c === '\u00d7') return 'x';
  if (c === '\u2018' || c === '\u2019') return "'";
  if (c === '\u00b5') return 'u';
  if (c === '\u00bd') return '.5';
  return '-';
}

export function normalise(input: string): Normalised {
  const raw = typeof input === 'string' ? input : '';
  const truncated = raw.length > MAX_SCAN_CHARS;
  const text = (truncated ? raw.slice(0, MAX_SCAN_CHARS) : raw).toLowerCase().replace(ODD_CHARS, plainChar).replace(SPACES, ' ').trim();
  const notation = readNotation(text);
  return { text: rewriteNumberWords(notation.text), truncated, refused: notation.refused };
}

/** Clause boundaries: ; . , and new sentences, but not the comma in "1,000" or the dot in "1.5". */
export const CLAUSE_BREAK = /;|,(?!\d{3}(?!\d))|\.(?!\d)|!|\?|\bbut\b|\bwhile\b|\bwhereas\b/g;

// Several finders ask for the same text's clauses; remember the last answer.
let lastText: string | null = null;
let lastBounds: readonly number[] = [];

export function clauseBounds(text: string): readonly number[] {
  if (text === lastText) return lastBounds;
  const bounds = [0];
  for (const m of scan(CLAUSE_BREAK, text)) bounds.push(m.index);
  bounds.push(text.length);
  lastText = text;
  lastBounds = bounds;
  return bounds;
}

/** Index of the clause holding `pos`, given bounds from clauseBounds. */
export function clauseOf(bounds: readonly number[], pos: number): number {
  let lo = 0;
  let hi = bounds.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((bounds[mid] ?? 0) <= pos) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Up to `chars` characters before `pos`, stopping at the start of its clause. */
export function before(text: string, bounds: readonly number[], pos: number, chars: number): string {
  const start = Math.max(bounds[clauseOf(bounds, pos)] ?? 0, pos - chars);
  return text.slice(start, pos);
}

/** Up to `chars` characters after `pos`, stopping at the end of its clause. */
export function after(text: string, bounds: readonly number[], pos: number, chars: number): string {
  const end = Math.min(bounds[clauseOf(bounds, pos) + 1] ?? text.length, pos + chars);
  return text.slice(pos, end);
}

// eslint-disable-next-line no-control-regex -- the parser's own markers are control characters on purpose (numbers.ts, notation.ts)
const MARKERS = /\u0002 ?|\u0003/g;

/** A short quote of the person's words for messages, with the parser's markers said in words. */
export function quote(text: string, max = 40): string {
  const t = text.replace(MARKERS, (m) => (m.startsWith('\u0003') ? '?' : 'about ')).trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * Patterns that can only match where one of `words` occurs in the text (every
 * alternative of each pattern spells one of them out): a text that has none of
 * the words skips the patterns without running them. A table test holds each
 * gate to that.
 */
export interface Gate {
  words: readonly string[];
  patterns: readonly RegExp[];
}

/** True when the text has one of the gate's words, so its patterns may match. */
export function gateOpen(gate: Gate, text: string): boolean {
  for (const word of gate.words) if (text.includes(word)) return true;
  return false;
}

const DIGIT = /\d/;

/** Most finders need a figure; text without digits skips them cheaply. */
export function hasDigit(text: string): boolean {
  return DIGIT.test(text);
}

/**
 * All matches of a global regex. Unlike matchAll it does not clone the regex,
 * which matters at 20,000 parses a second.
 */
export function scan(re: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    found.push(m);
    if (m[0].length === 0) re.lastIndex++;
  }
  return found;
}

// Where figures start (with their "~" or vague marker). Finders whose matches
// always begin with a figure try only these positions, with sticky regexes.
// eslint-disable-next-line no-control-regex -- the vague-amount marker is a control character on purpose (numbers.ts)
const NUMBER_START = /(?:~ ?|\u0002)?(?<![a-z\d.,])\.?\d/g;
let startsText: string | null = null;
let starts: readonly number[] = [];

function numberStarts(text: string): readonly number[] {
  if (text === startsText) return starts;
  starts = scan(NUMBER_START, text).map((m) => m.index);
  startsText = text;
  return starts;
}

/** Like scan, for a sticky (`y`) regex whose matches begin with a figure. */
export function scanFigures(re: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  let next = 0;
  for (const at of numberStarts(text)) {
    if (at < next) continue;
    re.lastIndex = at;
    const m = re.exec(text);
    if (m !== null && m[0].length > 0) {
      found.push(m);
      next = at + m[0].length;
    }
  }
  return found;
}
