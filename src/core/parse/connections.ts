import type { ConnectionKind, Connections } from '../workload.js';
import { formatCountGrouped } from '../format.js';
import { numberSource, readNumber } from './numbers.js';
import type { Claims } from './spans.js';
import { after, before, clauseBounds, hasDigit, scan, scanFigures } from './text.js';
import { unitMs } from './units.js';

// Connection-based workloads: "20k concurrent users", "2k users online",
// "500 concurrent viewers, each connection open ~30 min", "each user sends a
// message every 30 s". Concurrency is not a request rate and a session's length
// is not compute time; both are read here, before rates and durations, and
// claimed so those finders leave them alone.

export interface ConnectionsRead {
  connections: Partial<Connections> | null;
  heard: string[];
}

const QUALIFIER = '(?:concurrent|simultaneous|connected|online|live|open|persistent|parallel|active)';
const CLIENT = '(?:users|connections|clients|viewers|players|devices|sockets|subscribers|listeners|sessions|browsers|tabs|watchers|gamers)';
const KIND_WORD = '(?:websocket|ws|sse|socket|tcp|mqtt|streaming|long[- ]poll(?:ing)?)';
// Sticky at figures: "20k concurrent users", "5000 open websocket connections", "2k users online".
const CONCURRENT = new RegExp(
  `${numberSource('c', true)} ?(?:(?<pre>${QUALIFIER} )?(?:${KIND_WORD} )?(?:(?:user|client|viewer|player|device) )?(?<noun>${CLIENT})` +
    `|(?<strong>(?:concurrent|simultaneous|connected) )(?<any>[a-z]{3,15}s)` +
    // "25k vehicles connected", "3k agents and customers online".
    `|(?<any2>(?:[a-z]{2,15} ){0,3}?(?!(?:requests|messages|events|jobs|calls|files|tasks|uploads|records|queries|transactions|rows|orders)\\b)[a-z]{3,15}s)(?= (?:online|connected|at once|concurrently|simultaneously|at the same time)\\b))` +
    `(?<post> (?:online|connected|at once|concurrently|at the same time|simultaneously|at any (?:one )?time|live))?(?![a-z])`,
  'y',
);
// "daily active users" counts people a day, not connections at once.
const NOT_CONCURRENT_BEFORE = /\b(?:daily|monthly|weekly|dau|mau|registered|total|signed[- ]up)\s*$/;
// "each connection open ~30 min", "sessions last 20 minutes", "stay connected for about an hour".
const SESSION_WORDS = /\b(?:connections?|sessions?|connected|stay(?:s)? open|open for|is open|are open|watch(?:es|ing)?|viewing|matches|games?|rounds?)\b/;
const SESSION = new RegExp(`${numberSource('s', false)} ?(?<u>seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h)(?![a-z/\\d])`, 'y');
const ALWAYS_ON = /\b(?:always[- ](?:on|connected)|connected (?:all day|24\/7|permanently|all the time)|permanent connections?)\b/;
// "each user sends a message every 30 s", "pushes an update every 5 seconds".
const PER_CLIENT_EVERY = new RegExp(
  `\\b(?:(?:each|every|per) (?:user|client|connection|player|viewer|device|subscriber|socket|tab)|(?:push|send|broadcast|stream|emit)(?:es|s)? (?:an? )?(?:update|message|event|tick|frame|heartbeat|ping)s?|(?:an?|1) (?:message|update|event|reading|ping|heartbeat|sample)s?(?= every))` +
    `[^;.]{0,40}?\\bevery (?:${numberSource('e', false)} ?)?(?<u>seconds?|secs?|s|minutes?|mins?|m)\\b`,
  'g',
);
// "each editor sends 2 messages per second", "a tick rate of 30 per second", "30 ticks per second".
const EACH_SENDS = new RegExp(
  `\\beach (?:[a-z]+ ){0,2}(?:sends?|gets?|receives?|pushes?|emits?|publishes?|makes?) (?:about |around |~ ?)?${numberSource('x', false)} ?(?:messages?|msgs?|updates?|events?|requests?|edits?|ops|operations?)? ?(?:per|a|an|/|every) ?(?<u>second|sec|s|minute|min|hour)\\b`,
);
const TICKS = new RegExp(`(?:${numberSource('t', false)} ?(?:ticks?|updates?|frames?|snapshots?) ?(?:per|a|/) ?(?<u>second|sec|s)\\b|\\btick rate (?:of |is )?${numberSource('k', false)}(?: ?(?:hz|per second|/s))?)`);
// "2 messages per user per minute", "1 msg/s per connection".
const PER_CLIENT_RATE = new RegExp(
  `${numberSource('r', false)} ?(?:messages?|msgs?|updates?|events?|ticks?|frames?)? ?(?:per|a|/) ?(?:user|client|connection|player|viewer|device|socket) ?(?:per|a|/|each) ?(?<u>second|sec|s|minute|min|m|hour|h)\\b` +
    `|${numberSource('q', false)} ?(?:messages?|msgs?|updates?|events?|ticks?|frames?) ?(?:per|a|/) ?(?<u2>second|sec|s|minute|min)(?: (?:per|for|from) (?:each )?(?:user|client|connection|player|viewer|device))\\b`,
  'y',
);
const KINDS: readonly [RegExp, ConnectionKind][] = [
  [/\b(?:sse|server[- ]sent events?|event ?stream|eventsource)\b/, 'sse'],
  [/\blong[- ]poll(?:ing)?\b/, 'long-polling'],
  [/\b(?:game servers?|multiplayer|players?|matchmaking|tick rate|game state|match(?:es)?)\b/, 'game'],
  [/\b(?:mqtt|iot|devices?|sensors?|tcp)\b/, 'device'],
];

