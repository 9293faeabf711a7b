import type { LogVolume, ResponseVolume, VpcInternet, WorkloadFacts } from '../workload.js';
import { formatMb } from '../format.js';
import type { Heard } from './parse-result.js';
import type { Claims } from './spans.js';
import { gateOpen, hasDigit, scan, type Gate } from './text.js';

// Words that put a charge beside compute on the bill: responses sent to the
// internet ("returns 2 MB images"), logs ("2 KB of logs per request",
// "verbose logging"), a VPC that reaches the internet ("in a VPC, calls
// external APIs": a NAT gateway), and a large /tmp ("10 GB /tmp"). Only what
// the words imply is read; a size left unsaid is assumed later, and said so.

export interface CostWordsRead {
  facts: Pick<WorkloadFacts, 'logs' | 'responses' | 'vpcInternet' | 'ephemeralMb'>;
  heard: Heard[];
}

/** Sizes assumed when the thing is said without one. */
export const ASSUMED_RESPONSE_KB = 1024;
export const ASSUMED_LOG_KB = 1;

const SIZE = String.raw`(?<n>\d+(?:\.\d+)?) ?(?<u>kb|kib|kilobytes?|mb|mib|megabytes?|gb|gib|gigabytes?)\b`;
const MEDIA = String.raw`(?:images?|photos?|pictures?|thumbnails?|videos?|files?|pdfs?|documents?|pages?|assets?|downloads?|reports?|exports?|archives?|zips?|csvs?|json)`;
const ABOUT = String.raw`(?:(?:a|an|about|around|roughly|up to|~) ?)?`;
const SEND = String.raw`(?:returns?|returning|serves?|serving|sends? back|responds? with|delivers?|streams?|downloads?)`;

const RESPONSE_STATED = [
  new RegExp(String.raw`\b${SEND} ${ABOUT}${SIZE} (?:of )?(?:[a-z-]+ )?${MEDIA}`, 'g'),
  new RegExp(String.raw`\b${SEND} ${MEDIA} (?:of |up to |around |about )?${ABOUT}${SIZE}`, 'g'),
  new RegExp(String.raw`${SIZE} (?:json |html |api )?(?:responses?|response bodies|replies)\b`, 'g'),
  new RegExp(String.raw`\b(?:responses?|response bodies|replies) (?:of|are|is|around|about|up to|average|averaging)? ?${ABOUT}${SIZE}`, 'g'),
];
const RESPONSE_IMPLIED = new RegExp(String.raw`\b${SEND} (?:the |resized |large |big )?${MEDIA}\b`);

const LOGS_STATED = [
  new RegExp(String.raw`${SIZE} (?:of )?(?:logs?|log lines|log data|logging)\b(?! ?(?:(?:a|per|each|every|\/) ?(?:day|week|month|hour)|daily|weekly|monthly|hourly)\b)`, 'g'),
  new RegExp(String.raw`\blog(?:s|ging)? ${ABOUT}${SIZE} (?:per|each|a|for every|every) (?:request|call|invocation|run|event|message)\b`, 'g'),
];
const LOGS_IMPLIED = /\b(?:verbose|debug|heavy|detailed|chatty) logging\b|\blogs? (?:every|each|all|the full) (?:request|call|invocation|payload|event)s?\b/;

const VPC = /\b(?:in|inside|within|into|behind) (?:a |the |our |their |its |an? private )?vpc\b|\bvpc[- ](?:attached|enabled|bound|only)\b|\bprivate subnets?\b/;
const INTERNET =
  /\b(?:calls?|calling|hits?|hitting|queries|querying|reach(?:es|ing)?|talks? to|fetch(?:es|ing)? from|posts? to|pushes to|uses?) (?:out to )?(?:an? |the |some |several |many )?(?:external|third[- ]party|public|partner|outside|remote|saas) (?:apis?|services?|endpoints?|webhooks?|providers?)\b|\b(?:reach(?:es)?|needs?|calls? out to|access(?:es)?|goes? out to) (?:to )?the (?:public )?internet\b|\b(?:external|third[- ]party) apis?\b|\bcalls? (?:stripe|twilio|openai|sendgrid|github|shopify|salesforce|paypal)\b/;
const NEGATION = /\b(?:not|no|never|without|isn't|aren't|doesn't|don't)\b[^,;.]{0,12}$/;

