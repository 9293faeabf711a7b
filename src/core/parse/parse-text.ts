import type { WorkloadFacts } from '../workload.js';
import { readConnections } from './connections.js';
import { readConstraintTraits } from './constraint-traits.js';
import { readCostWords } from './cost-words.js';
import { readCommitment } from './commitment-words.js';
import { readRegionWords } from './region-words.js';
import { readDuration } from './durations.js';
import { formatCountGrouped, formatDurationSpan } from '../format.js';
import { readLatency } from './latency.js';
import { numberSource } from './numbers.js';
import type { Heard, ParseResult } from './parse-result.js';
import { PERIOD_SOURCE } from './periods.js';
import { readTraffic } from './read-traffic.js';
import { readSizes } from './sizes.js';
import { createClaims } from './spans.js';
import { hasDigit, MAX_SCAN_CHARS, normalise, quote, scanFigures } from './text.js';
import { readTraits } from './traits.js';

// Reads a free-text workload description: the composition of the finders.
// Total by design: any string gives a result, never an exception, in time
// linear in the (capped) length. It never sets `description`: only the caller
// knows whether the text is the description (parseAnswer('description', ...)).

export const INTERNAL_ERROR = 'Something in that message tripped up the parser; please rephrase it.';

// A figure "per" something that is not a period: "5 requests per user".
const UNREAD_RATE = new RegExp(`${numberSource('u', true)} ?(?:[a-z][a-z'-]{0,24} ){0,2}(?:per|every|/) ?(?<what>[a-z]{2,20})\\b`, 'y');
const PERIOD_WORD = new RegExp(`^(?:${PERIOD_SOURCE}|night|weekend)$`);

export function parseWorkload(text: string): ParseResult {
  try {
    return parseText(text);
  } catch {
    // Unreachable as far as the tests can find; a parser bug must not take the conversation down.
    return { facts: {}, heard: [], unread: [INTERNAL_ERROR] };
  }
}

function parseText(input: string): ParseResult {
  const { text, truncated, refused } = normalise(input);
  const facts: WorkloadFacts = {};
  const heard: Heard[] = [];
  const unread: string[] = [...refused];
  if (truncated) unread.push(`I only read the first ${formatCountGrouped(MAX_SCAN_CHARS)} characters of that message.`);
  if (text.length === 0) return { facts, heard, unread };

  const claims = createClaims();
  // Order matters: latency targets, connections and rates claim their figures before durations and sizes look.
  const latency = readLatency(text, claims);
  const connections = readConnections(text, claims);
  const traffic = readTraffic(text, claims);
  const duration = readDuration(text, claims);
  // Response, log and /tmp sizes are claimed before sizes, which would otherwise read them as memory.
  const costWords = readCostWords(text, claims);
  const sizes = readSizes(text, claims);
  const traits = readTraits(text);
  const constraints = readConstraintTraits(text);

  if (traffic.traffic) {
    facts.traffic = traffic.traffic;
    heard.push({ field: 'traffic', text: traffic.heard });
  }
  unread.push(...traffic.unread);
  const observed = latency.observed;
  if (duration.duration || observed) {
    // Measured percentiles fill what the stated duration leaves open ("150ms p50, 2s p99").
    const typicalMs = duration.duration?.typicalMs ?? observed?.typicalMs ?? observed?.worstMs ?? 0;
    const worstMs = Math.max(typicalMs, duration.duration?.worstMs ?? 0, observed?.worstMs ?? 0);
    facts.duration = { typicalMs, worstMs };
    const measured = observed ? `${duration.duration ? `${duration.heard}, ` : ''}typical ${formatDurationSpan(typicalMs)}${worstMs > typicalMs ? `, worst case ${formatDurationSpan(worstMs)}` : ''} (from the percentiles you gave)` : null;
    heard.push({ field: 'duration', text: measured ?? duration.heard ?? '' });
  }
  if (connections.connections) {
    facts.connections = connections.connections as WorkloadFacts['connections'];
    heard.push({ field: 'connections', text: connections.heard.join(', ') });
  } else if (duration.vague && !facts.duration) {
    facts.vagueDuration = duration.vague;
  }
  unread.push(...(connections.connections ? duration.unread.filter((u) => !u.startsWith('You said it')) : duration.unread));
  if (sizes.memoryMb !== null) facts.memoryMb = sizes.memoryMb;
  if (sizes.packageMb !== null) facts.packageMb = sizes.packageMb;
  if (sizes.modelMb !== null) facts.modelMb = sizes.modelMb;
  heard.push(...sizes.heard);
  unread.push(...sizes.unread);
  if (latency.p99Ms !== null) {
    facts.latencyP99Ms = latency.p99Ms;
    heard.push({ field: 'latencyP99Ms', text: latency.heard ?? '' });
  }
  Object.assign(facts, traits.facts);
  heard.push(...traits.heard);
  Object.assign(facts, constraints.facts);
  heard.push(...constraints.heard);
  Object.assign(facts, costWords.facts);
  heard.push(...costWords.heard);
  const place = facts.region ? null : readRegionWords(text);
  if (place) {
    facts.region = place.region;
    heard.push(place.heard);
  }
  const commitment = readCommitment(text);
  if (commitment) {
    facts.commitment = commitment.commitment;
    heard.push(commitment.heard);
  }
  // Redirects, headers and auth checks belong at the edge when the work is tiny.
  const tiny = !facts.duration || facts.duration.worstMs <= 50;
  if (constraints.edgeWords || (constraints.edgeTask && tiny && !facts.gpu)) {
    facts.edge = true;
    heard.push({ field: 'edge', text: 'tiny logic at the CDN edge' });
  }
  if (facts.traffic?.basis === 'schedule' && facts.trigger === undefined) {
    facts.trigger = 'schedule';
    heard.push({ field: 'trigger', text: 'schedule (from the timing you gave)' });
  }

  for (const m of hasDigit(text) ? scanFigures(UNREAD_RATE, text) : []) {
    const what = m.groups?.what ?? '';
    if (claims.overlaps(m.index, m.index + m[0].length) || PERIOD_WORD.test(what)) continue;
    unread.push(`I could not read "${quote(m[0])}" as a rate; say it per second, minute, hour, day or month.`);
  }
  return { facts, heard, unread };
}