function kindOf(text: string): ConnectionKind {
  for (const [words, kind] of KINDS) if (words.test(text)) return kind;
  return 'websocket';
}

// Concurrency is only ever said with one of these words: a cheap check before the real finders.
const HINT = /concurren|simultan|connect|online|open|live|persistent|parallel|active|at once|same time/;

export function readConnections(text: string, claims: Claims): ConnectionsRead {
  if (!hasDigit(text) || !HINT.test(text)) return { connections: null, heard: [] };
  const bounds = clauseBounds(text);
  const found: Partial<Connections> = {};
  const heard: string[] = [];
  for (const m of scanFigures(CONCURRENT, text)) {
    const noun = m.groups?.noun ?? m.groups?.any ?? m.groups?.any2 ?? '';
    const qualified = m.groups?.pre !== undefined || m.groups?.post !== undefined || m.groups?.strong !== undefined || m.groups?.any2 !== undefined;
    // "500 active users" a day is not concurrency; "active connections" is.
    const activeOnly = m.groups?.pre === 'active ' && !/connections|sockets|sessions/.test(noun) && m.groups?.post === undefined;
    const n = readNumber(m.groups, 'c');
    if (!n || !qualified || activeOnly || found.concurrent !== undefined) continue;
    if (NOT_CONCURRENT_BEFORE.test(before(text, bounds, m.index, 24))) continue;
    if (claims.overlaps(m.index, m.index + m[0].length) || !(n.value >= 1)) continue;
    claims.claim(m.index, m.index + m[0].length);
    found.concurrent = n.value;
    heard.push(`${formatCountGrouped(n.value)} ${noun} ${/^(?:connections|sockets|sessions|streams)$/.test(noun) ? 'open' : 'connected'} at once`);
  }
  if (found.concurrent === undefined) return { connections: null, heard: [] };
  found.kind = kindOf(text);

  for (const m of scanFigures(SESSION, text)) {
    const lead = before(text, bounds, m.index, 40);
    const tail = after(text, bounds, m.index + m[0].length, 16);
    if (!SESSION_WORDS.test(lead) && !/^ ?(?:sessions?|connections?|each|per (?:session|connection|viewer|user))\b/.test(tail)) continue;
    if (/\bevery ?~?$/.test(lead) || claims.overlaps(m.index, m.index + m[0].length)) continue;
    const n = readNumber(m.groups, 's');
    const unit = unitMs(m.groups?.u);
    if (!n || unit === null || !(n.value > 0)) continue;
    claims.claim(m.index, m.index + m[0].length);
    found.sessionMinutes = (n.value * unit) / 60_000;
    heard.push(`each connection open about ${formatCountGrouped(found.sessionMinutes)} min`);
    break;
  }
  if (found.sessionMinutes === undefined && ALWAYS_ON.test(text)) {
    found.sessionMinutes = 24 * 60;
    heard.push('connections held open all day');
  }

  for (const m of scan(PER_CLIENT_EVERY, text)) {
    const every = m.groups?.e === undefined ? 1 : (readNumber(m.groups, 'e')?.value ?? 0);
    const seconds = (unitMs(m.groups?.u === 'm' ? 'minutes' : m.groups?.u) ?? 0) / 1000;
    if (!(every > 0) || !(seconds > 0)) continue;
    claims.claim(m.index, m.index + m[0].length);
    found.messagesPerMinute = 60 / (every * seconds);
    heard.push(`${formatCountGrouped(found.messagesPerMinute)} message${found.messagesPerMinute === 1 ? '' : 's'} a minute per connection`);
    break;
  }
  const sends = found.messagesPerMinute === undefined ? EACH_SENDS.exec(text) ?? TICKS.exec(text) : null;
  if (sends) {
    const n = readNumber(sends.groups, sends.groups?.x !== undefined ? 'x' : sends.groups?.t !== undefined ? 't' : 'k');
    const unit = unitMs(sends.groups?.u ?? 'second');
    if (n && unit !== null && n.value > 0) {
      claims.claim(sends.index, sends.index + sends[0].length);
      found.messagesPerMinute = (n.value * 60_000) / unit;
      heard.push(`${formatCountGrouped(found.messagesPerMinute)} messages a minute per connection`);
    }
  }
  if (found.messagesPerMinute === undefined) {
    for (const m of scanFigures(PER_CLIENT_RATE, text)) {
      const n = readNumber(m.groups, m.groups?.r !== undefined ? 'r' : 'q');
      const unit = unitMs(m.groups?.u ?? m.groups?.u2);
      if (!n || unit === null || !(n.value > 0)) continue;
      claims.claim(m.index, m.index + m[0].length);
      found.messagesPerMinute = (n.value * 60_000) / unit;
      heard.push(`${formatCountGrouped(found.messagesPerMinute)} messages a minute per connection`);
      break;
    }
  }
  return { connections: found, heard };
}
