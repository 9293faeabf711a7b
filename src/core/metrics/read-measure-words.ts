import type { MetricSource, MetricSourceKind } from './metric-types.js';
import { parseMetricSource } from './parse-metric-source.js';

// The words after "from" in chat, as engineers type them: "lambda
// resize-images eu-west-1", "apigw a1b2c3d4e5 prod", "alb web-prod", "ecs prod/web",
// "sqs https://sqs.eu-west-1.amazonaws.com/123456789012/orders", "lamda
// resize-images" (one slip in the kind is forgiven). What follows the name
// and region is kept as words about the workload ("p99 under 100 ms").

export type MeasureWords =
  | { ok: true; source: MetricSource; region: string | null; rest: string }
  | { ok: false; error: string };

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;
const ALIASES: Record<string, MetricSourceKind> = {
  lambda: 'lambda',
  function: 'lambda',
  apigw: 'apigw',
  apigateway: 'apigw',
  'api-gateway': 'apigw',
  api: 'apigw',
  alb: 'alb',
  elb: 'alb',
  'load-balancer': 'alb',
  loadbalancer: 'alb',
  sqs: 'sqs',
  queue: 'sqs',
  ecs: 'ecs',
};
/** Two words that name one kind: "api gateway", "load balancer". */
const TWO_WORD_KINDS: Record<string, MetricSourceKind> = { 'api gateway': 'apigw', 'load balancer': 'alb', 'lambda function': 'lambda', 'ecs service': 'ecs', 'sqs queue': 'sqs' };

export const MEASURE_USAGE: Record<MetricSourceKind, string> = {
  lambda: 'from lambda <function-name> [region]',
  apigw: 'from apigw <api-id> <stage> [region]',
  alb: 'from alb <load-balancer-name> [region]',
  sqs: 'from sqs <queue-name> [region]',
  ecs: 'from ecs <cluster>/<service> [region] <its traffic in words>',
};
const KINDS_TEXT = 'lambda, apigw, alb, sqs or ecs';

export function readMeasureWords(text: string): MeasureWords {
  const tokens = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const pair = tokens.slice(0, 2).join(' ').toLowerCase();
  const kind = TWO_WORD_KINDS[pair] ?? kindOf(tokens[0] ?? '');
  if (!kind) {
    const said = tokens[0] ? `"${shown(tokens[0])}" is not something I can measure` : 'Say what to measure';
    return { ok: false, error: `${said}: use ${KINDS_TEXT}, e.g. from lambda resize-images eu-west-1.` };
  }
  const afterKind = tokens.slice(TWO_WORD_KINDS[pair] ? 2 : 1);
  const named = nameOf(kind, afterKind);
  if (!named.ok) return named;
  let region = named.region;
  let rest = afterKind.slice(named.used);
  if (rest[0]?.toLowerCase() === 'in' && REGION.test(rest[1]?.toLowerCase() ?? '')) rest = rest.slice(1);
  if (REGION.test(rest[0]?.toLowerCase() ?? '')) {
    region = rest[0]!.toLowerCase();
    rest = rest.slice(1);
  }
  const parsed = parseMetricSource(`${kind}:${named.name}`);
  if (!parsed.ok) return { ok: false, error: `${parsed.error} In chat: ${MEASURE_USAGE[kind]}.` };
  return { ok: true, source: parsed.source, region, rest: rest.join(' ') };
}

/** True when the words start by naming a kind of source ("lambda ...", "api gateway ...", "lamda ..."). */
export function namesSource(text: string): boolean {
  const tokens = text.trim().split(/\s+/);
  return Boolean(TWO_WORD_KINDS[tokens.slice(0, 2).join(' ').toLowerCase()] ?? kindOf(tokens[0] ?? ''));
}

function kindOf(word: string): MetricSourceKind | null {
  const w = word.toLowerCase().replace(/[.,:;]+$/, '');
  if (ALIASES[w]) return ALIASES[w];
  // One slip (a letter missing, extra, wrong or two swapped) in a kind of five letters or more: "lamda", "lmabda".
  const near = Object.keys(ALIASES).filter((alias) => alias.length >= 5 && oneSlipApart(w, alias));
  const kinds = [...new Set(near.map((alias) => ALIASES[alias]!))];
  return kinds.length === 1 ? kinds[0]! : null;
}

type Named = { ok: true; name: string; used: number; region: string | null } | { ok: false; error: string };

/** The source's name from the words after its kind; `used` = how many words it took. */
function nameOf(kind: MetricSourceKind, words: string[]): Named {
  const first = words[0] ?? '';
  const missing = (what: string): Named => ({ ok: false, error: `Name the ${what}: ${MEASURE_USAGE[kind]}, e.g. ${example(kind)}.` });
  if (!first || REGION.test(first)) return missing(WHAT[kind]);
  switch (kind) {
    case 'lambda': {
      const arnRegion = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):/.exec(first)?.[1] ?? null;
      return { ok: true, name: first, used: 1, region: arnRegion };
    }
    case 'apigw':
    case 'ecs':
      return twoPart(first, words[1] ?? '') ?? missing(WHAT[kind]);
    case 'alb': {
      const arnRegion = /^arn:aws[a-z-]*:elasticloadbalancing:([a-z0-9-]+):/.exec(first)?.[1] ?? null;
      return { ok: true, name: first, used: 1, region: arnRegion };
    }
    case 'sqs': {
      const url = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com\/\d{12}\/([^/]+)$/.exec(first);
      if (url) return { ok: true, name: url[2]!, used: 1, region: url[1]! };
      return { ok: true, name: first, used: 1, region: null };
    }
  }
}

/** "a1b2c3d4e5/prod" or "a1b2c3d4e5 prod", "prod/web" or "prod web"; null when the second part is missing. */
function twoPart(first: string, second: string): Named | null {
  if (first.includes('/')) return { ok: true, name: first, used: 1, region: null };
  if (!second || REGION.test(second)) return null;
  return { ok: true, name: `${first}/${second}`, used: 2, region: null };
}

const WHAT: Record<MetricSourceKind, string> = { lambda: 'function', apigw: 'API and its stage', alb: 'load balancer', sqs: 'queue', ecs: 'cluster and its service' };

function example(kind: MetricSourceKind): string {
  const examples: Record<MetricSourceKind, string> = {
    lambda: 'from lambda resize-images eu-west-1',
    apigw: 'from apigw a1b2c3d4e5 prod',
    alb: 'from alb web-prod eu-west-1',
    sqs: 'from sqs orders',
    ecs: 'from ecs prod/web 40 requests a second at peak, 120 ms each',
  };
  return examples[kind];
}

function shown(word: string): string {
  return word.length > 60 ? `${word.slice(0, 57)}...` : word;
}

/** Optimal string alignment distance of exactly one. */
function oneSlipApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
