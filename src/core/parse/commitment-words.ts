import type { CommitmentAsk } from '../workload.js';
import type { Heard } from './parse-result.js';

// A commitment the person wants priced, as engineers type it: "with a 1-year
// compute savings plan", "3yr RI all upfront", "reserved instances, partial
// upfront, 3 years", "1y CSP no-upfront", "we have a savings plan", "on spot".
// Term, plan kind and payment option are read when said; what is not said is
// left null (or marked) for the cost engine to assume and say. Words that only
// look like one ("reserved concurrency", "reserve capacity for spikes", "plan
// to migrate in 1 year", "no savings plan", "CSP headers") ask for nothing.

type Plan = CommitmentAsk['plan'];
type Payment = NonNullable<CommitmentAsk['payment']>;
type Term = NonNullable<CommitmentAsk['term']>;

interface Span {
  start: number;
  end: number;
}

interface Anchor extends Span {
  plan: Plan;
  /** Only an abbreviation ("SP", "RI", "CSP"): read only with a term, payment or kind beside it. */
  needsCue: boolean;
  /** The kind of savings plan was not said: a Compute Savings Plan is taken. */
  kindAssumed: boolean;
  payment: Payment | null;
}

const UPFRONT = String.raw`up[ -]?front|upfornt|upfrnt|upfromt`;
const PAYMENTS: readonly [Payment, RegExp][] = [
  ['no-upfront', new RegExp(String.raw`\b(?:no|zero|0|nothing|none)[ -]?(?:${UPFRONT})\b`, 'g')],
  ['partial-upfront', new RegExp(String.raw`\b(?:partial(?:ly)?|part|half|partial[ -]payment)[ -]?(?:${UPFRONT})\b`, 'g')],
  ['all-upfront', new RegExp(String.raw`\b(?:all|full(?:y)?|100 ?%|paid|pay|prepaid|paid in full)[ -]?(?:${UPFRONT})\b`, 'g')],
];

const TERM = /\b(?:(?<years>1|3|one|three)[ -]?(?:years?|yrs?|y)|(?<months>12|36)[ -]?(?:months?|mos?))\b/g;
/** A term is a commitment's only when what follows is about the commitment ("3 year retention" is not). */
const AFTER_TERM = new Set(['term', 'terms', 'commit', 'commitment', 'commitments', 'plan', 'plans', 'savings', 'saving', 'sp', 'sps', 'csp', 'csps', 'isp', 'ri', 'ris', 'reserved', 'reservation', 'reservations', 'compute', 'ec2', 'instance', 'instances', 'no', 'zero', 'partial', 'partially', 'all', 'full', 'fully', 'paid', 'upfront', 'up', 'standard', 'convertible', 'deal', 'contract', 'on', 'of', 'with', 'and', 'aws']);
const BEFORE_TERM = new Set(['for', 'over', 'term', 'length']);