const EPHEMERAL = [
  new RegExp(String.raw`${SIZE} (?:of )?(?:\/tmp|tmp|ephemeral(?: storage| disk)?|scratch(?: space| disk)?|temp(?:orary)? (?:disk|storage|space))\b`, 'g'),
  new RegExp(String.raw`(?:\/tmp|ephemeral storage|ephemeral disk|scratch space) (?:of |up to |around |about )?${ABOUT}${SIZE}`, 'g'),
];

/** Every pattern of a kind spells out one of its words: a text with none of them skips the kind. */
export const COST_WORD_GATES = {
  responses: { words: ['return', 'serv', 'send', 'respon', 'deliver', 'stream', 'download', 'repl'], patterns: [...RESPONSE_STATED, RESPONSE_IMPLIED] },
  logs: { words: ['log'], patterns: [...LOGS_STATED, LOGS_IMPLIED] },
  ephemeral: { words: ['tmp', 'ephemeral', 'scratch', 'temp'], patterns: EPHEMERAL },
} as const satisfies Record<string, Gate>;

function kb(groups: Record<string, string> | undefined): number {
  const n = Number(groups?.n);
  const u = groups?.u ?? 'kb';
  return u.startsWith('k') ? n : u.startsWith('m') ? n * 1024 : n * 1024 * 1024;
}

/** The first unclaimed match among the patterns, claimed. */
function firstFigure(patterns: readonly RegExp[], text: string, claims: Claims): RegExpExecArray | null {
  for (const re of patterns) {
    for (const m of scan(re, text)) {
      if (claims.overlaps(m.index, m.index + m[0].length) || !(kb(m.groups) > 0)) continue;
      claims.claim(m.index, m.index + m[0].length);
      return m;
    }
  }
  return null;
}

function affirmed(re: RegExp, text: string): RegExpExecArray | null {
  const m = re.exec(text);
  return m && !NEGATION.test(text.slice(Math.max(0, m.index - 24), m.index)) ? m : null;
}

function describeKb(value: number): string {
  return value >= 1024 ? formatMb(value / 1024) : `${Number(value.toFixed(2))} KB`;
}

export function readCostWords(text: string, claims: Claims): CostWordsRead {
  const facts: CostWordsRead['facts'] = {};
  const heard: Heard[] = [];
  const digits = hasDigit(text);

  const responses = gateOpen(COST_WORD_GATES.responses, text);
  const response = digits && responses ? firstFigure(RESPONSE_STATED, text, claims) : null;
  const impliedResponse = response || !responses ? null : RESPONSE_IMPLIED.exec(text);
  if (response || impliedResponse) {
    const stated = response !== null;
    const value: ResponseVolume = stated
      ? { kbPerRequest: kb(response.groups), stated, words: response[0] }
      : { kbPerRequest: ASSUMED_RESPONSE_KB, stated, words: impliedResponse?.[0] ?? '' };
    facts.responses = value;
    heard.push({ field: 'responses', text: `${describeKb(value.kbPerRequest)} sent back per request${stated ? '' : ' (assumed)'} (from "${value.words}")` });
  }

  const logs = gateOpen(COST_WORD_GATES.logs, text);
  const log = digits && logs ? firstFigure(LOGS_STATED, text, claims) : null;
  const impliedLog = log || !logs ? null : affirmed(LOGS_IMPLIED, text);
  if (log || impliedLog) {
    const value: LogVolume = log ? { kbPerRequest: kb(log.groups), stated: true } : { kbPerRequest: ASSUMED_LOG_KB, stated: false };
    facts.logs = value;
    heard.push({ field: 'logs', text: `${describeKb(value.kbPerRequest)} of logs per request${value.stated ? '' : ` (assumed, from "${impliedLog?.[0] ?? ''}")`}` });
  }

  const vpc = text.includes('vpc') || text.includes('subnet') ? affirmed(VPC, text) : null;
  const internet = vpc ? affirmed(INTERNET, text) : null;
  if (vpc && internet) {
    const value: VpcInternet = { words: `${vpc[0]}, ${internet[0]}` };
    facts.vpcInternet = value;
    heard.push({ field: 'vpcInternet', text: `in a VPC and reaching the internet (from "${value.words}"): a NAT gateway` });
  }

  const tmp = digits && gateOpen(COST_WORD_GATES.ephemeral, text) ? firstFigure(EPHEMERAL, text, claims) : null;
  if (tmp) {
    const mb = kb(tmp.groups) / 1024;
    facts.ephemeralMb = mb;
    heard.push({ field: 'ephemeralMb', text: `${formatMb(mb)} of ephemeral storage (/tmp)` });
  }
  return { facts, heard };
}
