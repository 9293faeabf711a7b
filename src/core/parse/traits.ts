import type { Architecture, StateNeed, Trigger, WorkNature, WorkloadFacts } from '../workload.js';
import type { Heard } from './parse-result.js';
import { before, clauseBounds, scan } from './text.js';

// Traits named in words: trigger, state, CPU- vs I/O-bound, prototype,
// architecture, region. Each is a short keyword list; the first strong
// mention of a trigger wins over generic words ("an HTTP API that enqueues to
// SQS" is an HTTP workload).

export interface TraitsRead {
  facts: WorkloadFacts;
  heard: Heard[];
}

interface TriggerWords {
  trigger: Trigger;
  name: string;
  strong: RegExp;
  weak?: RegExp;
}

const TRIGGERS: readonly TriggerWords[] = [
  { trigger: 'websocket', name: 'WebSocket connection', strong: /\b(?:web ?sockets?|socket\.io)\b/ },
  { trigger: 'webhook', name: 'webhook', strong: /\bweb ?hooks?\b/ },
  {
    trigger: 'storage-event',
    name: 'storage event (file upload)',
    strong:
      /\b(?:(?:on|after|when|whenever|each|every|per|new|for) (?:[a-z]+ ){0,3}uploads?|uploaded to|s3 (?:events?|triggers?|notifications?|put)|bucket (?:events?|notifications?|triggers?)|object created|files? (?:lands?|arrives?|appears?|is added|are added|dropped))\b/,
    weak: /\b(?:uploads?|uploaded|uploading|s3|buckets?|blob storage|gcs|cloud storage)\b/,
  },
  {
    trigger: 'schedule',
    name: 'schedule',
    strong:
      /\b(?:cron(?:job|tab)?s?|scheduled?|nightly|every (?:night|morning|evening|day|hour|week|weekday|month|\d+ ?(?:min|mins|minutes|hours?|h|days?))|(?:once|twice|thrice) an? (?:day|night|hour|week|month)|batch jobs?|runs (?:hourly|daily|weekly|monthly)|(?:hourly|daily|weekly|monthly) (?:jobs?|runs?|batch|etl|reports?|exports?|backups?)|month[- ]end|end of (?:the |each |every )?month)\b|@(?:hourly|daily|weekly|monthly)\b/,
  },
  {
    trigger: 'stream',
    name: 'stream (Kafka/Kinesis)',
    strong: /\b(?:kafka|kinesis|event ?hubs?|(?:dynamodb|data|event|change) streams?|stream (?:consumer|processor|processing)|cdc|change data capture|msk)\b/,
    weak: /\bstreams?\b/,
  },
  {
    trigger: 'queue',
    name: 'queue message',
    strong:
      /\b(?:sqs|rabbitmq|rabbit|amqp|service bus|pub\/?sub|celery|sidekiq|(?:message|job|task|work) queues?|queue (?:consumer|worker|messages?)|(?:consum\w*|pulls?|polls?|reads?|listens?) (?:from |to |on )?(?:an? |the )?queue)\b/,
    weak: /\b(?:queues?|queued|broker)\b/,
  },
  {
    trigger: 'http',
    name: 'HTTP request',
    strong: /\b(?:https?|rest(?:ful)?|graphql|grpc|api gateway|endpoints?|web ?apps?|websites?|web servers?|user-facing)\b/,
    weak: /\b(?:apis?|backend|front ?end|requests? from (?:users|clients|browsers))\b/,
  },
];

