// A message in a review thread -> what it asks for. Order matters: the fixed
// words (summary, close, history) first, then add / remove, then a what-if,
// then a message that starts with a component's name (a change, or an answer
// for that component), and anything else is an answer to the pending question.

export interface NewComponentText {
  name: string;
  /** What it does and any figures; may be empty ("add billing"). */
  text: string;
}

export type ReviewCommand =
  | { kind: 'summary' }
  | { kind: 'close' }
  | { kind: 'reopen' }
  | { kind: 'history' }
  | { kind: 'help' }
  /** "assume defaults for the rest": every open question of every component at its stated default. */
  | { kind: 'assume-rest' }
  | { kind: 'add'; components: NewComponentText[]; unread: string[] }
  | { kind: 'remove'; name: string }
  /** `component` is the name matched, or null for the whole system. */
  | { kind: 'what-if'; component: string | null; text: string }
  /** Text about a named component: an answer to its question, or a change once it is assessed. */
  | { kind: 'about'; component: string; text: string }
  | { kind: 'answer'; text: string };

const FIXED: Record<string, ReviewCommand['kind']> = {
  summary: 'summary',
  'show summary': 'summary',
  card: 'summary',
  status: 'summary',
  plan: 'summary',
  close: 'close',
  'close review': 'close',
  'close the review': 'close',
  done: 'close',
  reopen: 'reopen',
  'reopen review': 'reopen',
  history: 'history',
  trail: 'history',
  log: 'history',
  changes: 'history',
  help: 'help',
};

const MAX_NAME = 60;
/** "assume defaults for the rest", "use typical values for everything", "defaults for all", "just assume defaults". */
const DEFAULT_WORDS = String.raw`(?:the\s+)?(?:defaults?|typical(?:\s+values)?|default\s+values|stated\s+defaults)`;
const REST_WORDS = String.raw`(?:for|on)\s+(?:the\s+)?(?:rest|everything(?:\s+else)?|all(?:\s+of\s+them|\s+the\s+rest)?|remaining(?:\s+ones)?|others)`;
const ASSUME_REST = new RegExp(
  String.raw`^\s*(?:(?:ok|okay|please|just|fine)[,\s]+)*(?:(?:assume|use|take|go\s+with|fill\s+in)\s+${DEFAULT_WORDS}(?:\s+${REST_WORDS})?|${DEFAULT_WORDS}\s+${REST_WORDS})\s*(?:,?\s*please)?[.!]*\s*$`,
  'i',
);
const ADD = /^\s*(?:please\s+)?(?:add|new component|component)\s*:?\s+(.+)$/is;
const REMOVE = /^\s*(?:please\s+)?(?:remove|drop|delete)\s+(?:the\s+)?(?:component\s+)?(.+?)\s*[.!]?\s*$/is;
const WHAT_IF = /^\s*(?:(?:so|and|ok|okay|now)[, ]+)?(?:what|how) (?:if|about)\b/i;
/** "image pipeline: resize uploads, 2 s" or "image pipeline - resize uploads" (one line of a pasted list). */
const NAMED_LINE = /^([^:\n]{1,60}?)\s*(?::|\s[-–—]\s)\s*(.*)$/;
const BULLET = /^\s*(?:[-*•]|\d{1,2}[.)])\s+/;
const LIST_HEADER = /^\s*(?:add|components?|services?|parts?)\s*(?:are|:)?\s*:?\s*$/i;

