import type { Trigger } from '../workload.js';
import { readCloudFormationResources, referencedIds } from './read-cloudformation.js';
import { createResolver, UNRESOLVED } from './serverless-variables.js';
import { isDoc, type Doc, type TemplateComponent } from './template-types.js';
import { addTrigger, asArray, newComponent, setArchitecture, setLimit, setMemory, setRuntime, shortValue, staticNumber } from './template-values.js';

// serverless.yml (v3 and v4) -> components: provider defaults under each
// function's own settings, its events as triggers, and the CloudFormation
// under `resources:` read like any other template (ECS services live there).

/** The Framework's own defaults when neither the function nor the provider says. */
const FRAMEWORK_DEFAULTS = { memorySize: 1024, timeout: 6 } as const;

const EVENT_TRIGGERS: Record<string, Trigger> = {
  http: 'http',
  httpApi: 'http',
  alb: 'http',
  websocket: 'websocket',
  s3: 'storage-event',
  sqs: 'queue',
  sns: 'storage-event',
  stream: 'stream',
  kafka: 'stream',
  msk: 'stream',
  schedule: 'schedule',
};

export function isServerlessDocument(doc: Doc): boolean {
  return 'service' in doc && ('provider' in doc || 'functions' in doc);
}

export function readServerless(raw: Doc): TemplateComponent[] {
  const resolve = createResolver(raw);
  const read = (value: unknown) => {
    const v = resolve(value);
    return v === UNRESOLVED ? { unresolved: value } : v;
  };
  const provider = isDoc(raw.provider) ? raw.provider : {};
  const functions = isDoc(raw.functions) ? raw.functions : {};
  const components: TemplateComponent[] = [];
  for (const [key, value] of Object.entries(functions)) {
    const fn = isDoc(value) ? value : {};
    const c = newComponent(key, 'function', describe(fn, key));
    const pick = (name: string) => read(fn[name] ?? provider[name]);
    setMemory(c, 'memorySize', orDefault(c, 'memorySize', pick('memorySize'), FRAMEWORK_DEFAULTS.memorySize));
    setLimit(c, 'timeoutS', staticNumber(c, 'timeout', orDefault(c, 'timeout', pick('timeout'), FRAMEWORK_DEFAULTS.timeout)));
    const image = fn.image ?? undefined;
    if (image) {
      setLimit(c, 'packageType', 'image');
      setLimit(c, 'image', typeof image === 'string' ? image : 'image from provider.ecr');
    } else {
      setLimit(c, 'packageType', 'zip');
      setRuntime(c, 'runtime', known(c, 'runtime', pick('runtime')));
    }
    setArchitecture(c, 'architecture', orDefault(c, 'architecture', pick('architecture'), 'x86_64'));
    const region = known(c, 'region', read(provider.region));
    if (typeof region === 'string') c.facts.region = region;
    setLimit(c, 'layers', Array.isArray(fn.layers) ? fn.layers.length : undefined);
    setLimit(c, 'reservedConcurrency', staticNumber(c, 'reservedConcurrency', known(c, 'reservedConcurrency', read(fn.reservedConcurrency))));
    setLimit(c, 'provisionedConcurrency', staticNumber(c, 'provisionedConcurrency', known(c, 'provisionedConcurrency', read(fn.provisionedConcurrency))));
    if (fn.vpc ?? provider.vpc) setLimit(c, 'vpc', true);
    for (const event of asArray(fn.events)) readEvent(c, event, read);
    components.push(c);
  }
  const resources = isDoc(raw.resources) && isDoc(raw.resources.Resources) ? raw.resources.Resources : {};
  const region = resolve(provider.region);
  for (const service of readCloudFormationResources({ Resources: resources }).filter((c) => c.kind === 'service')) {
    if (typeof region === 'string') service.facts.region = region;
    components.push(service);
  }
  return components;
}

function readEvent(c: TemplateComponent, event: unknown, read: (v: unknown) => unknown): void {
  if (!isDoc(event)) return;
  for (const [type, rawSpec] of Object.entries(event)) {
    const resolved = read(rawSpec);
    // One level into the event's settings: bucket names and paths often carry ${self:...}.
    const spec = isDoc(resolved) && !('unresolved' in resolved) ? Object.fromEntries(Object.entries(resolved).map(([k, v]) => [k, typeof v === 'string' ? readOr(read, v) : v])) : resolved;
    if (type === 'schedule') {
      const rate = isDoc(spec) ? asArray(read(spec.rate))[0] : spec;
      addTrigger(c, 'schedule', `schedule ${shortValue(rate)}`, read(rate));
    } else if (type === 'eventBridge') {
      const body = isDoc(spec) ? spec : {};
      if (body.schedule) addTrigger(c, 'schedule', `EventBridge schedule ${shortValue(body.schedule)}`, read(body.schedule));
      else addTrigger(c, 'storage-event', `EventBridge rule ${shortValue(body.pattern ?? body.eventBus ?? 'events')}`);
    } else if (type === 'stream') {
      const kind = isDoc(spec) ? spec.type : typeof spec === 'string' && spec.includes(':kinesis:') ? 'kinesis' : 'dynamodb';
      addTrigger(c, 'stream', `${kind === 'kinesis' ? 'Kinesis' : 'DynamoDB'} stream`);
    } else {
      const kind = EVENT_TRIGGERS[type];
      if (kind) addTrigger(c, kind, `${type} ${eventSource(type, spec)}`);
      else c.unknown.push(`event ${type}: not a trigger this reader knows`);
    }
  }
}

/** The part of an event a person recognises: "GET /orders", the queue, the bucket. */
function eventSource(type: string, spec: unknown): string {
  if (typeof spec === 'string') return shortValue(spec);
  if (!isDoc(spec)) return '';
  if (type === 'http' || type === 'httpApi') return [spec.method, spec.path].filter((x) => typeof x === 'string').join(' ') || 'endpoint';
  if (type === 'websocket') return String(spec.route ?? '');
  if (type === 'alb') return `listener ${shortValue(spec.listenerArn ?? '')}`;
  if (type === 's3') return `bucket ${shortValue(spec.bucket ?? '')}`;
  if (type === 'sqs') return referencedIds(spec.arn)[0] ?? shortValue(spec.arn ?? spec.queueName ?? '');
  if (type === 'sns') return shortValue(spec.topicName ?? spec.arn ?? '');
  return '';
}

function describe(fn: Doc, key: string): string {
  const text = typeof fn.description === 'string' ? fn.description : typeof fn.handler === 'string' ? `handler ${fn.handler}` : key;
  return `${text} (Serverless Framework function)`;
}

/** The value, or undefined after noting that it depends on something outside the file. */
function known(c: TemplateComponent, label: string, value: unknown): unknown {
  if (isDoc(value) && 'unresolved' in value) {
    c.unknown.push(`${label}: ${shortValue(value.unresolved)} depends on something outside the file`);
    return undefined;
  }
  return value ?? undefined;
}

/** The Framework's default when the file says nothing; unknown (not the default) when it says something unreadable. */
function orDefault(c: TemplateComponent, label: string, value: unknown, fallback: unknown): unknown {
  return value === undefined || value === null ? fallback : known(c, label, value);
}

function readOr(read: (v: unknown) => unknown, raw: string): unknown {
  const value = read(raw);
  return isDoc(value) && 'unresolved' in value ? raw : value;
}