const STATES: readonly { need: StateNeed; name: string; words: RegExp }[] = [
  { need: 'websocket', name: 'WebSocket connections', words: /\b(?:web ?sockets?|socket\.io)\b|\bwss?:\/\// },
  {
    need: 'long-lived-connection',
    name: 'long-lived connections',
    words:
      /\b(?:long[- ]lived (?:tcp |db |database )?connections?|persistent (?:tcp |db |database )?connections?|keep[- ]alive connections?|long[- ]polling|server[- ]sent events|sse|open connections?|mqtt|(?:raw )?tcp connections?|streaming connections?)\b/,
  },
  {
    need: 'in-memory-cache',
    name: 'in-memory cache',
    words: /\b(?:in[- ]memory (?:cache|caching|state|store)|cach(?:e|es|ed|ing) in memory|local cache|in[- ]process cache|warm cache|keeps? [a-z ]{0,20}in memory|memoi[sz](?:e|es|ed|ation))\b/,
  },
  {
    need: 'connection-pool',
    name: 'connection pool',
    words: /\b(?:connection[- ]pool(?:s|ing)?|pooled connections|(?:db|database) pool|pgbouncer|pool of connections)\b/,
  },
];
const STATELESS = /\b(?:stateless|no state|keeps? no state|no (?:persistent |long[- ]lived )?(?:connections|sessions))\b/;
const NEGATION = /\b(?:no|not|without|never|nor|don't|doesn't|dont|doesnt|isn't|aren't|no need for)\b[^.;]*$/;

const CPU =
  /\b(?:transcod\w*|render\w*|resiz\w*|encod(?:e|es|ed|ing)|compress\w*|thumbnails?|(?:image|video|audio) processing|inference|ml models?|machine learning|training|crunch\w*|hashing|encrypt\w*|ocr|simulat\w*|ffmpeg|imagemagick|pdf generation|generat\w* pdfs?)\b/;
const IO =
  /\b(?:databases?|db|postgres\w*|mysql|dynamo\w*|mongo\w*|redis|sql|call(?:s|ing)? (?:to )?(?:an? |the )?(?:[a-z-]+ ){0,2}(?:apis?|services?|endpoints?)|third[- ]party apis?|external apis?|prox(?:y|ies|ying)|crud|fetch\w*|http calls?|waits? (?:on|for)|forward\w*|sends? (?:an? )?(?:emails?|notifications?|messages?)|lookups?)\b/;
const CPU_EXPLICIT = /\b(?:cpu|compute)[- ](?:bound|heavy|intensive)\b/;
const IO_EXPLICIT = /\b(?:i\/?o|network)[- ](?:bound|heavy)\b/;
const CPU_SHARE = /(?<![\d.])(?<pct>\d{1,3}(?:\.\d)?) ?% (?:of (?:the )?time )?(?:on |in )?(?:the )?cpu\b/;

const PROTOTYPE = /\b(?:prototypes?|prototyping|mvp|poc|proof[- ]of[- ]concept|hackathon|side project|experiment(?:al)?|demo|pilot)\b/;
// Cheap checks first: most descriptions name no architecture.
const ARCH_HINT = /arm|graviton|aarch|ampere|x86|amd64|x64|intel/;
const ARM = /\b(?:arm(?:64)?|graviton\d?|aarch64|ampere)\b/;
const X86 = /\b(?:x86(?:[-_]64)?|amd64|x64|intel)\b/;
const REGION =
  /\b(?:(?:us|eu|ap|sa|ca|me|af|il|mx)-(?:gov-)?(?:east|west|north|south|central|northeast|northwest|southeast|southwest)-\d|(?:us|europe|asia|australia|northamerica|southamerica|me|africa)-(?:east|west|north|south|central|northeast|northwest|southeast|southwest)\d{1,2})\b/;

/** One regex per level with a group per trigger: a single scan finds the earliest mention. */
function combined(level: 'strong' | 'weak'): RegExp {
  const parts = TRIGGERS.flatMap((t, i) => (t[level] ? [`(?<t${i}>${t[level].source})`] : []));
  return new RegExp(parts.join('|'), 'g');
}
const LEVELS = [combined('strong'), combined('weak')];
/** Each trigger's group name, worded once rather than per match. */
const TRIGGER_GROUPS = TRIGGERS.map((_t, k) => `t${k}`);
// "calls the Stripe API" is work the function does, not what triggers it.
const OUTBOUND = /\b(?:call(?:s|ing|ed)?|fetch(?:es|ing)?|quer(?:y|ies|ying)|hits?|hitting|polls?|polling|to|from|via|using|uses?|third[- ]party|external|downstream)\b/;

function readTrigger(text: string, bounds: readonly number[]): { trigger: Trigger; name: string; word: string } | null {
  for (const level of LEVELS) {
    // Match by match, not all at once: the first mention that counts ends the search.
    level.lastIndex = 0;
    for (let m = level.exec(text); m !== null; m = level.exec(text)) {
      if (m[0].length === 0) level.lastIndex++;
      // "no websockets" names a trigger only to rule it out.
      if (negated(text, bounds, m.index)) continue;
      const groups = m.groups;
      const i = groups === undefined ? -1 : TRIGGER_GROUPS.findIndex((name) => groups[name] !== undefined);
      const t = TRIGGERS[i];
      // "calls the Stripe API", "pulls data from S3": what the work reaches out to, not what starts it.
      if (level === LEVELS[1] && (t?.trigger === 'http' || t?.trigger === 'storage-event') && OUTBOUND.test(before(text, bounds, m.index, 24))) continue;
      if (t) return { trigger: t.trigger, name: t.name, word: m[0] };
    }
  }
  return null;
}

function negated(text: string, bounds: readonly number[], at: number): boolean {
  return NEGATION.test(before(text, bounds, at, 24));
}

// All state words in one regex, a group per need, so one scan finds them all.
const STATE_ALL = new RegExp(
  [...STATES.map((s, i) => `(?<s${i}>${s.words.source})`), `(?<stateless>${STATELESS.source})`].join('|'),
  'g',
);
const STATE_GROUPS = STATES.map((_s, i) => `s${i}`);

function readState(text: string, bounds: readonly number[]): { state: StateNeed[]; names: string[] } | null {
  const state: StateNeed[] = [];
  const names: string[] = [];
  let denied = false;
  for (const m of scan(STATE_ALL, text)) {
    if (m.groups?.stateless !== undefined) {
      denied = true;
      continue;
    }
    if (negated(text, bounds, m.index)) {
      denied = true;
      continue;
    }
    const groups = m.groups;
    const found = groups === undefined ? -1 : STATE_GROUPS.findIndex((name) => groups[name] !== undefined);
    const s = STATES[found];
    if (s && !state.includes(s.need)) {
      state.push(s.need);
      names.push(s.name);
    }
  }
  if (state.length > 0) return { state, names };
  return denied ? { state: [], names: [] } : null;
}

function readNature(text: string): { nature: WorkNature; why: string } | null {
  const explicit = text.includes('bound') || text.includes('heavy') || text.includes('intensive');
  if (explicit && CPU_EXPLICIT.test(text)) return { nature: 'cpu-bound', why: 'as you said' };
  if (explicit && IO_EXPLICIT.test(text)) return { nature: 'io-bound', why: 'as you said' };
  const cpu = CPU.exec(text);
  const io = IO.exec(text);
  if (cpu && io) return { nature: 'mixed', why: `"${cpu[0]}" and "${io[0]}"` };
  if (cpu) return { nature: 'cpu-bound', why: `"${cpu[0]}"` };
  if (io) return { nature: 'io-bound', why: `"${io[0]}"` };
  return null;
}

export function readTraits(text: string): TraitsRead {
  const facts: WorkloadFacts = {};
  const heard: Heard[] = [];
  const bounds = clauseBounds(text);

  const trigger = readTrigger(text, bounds);
  if (trigger) {
    facts.trigger = trigger.trigger;
    heard.push({ field: 'trigger', text: `${trigger.name} (from "${trigger.word}")` });
  }
  const state = readState(text, bounds);
  if (state) {
    facts.state = state.state;
    heard.push({ field: 'state', text: state.state.length === 0 ? 'stateless' : state.names.join(', ') });
  }
  const nature = readNature(text);
  if (nature) {
    facts.nature = nature.nature;
    heard.push({ field: 'nature', text: `${nature.nature} (${nature.why})` });
  }
  const share = text.includes('%') ? CPU_SHARE.exec(text) : null;
  const pct = Number(share?.groups?.pct);
  if (share && pct > 0 && pct <= 100) {
    facts.cpuShare = pct / 100;
    heard.push({ field: 'cpuShare', text: `${pct}% of the time on the CPU` });
  }
  const proto = PROTOTYPE.exec(text);
  if (proto) {
    facts.prototype = !negated(text, bounds, proto.index);
    heard.push({ field: 'prototype', text: facts.prototype ? `prototype / MVP (from "${proto[0]}")` : 'not a prototype' });
  }
  const arch: Architecture | null = ARCH_HINT.test(text) ? (ARM.test(text) ? 'arm' : X86.test(text) ? 'x86' : null) : null;
  if (arch) {
    facts.architecture = arch;
    heard.push({ field: 'architecture', text: arch === 'arm' ? 'Arm (Graviton)' : 'x86' });
  }
  const region = text.includes('-') ? REGION.exec(text) : null;
  if (region) {
    facts.region = region[0];
    heard.push({ field: 'region', text: region[0] });
  }
  return { facts, heard };
}