/** Lower case, one space, no "the": how names are compared. */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/^\s*the\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function cleanName(name: string): string {
  return name.replace(/[*_`~]/g, '').replace(/\s+/g, ' ').trim().slice(0, MAX_NAME);
}

/**
 * The known name `text` begins with (longest first), and the rest. "The image
 * pipeline takes 20 min" -> image pipeline, "takes 20 min".
 */
export function leadingName(text: string, names: readonly string[]): { name: string; rest: string } | null {
  const words = nameKey(text);
  const sorted = [...names].sort((a, b) => nameKey(b).length - nameKey(a).length);
  for (const name of sorted) {
    const key = nameKey(name);
    if (key && (words === key || words.startsWith(`${key} `))) return { name, rest: restAfter(text, key) };
  }
  return null;
}

/** A known name anywhere in the text ("what if image pipeline traffic doubles"), longest first. */
export function mentionedName(text: string, names: readonly string[]): string | null {
  const words = ` ${nameKey(text)} `;
  const sorted = [...names].sort((a, b) => nameKey(b).length - nameKey(a).length);
  return sorted.find((name) => nameKey(name) && words.includes(` ${nameKey(name)} `)) ?? null;
}

/** The original text after the words of `key` (keeps punctuation and figures intact). */
function restAfter(text: string, key: string): string {
  let remaining = key.split(' ').length;
  const tokens = text.replace(/^\s*the\s+/i, '').split(/(\s+)/);
  let i = 0;
  while (i < tokens.length && remaining > 0) {
    if (nameKey(tokens[i] ?? '')) remaining -= nameKey(tokens[i] ?? '').split(' ').length;
    i++;
  }
  return tokens
    .slice(i)
    .join('')
    .replace(/^\s*[:,\-–—]?\s*/, '')
    .trim();
}

export function parseReviewMessage(text: string, names: readonly string[]): ReviewCommand {
  const trimmed = text.trim();
  const fixed = FIXED[trimmed.toLowerCase().replace(/[.!?]+$/, '').trim()];
  if (fixed) return { kind: fixed } as ReviewCommand;
  if (ASSUME_REST.test(trimmed)) return { kind: 'assume-rest' };

  const list = parseList(trimmed);
  if (list) return list;

  // One bulleted "- name: what it does" line is one item of a list pasted line by line (the terminal reads one line at a time).
  if (BULLET.test(trimmed) && !trimmed.includes('\n')) {
    const one = namedLine(trimmed);
    if (one) return { kind: 'add', components: [one], unread: [] };
  }

  const add = ADD.exec(trimmed);
  if (add) {
    const one = namedLine(add[1] ?? '') ?? splitAtComma(add[1] ?? '');
    return one.name ? { kind: 'add', components: [one], unread: [] } : { kind: 'answer', text: trimmed };
  }

  const remove = REMOVE.exec(trimmed);
  if (remove) return { kind: 'remove', name: cleanName(remove[1] ?? '') };

  if (WHAT_IF.test(trimmed)) return { kind: 'what-if', component: mentionedName(trimmed, names), text: trimmed };

  const named = leadingName(trimmed, names);
  if (named) return { kind: 'about', component: named.name, text: named.rest };
  return { kind: 'answer', text: trimmed };
}

/** "add billing, nightly, 3 min": without a colon the name ends at the first comma. */
function splitAtComma(text: string): NewComponentText {
  const comma = text.indexOf(',');
  return comma < 0 ? { name: cleanName(text), text: '' } : { name: cleanName(text.slice(0, comma)), text: text.slice(comma + 1).trim() };
}

function namedLine(line: string): NewComponentText | null {
  const m = NAMED_LINE.exec(line.replace(BULLET, '').trim());
  if (!m) return null;
  const name = cleanName(m[1] ?? '');
  return name ? { name, text: (m[2] ?? '').trim() } : null;
}

/**
 * A pasted list: two or more lines, each "name: what it does" (bullets and
 * numbers allowed, an "add:" header line skipped). Lines that are not of that
 * form are reported back rather than guessed at.
 */
function parseList(text: string): ReviewCommand | null {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !LIST_HEADER.test(l));
  if (lines.length < 2) return null;
  const components: NewComponentText[] = [];
  const unread: string[] = [];
  for (const line of lines) {
    const one = namedLine(line.replace(/^\s*add\s+/i, ''));
    if (one) components.push(one);
    else unread.push(line);
  }
  return components.length >= 1 && components.length >= unread.length ? { kind: 'add', components, unread } : null;
}