const SAVINGS = /\b(?:(?<kind>compute|ec2[ -]instance|instance|ec2)[ -])?(?:aws )?sav(?:ings|ing|igns|ngs|insg|inga|e)[ -]?p(?:lans?|alns?|lnas?|aln|ln)\b/g;
const SAVINGS_SHORT = /\b(?:(?<kind>compute|ec2[ -]instance|instance|ec2)[ -])?(?<abbr>sps?|csps?|isps?|ec2sp)\b/g;
const RESERVED = /\b(?:standard |convertible )?(?:(?:res(?:er|e|r)v(?:ed|erd|d|red)[ -](?:ec2 |aws )?(?:instances?|instnaces?|instaces?|instanses?|instence?s?|insts?))|reserved ec2(?: instances?)?|ec2 reservations?)\b/g;
const RESERVED_SHORT = /\b(?:(?<pay>a|n|p)uris?|ri'?s?)\b/g;
const SPOT = /\b(?:on |use |using |with |run on |runs on )spot(?: instances?| capacity| fleet)?\b|\bspot (?:instances?|capacity|pricing|fleet|market)\b|\bfargate[ -]spot\b|\bec2 spot\b/g;

const MAX_ANCHORS = 8;

/** Cheap first look: most descriptions name no commitment at all. */
const MAYBE = /sav|\b[ci]?sps?\b|ec2|\b[anp]?uris?\b|\bri\b|ri'?s\b|res\w*v|spot/;

/** "no", "don't have", "without": a plan named only to say there is none. */
const NEGATION = /\b(?:no|not|without|never|nor|neither|none|don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|won'?t|can'?t|cannot|instead of|rather than|no longer|dropped|cancel+ed|expired?|avoid)\b/;
/** A savings plan the workload works out for its own users is a product feature, not a way to pay AWS. */
const PRODUCT = /\b(?:calculat\w*|comput(?:es|ing)|generat\w*|recommend\w*|suggest\w*|track\w*|manag\w*|build\w*|creat\w*|show\w*|display\w*|users?'?s?|customers?'?s?|clients?'?s?|members?'?s?|retirement|personal|financial|budget\w*|their|his|her|bank\w*)\s+(?:\S+\s+){0,2}$/;
/** "we looked at savings plans but stayed on-demand": weighed and turned down. */
const STAYED_ON_DEMAND = /\b(?:went|stay(?:ed|ing|s)?|still|remain(?:ed|ing)?|sticking|stuck|keep(?:ing)?) (?:with |on |at )?on[ -]?demand\b|\bon[ -]?demand only\b|\bonly on[ -]?demand\b/;
/** "savings plan: compute, 3 years": the kind said after the plan. */
const KIND_AFTER = /^[\s:,(-]*(?:type:? |kind:? )?(?<kind>compute|ec2[ -]instance|instance)\b/;
const FOR_PEOPLE = /^\s*(?:for|to|of) (?:our |their |the )?(?:users|customers|clients|members|people|savers|accounts)\b/;

/** Where sentences break: . ; ! ? but not the dot in "1.5" or in "e.g". */
const SENTENCE = /[;!?]|\.(?![\d a-z])|\.\s/g;

function sentenceOf(text: string, at: number): Span {
  let start = 0;
  let end = text.length;
  for (const m of text.matchAll(SENTENCE)) {
    if (m.index < at) start = m.index + m[0].length;
    else {
      end = m.index;
      break;
    }
  }
  return { start, end };
}

function kindOf(kind: string | undefined): { plan: Plan; kindAssumed: boolean } {
  const k = kind?.replace('-', ' ');
  if (k === 'compute') return { plan: 'compute-savings-plan', kindAssumed: false };
  if (k === 'ec2 instance' || k === 'instance' || k === 'ec2') return { plan: 'ec2-instance-savings-plan', kindAssumed: false };
  return { plan: 'compute-savings-plan', kindAssumed: true };
}

function anchors(text: string): Anchor[] {
  const found: Anchor[] = [];
  for (const m of text.matchAll(SAVINGS)) found.push({ start: m.index, end: m.index + m[0].length, ...kindOf(m.groups?.kind), needsCue: false, payment: null });
  for (const m of text.matchAll(SAVINGS_SHORT)) {
    const abbr = m.groups?.abbr ?? '';
    const kind = m.groups?.kind ?? (abbr.startsWith('c') ? 'compute' : abbr.startsWith('i') || abbr.startsWith('ec2') ? 'instance' : undefined);
    found.push({ start: m.index, end: m.index + m[0].length, ...kindOf(kind), needsCue: !m.groups?.kind, payment: null });
  }
  for (const m of text.matchAll(RESERVED)) found.push({ start: m.index, end: m.index + m[0].length, plan: 'reserved-instances', kindAssumed: false, needsCue: false, payment: null });
  for (const m of text.matchAll(RESERVED_SHORT)) {
    const pay = m.groups?.pay;
    const payment: Payment | null = pay === 'a' ? 'all-upfront' : pay === 'p' ? 'partial-upfront' : pay === 'n' ? 'no-upfront' : null;
    found.push({ start: m.index, end: m.index + m[0].length, plan: 'reserved-instances', kindAssumed: false, needsCue: payment === null, payment });
  }
  for (const m of text.matchAll(SPOT)) found.push({ start: m.index, end: m.index + m[0].length, plan: 'spot', kindAssumed: false, needsCue: false, payment: null });
  return found.sort((a, b) => a.start - b.start);
}

interface Found<T> extends Span {
  value: T;
}

/** The word just before `at` (skipping spaces and hyphens), never reaching before `from`. */
function wordBefore(text: string, from: number, at: number): string {
  let end = at;
  while (end > from && (text[end - 1] === ' ' || text[end - 1] === '-')) end--;
  let start = end;
  while (start > from && /[a-z']/.test(text[start - 1]!)) start--;
  return text.slice(start, end);
}

function terms(text: string, within: Span, anchor: Span): Found<Term>[] {
  const found: Found<Term>[] = [];
  const part = text.slice(within.start, within.end);
  for (const m of part.matchAll(TERM)) {
    const start = within.start + m.index;
    const end = start + m[0].length;
    const next = /^[ -]*([a-z0-9']*)/.exec(text.slice(end, Math.min(within.end, end + 40)))?.[1] ?? '';
    const prev = wordBefore(text, within.start, start);
    // A bare "3 years" ends a clause about the plan only after it: "reserved instances, 3 years".
    const between = start > anchor.start ? text.slice(anchor.end, start) : text.slice(end, anchor.start);
    const touching = between.length <= 6 && /^[\s,:(-]*$/.test(between);
    const fits = touching || (next === '' ? start > anchor.start : AFTER_TERM.has(next));
    if (!fits && !BEFORE_TERM.has(prev)) continue;
    const { years, months } = m.groups ?? {};
    const three = years === '3' || years === 'three' || months === '36';
    found.push({ start, end, value: three ? '3yr' : '1yr' });
  }
  return found;
}

function payments(text: string, within: Span): Found<Payment>[] {
  const part = text.slice(within.start, within.end);
  const found: Found<Payment>[] = [];
  for (const [value, re] of PAYMENTS) {
    for (const m of part.matchAll(re)) {
      const start = within.start + m.index;
      if (!found.some((f) => start < f.end && f.start < start + m[0].length)) found.push({ start, end: start + m[0].length, value });
    }
  }
  return found;
}

function nearest<T>(found: readonly Found<T>[], anchor: Span): Found<T> | null {
  let best: Found<T> | null = null;
  let bestGap = Infinity;
  for (const f of found) {
    const gap = f.end <= anchor.start ? anchor.start - f.end : Math.max(0, f.start - anchor.end);
    if (gap < bestGap) [best, bestGap] = [f, gap];
  }
  return best;
}

/** The words just before the anchor in its clause, with the commitment's own words taken out ("no upfront" is not "no"). */
function before(text: string, sentence: Span, anchor: Span, own: readonly Span[]): string {
  const clauseStart = Math.max(sentence.start, text.lastIndexOf(',', anchor.start - 1) + 1);
  let words = '';
  for (let i = clauseStart; i < anchor.start; i++) words += own.some((s) => i >= s.start && i < s.end) ? ' ' : text[i];
  return words.trim().split(/\s+/).slice(-4).join(' ');
}

function askAt(text: string, anchor: Anchor, lenient: boolean): CommitmentAsk | null {
  const sentence = sentenceOf(text, anchor.start);
  if (anchor.plan === 'spot') {
    if (NEGATION.test(before(text, sentence, anchor, []))) return null;
    return { plan: 'spot', term: null, payment: null, words: text.slice(anchor.start, anchor.end).trim() };
  }
  const term = nearest(terms(text, sentence, anchor), anchor);
  const paid = nearest(payments(text, sentence), anchor);
  if (anchor.needsCue && !lenient && !term && !paid) return null;
  const own = [term, paid].filter((s): s is Found<never> => s !== null);
  const preceding = before(text, sentence, anchor, own);
  if (NEGATION.test(preceding) || STAYED_ON_DEMAND.test(text.slice(sentence.start, sentence.end))) return null;
  if (anchor.plan !== 'reserved-instances' && (PRODUCT.test(`${text.slice(sentence.start, anchor.start)}`) || FOR_PEOPLE.test(text.slice(anchor.end, sentence.end)))) return null;
  const after = anchor.kindAssumed ? KIND_AFTER.exec(text.slice(anchor.end, sentence.end)) : null;
  const kind = after ? kindOf(after.groups?.kind) : { plan: anchor.plan, kindAssumed: anchor.kindAssumed };
  const pieces = [anchor, ...own];
  const start = Math.min(...pieces.map((p) => p.start));
  const end = Math.max(...pieces.map((p) => p.end));
  const words = end - start <= 80 ? text.slice(start, end) : text.slice(anchor.start, anchor.end);
  const convertible = anchor.plan === 'reserved-instances' && /\bconvertible\b/.test(text.slice(sentence.start, sentence.end));
  return {
    plan: kind.plan,
    term: term?.value ?? null,
    payment: anchor.payment ?? paid?.value ?? null,
    words: words.trim(),
    ...(kind.kindAssumed ? { kindAssumed: true } : {}),
    ...(convertible ? { convertible: true } : {}),
  };
}

/** The first commitment the text asks for; `lenient` reads a bare "RI" or "SP" too (a settings value is about nothing else). */
export function readCommitmentAsk(text: string, lenient = false): CommitmentAsk | null {
  if (!MAYBE.test(text)) return null;
  // A description names a commitment once or twice; a wall of look-alikes is not read past the first few.
  for (const anchor of anchors(text).slice(0, MAX_ANCHORS)) {
    const ask = askAt(text, anchor, lenient);
    if (ask) return ask;
  }
  return null;
}

const PLAN_WORDS: Record<Plan, string> = {
  'compute-savings-plan': 'compute savings plan',
  'ec2-instance-savings-plan': 'ec2 instance savings plan',
  'reserved-instances': 'reserved instances',
  spot: 'spot',
};

/** "compute savings plan (1yr, all-upfront)", the way the heard list and the settings answer name an ask. */
export function commitmentWords(ask: Pick<CommitmentAsk, 'plan' | 'term' | 'payment' | 'kindAssumed'>): string {
  const said = [ask.term, ask.payment].filter(Boolean).join(', ');
  const plan = ask.kindAssumed ? 'savings plan (kind not said: compute)' : PLAN_WORDS[ask.plan];
  return `${plan}${said ? ` (${said})` : ''}`;
}

export function readCommitment(text: string): { commitment: CommitmentAsk; heard: Heard } | null {
  const ask = readCommitmentAsk(text);
  if (!ask) return null;
  return { commitment: ask, heard: { field: 'commitment', text: `${commitmentWords(ask)} (from "${ask.words}")` } };
}
