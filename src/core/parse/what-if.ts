import type { WorkloadFacts } from '../workload.js';
import { formatDurationSpan } from '../format.js';
import { parseWorkload } from './parse-text.js';
import { normalise } from './text.js';

// What-ifs after a result: "what if traffic is 10x", "traffic doubles", "half
// the traffic", "make it 2 GB", "what if it takes 20 minutes". A multiplier
// scales the current traffic (the caller owns it); any figure or trait stated
// replaces the current one.

export interface WhatIf {
  trafficFactor?: number;
  facts: WorkloadFacts;
  /** "traffic x10", "memory 2048 MB". */
  summary: string;
  /** Set when the what-if cannot be applied as said (negative, zero, beyond sense): why, for the person. Nothing changes. */
  refused?: string;
}

/** A traffic multiple past this is a different workload, not a what-if: ask for the new rate instead. */
const MAX_FACTOR = 10_000;

const LEAD =
  /^(?:(?:so|and|ok|okay|hmm|but|now|then|also)[, ]+)?(?:what|how) (?:if|about)\b|^(?:suppose|assume|assuming|imagine|say|let's say|if|try|make it|with|and if|now|change|set|use)\b/;
const VERBS: readonly [RegExp, number][] = [
  [/\b(?:quadruples?|quadrupled|quadrupling)\b/, 4],
  [/\b(?:triples?|tripled|tripling|three times (?:as much|the))\b/, 3],
  [/\b(?:doubles?|doubled|doubling|twice (?:as much|the))\b/, 2],
  [/\b(?:halves|halved|halving|half (?:the|as much)|drops? by half|falls? by half|cut in half)\b/, 0.5],
];
const MULTIPLIER = /(?:\bx ?(?<a>\d{1,6}(?:\.\d{1,3})?)(?![\d.])|(?<![\d.])(?<b>\d{1,6}(?:\.\d{1,3})?) ?(?:x\b|times(?! (?:an?|per|every|each)\b)))/;
const PERCENT_UP = /(?<![\d.])(?<p>\d{1,4}(?:\.\d{1,2})?) ?% (?:more|higher|up)\b|\b(?:grows?|increases?|rises?|goes up|up) by (?<q>\d{1,4}(?:\.\d{1,2})?) ?%/;
const PERCENT_DOWN = /(?<![\d.])(?<p>\d{1,3}(?:\.\d{1,2})?) ?% (?:less|fewer|lower|down)\b|\b(?:drops?|falls?|decreases?|shrinks?|goes down|down) by (?<q>\d{1,3}(?:\.\d{1,2})?) ?%/;
const TRAFFIC_WORDS = /\b(?:traffic|load|requests?|volume|users?|rps|qps|calls|invocations|uploads|throughput|usage)\b/;
const OTHER_WORDS = /\b(?:memory|ram|duration|takes|runtime|latency|package|model|gb|mb)\b/;

type Factor = { factor: number } | { refused: string } | null;

function trafficFactor(text: string): Factor {
  const aboutTraffic = TRAFFIC_WORDS.test(text) || !OTHER_WORDS.test(text);
  if (!aboutTraffic) return null;
  for (const [words, factor] of VERBS) if (words.test(text)) return { factor };
  const m = MULTIPLIER.exec(text);
  const n = Number(m?.groups?.a ?? m?.groups?.b);
  if (m && n === 0) return { refused: 'Traffic x0 would leave nothing to run; give the new traffic as a rate, or say "start over".' };
  if (m && n > MAX_FACTOR) {
    return { refused: `${formatFactor(n)}x the traffic is beyond any real workload's growth; give the new traffic as a rate (e.g. "what if traffic is 5,000 rps") instead.` };
  }
  if (m && n > 0) return { factor: n };
  const up = PERCENT_UP.exec(text);
  if (up) return { factor: 1 + Number(up.groups?.p ?? up.groups?.q) / 100 };
  const down = PERCENT_DOWN.exec(text);
  const pct = Number(down?.groups?.p ?? down?.groups?.q);
  if (down && pct >= 100) return { refused: `Traffic cannot drop by ${pct}%: that leaves nothing (or less than nothing) to run.` };
  if (down) return { factor: 1 - pct / 100 };
  return null;
}

function formatFactor(f: number): string {
  return String(Number(f.toFixed(2)));
}

function summarise(factor: number | null, facts: WorkloadFacts): string {
  const parts: string[] = [];
  if (factor !== null) parts.push(`traffic x${formatFactor(factor)}`);
  if (facts.traffic) parts.push(`traffic ${facts.traffic.echo}`);
  if (facts.duration) {
    const { typicalMs, worstMs } = facts.duration;
    parts.push(`duration ${formatDurationSpan(typicalMs)}${worstMs > typicalMs ? ` (up to ${formatDurationSpan(worstMs)})` : ''}`);
  }
  if (facts.memoryMb !== undefined) parts.push(`memory ${facts.memoryMb} MB`);
  if (facts.packageMb !== undefined) parts.push(`package ${facts.packageMb} MB`);
  if (facts.latencyP99Ms !== undefined) parts.push(`p99 target ${formatDurationSpan(facts.latencyP99Ms)}`);
  if (facts.architecture) parts.push(facts.architecture === 'arm' ? 'Arm' : 'x86');
  if (facts.region) parts.push(`region ${facts.region}`);
  if (facts.trigger) parts.push(`trigger ${facts.trigger}`);
  if (facts.state) parts.push(facts.state.length === 0 ? 'stateless' : `state ${facts.state.join(', ')}`);
  if (facts.prototype !== undefined) parts.push(facts.prototype ? 'prototype' : 'not a prototype');
  if (facts.nature) parts.push(facts.nature);
  if (facts.connections) parts.push(`${facts.connections.concurrent} connections at once`);
  if (facts.gpu !== undefined) parts.push(facts.gpu ? `GPU${facts.gpuModel ? ` (${facts.gpuModel})` : ''}` : 'no GPU');
  if (facts.portable !== undefined) parts.push(facts.portable ? 'portable' : 'lock-in accepted');
  if (facts.edge) parts.push('at the edge');
  if (facts.runtime) parts.push(`runtime ${facts.runtime}`);
  if (facts.modelMb !== undefined) parts.push(`model ${facts.modelMb} MB`);
  if (facts.vagueDuration) parts.push(`duration in ${facts.vagueDuration}s`);
  if (facts.cpuShare !== undefined) parts.push(`CPU share ${Math.round(facts.cpuShare * 100)}%`);
  // Anything else the parser understood still changes the workload.
  return parts.length ? parts.join(', ') : 'changed';
}

/** A what-if, or null when the text is not one (or says nothing the parser can use). */
export function parseWhatIf(text: string): WhatIf | null {
  try {
    const normalised = normalise(text);
    const normal = normalised.text;
    const read = trafficFactor(normal);
    // Before number words are rewritten: "what about 4 GB" must not become "what ~4 gb".
    const led = LEAD.test(typeof text === 'string' ? text.slice(0, 200).toLowerCase().trim() : '');
    // "traffic -5x", "what if it takes -3 minutes": refused with the reason, never silently changed.
    if (normalised.refused.length > 0 && (led || TRAFFIC_WORDS.test(normal) || OTHER_WORDS.test(normal))) {
      return { facts: {}, summary: 'refused', refused: `${normalised.refused.join(' ')} Nothing changed.` };
    }
    if (read && 'refused' in read) return { facts: {}, summary: 'refused', refused: `${read.refused} Nothing changed.` };
    const factor = read ? read.factor : null;
    if (!led && factor === null) return null;
    const { facts, unread } = parseWorkload(text);
    const beyond = unread.find((u) => /beyond any|too small to be real|shorter than a microsecond|more than a terabyte/.test(u));
    if (beyond) return { facts: {}, summary: 'refused', refused: `${beyond} Nothing changed.` };
    // A multiplier like "10x" must not also be read as a figure of its own.
    if (factor !== null) delete facts.traffic;
    if (factor === null && Object.keys(facts).length === 0) return null;
    return { ...(factor !== null ? { trafficFactor: factor } : {}), facts, summary: summarise(factor, facts) };
  } catch {
    return null;
  }
}
