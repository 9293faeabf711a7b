import { describe, expect, it } from 'vitest';
import type { TemplateComponent } from '../../src/core/templates/template-types.js';
import { componentsOf, readFixture } from '../helpers/template-fixtures.js';

// Every reader, on templates written the way teams write them: the same
// system in four formats imports to the same components, and every trigger
// kind each format can state is read as the right trigger.

/** What must agree across formats; descriptions and trigger wording differ by format on purpose. */
function comparable(c: TemplateComponent) {
  return {
    id: c.id,
    kind: c.kind,
    trigger: c.facts.trigger,
    memoryMb: c.facts.memoryMb,
    architecture: c.facts.architecture,
    traffic: c.facts.traffic?.hourly,
    timeoutS: c.limits.timeoutS,
    runtime: c.limits.runtime,
    cpuUnits: c.limits.cpuUnits,
    desiredCount: c.limits.desiredCount,
    image: c.limits.image,
    unknown: c.unknown,
  };
}

const NIGHTLY_AT_2 = Array.from({ length: 24 }, (_, h) => (h === 2 ? 1 : 0));

const SHOP = [
  { id: 'api', kind: 'function', trigger: 'http', memoryMb: 512, architecture: 'arm', traffic: undefined, timeoutS: 10, runtime: 'nodejs20.x', cpuUnits: undefined, desiredCount: undefined, image: undefined, unknown: [] },
  { id: 'nightly', kind: 'function', trigger: 'schedule', memoryMb: 256, architecture: 'x86', traffic: NIGHTLY_AT_2, timeoutS: 300, runtime: 'nodejs20.x', cpuUnits: undefined, desiredCount: undefined, image: undefined, unknown: [] },
  { id: 'web', kind: 'service', trigger: 'http', memoryMb: 2048, architecture: undefined, traffic: undefined, timeoutS: undefined, runtime: undefined, cpuUnits: 1024, desiredCount: 2, image: 'ghcr.io/example/shop-web:1.4', unknown: [] },
  { id: 'worker', kind: 'function', trigger: 'queue', memoryMb: 1024, architecture: 'x86', traffic: undefined, timeoutS: 60, runtime: 'python3.12', cpuUnits: undefined, desiredCount: undefined, image: undefined, unknown: [] },
];

describe('the same shop backend in four formats', () => {
  it.each([
    ['shop/serverless.yml', 'serverless'],
    ['shop/template.yaml', 'cloudformation'],
    ['shop/cdk.out/ShopStack.template.json', 'cloudformation'],
    ['shop/main.tf', 'terraform'],
  ])('%s reads as %s with the same four components', async (file, format) => {
    const result = await readFixture(file);
    expect(result.ok && result.format).toBe(format);
    const components = await componentsOf(file);
    expect(components.map(comparable).sort((a, b) => a.id.localeCompare(b.id))).toEqual(SHOP);
  });
});

/** id -> [trigger kind, words the trigger's source contains]. */
type Expected = Record<string, [string | undefined, string]>;

const SERVERLESS_EVENTS: Expected = {
  restApi: ['http', 'http post /upload'],
  httpApi: ['http', 'GET /thumbnails/{id}'],
  chat: ['websocket', '$default'],
  resize: ['storage-event', 'bucket uploads-dev'],
  orders: ['queue', 'arn:aws:sqs'],
  notify: ['storage-event', 'sns order-placed'],
  changes: ['stream', 'DynamoDB'],
  clicks: ['stream', 'Kinesis'],
  every5: ['schedule', 'rate(5 minutes)'],
  weekdays: ['schedule', 'cron(0 9 ? * MON-FRI *)'],
  bridgeSchedule: ['schedule', 'EventBridge schedule rate(1 hour)'],
  bridgePattern: ['storage-event', 'EventBridge rule'],
  behindAlb: ['http', 'alb listener'],
  secretSized: ['http', 'httpApi *'],
  stageSized: [undefined, ''],
};

const SAM_EVENTS: Expected = {
  RestFn: ['http', 'Api post /upload'],
  HttpFn: ['http', 'HttpApi GET /thumbnails/{id}'],
  UrlFn: ['http', 'function URL'],
  ResizeFn: ['storage-event', 'S3 Uploads'],
  OrdersFn: ['queue', 'SQS Orders'],
  NotifyFn: ['storage-event', 'SNS Placed'],
  ChangesFn: ['stream', 'DynamoDB Table'],
  ClicksFn: ['stream', 'Kinesis Clicks'],
  Every5Fn: ['schedule', 'rate(5 minutes)'],
  WeekdaysFn: ['schedule', 'cron(0 9 ? * MON-FRI *)'],
  PatternFn: ['storage-event', 'EventBridgeRule'],
  ImageFn: ['http', 'HttpApi'],
};

const CLOUDFORMATION_EVENTS: Expected = {
  Worker: ['queue', 'SQS Orders'],
  Clicker: ['stream', 'Kinesis Clicks'],
  Resize: ['storage-event', 'S3 Uploads'],
  Notify: ['storage-event', 'SNS Placed'],
  Cleanup: ['schedule', 'rate(1 day)'],
  Rest: ['http', 'API Gateway REST POST'],
  Socket: ['websocket', 'WebSocket API SocketApi'],
  Hook: ['http', 'function URL HookUrl'],
  Render: ['http', 'ALB target group'],
  ApiService: ['http', 'load balancer'],
};

const TERRAFORM_EVENTS: Expected = {
  orders: ['queue', 'SQS orders'],
  clicks: ['stream', 'Kinesis clicks'],
  changes: ['stream', 'DynamoDB stream of orders'],
  cleanup: ['schedule', 'rate(5 minutes)'],
  audit: ['storage-event', 'EventBridge rule ec2'],
  hook: ['http', 'function URL hook'],
  api: ['http', 'API Gateway HTTP API http'],
  socket: ['websocket', 'API Gateway WebSocket API ws'],
  resize: ['storage-event', 'S3 uploads'],
  notify: ['storage-event', 'SNS placed'],
  report: ['schedule', 'cron(0 9 ? * MON-FRI *)'],
  'api (service)': [undefined, ''],
};

describe('every trigger kind, in each format', () => {
  it.each([
    ['serverless-events.yml', SERVERLESS_EVENTS],
    ['sam-events.yaml', SAM_EVENTS],
    ['cloudformation-events.yaml', CLOUDFORMATION_EVENTS],
    ['terraform-events.tf', TERRAFORM_EVENTS],
  ])('%s', async (file, expected) => {
    const components = await componentsOf(file);
    expect(components.map((c) => c.id).sort()).toEqual(Object.keys(expected).sort());
    for (const c of components) {
      const [trigger, words] = expected[c.id] ?? [];
      expect({ id: c.id, trigger: c.facts.trigger }).toEqual({ id: c.id, trigger });
      if (words) expect(c.triggers.map((t) => t.source).join(' | ')).toContain(words);
    }
  });
});

describe('facts a template states, and what stays unknown', () => {
  it.each([
    // file, id, field path, value
    ['serverless-events.yml', 'restApi', 'facts.memoryMb', 256],
    ['serverless-events.yml', 'restApi', 'facts.region', 'us-east-2'],
    ['serverless-events.yml', 'restApi', 'limits.vpc', true],
    ['serverless-events.yml', 'resize', 'facts.memoryMb', 3008],
    ['serverless-events.yml', 'resize', 'limits.layers', 1],
    ['serverless-events.yml', 'httpApi', 'limits.coldStart', 'slow'],
    ['serverless-events.yml', 'httpApi', 'limits.provisionedConcurrency', 2],
    ['serverless-events.yml', 'orders', 'limits.reservedConcurrency', 5],
    ['serverless-events.yml', 'every5', 'facts.traffic.echo', '288 runs a day on a schedule (rate(5 minutes))'],
    ['serverless-events.yml', 'secretSized', 'limits.packageType', 'image'],
    ['serverless-events.yml', 'secretSized', 'facts.memoryMb', undefined],
    ['sam-events.yaml', 'RestFn', 'facts.memoryMb', 512],
    ['sam-events.yaml', 'RestFn', 'limits.timeoutS', 15],
    ['sam-events.yaml', 'RestFn', 'facts.architecture', 'arm'],
    ['sam-events.yaml', 'HttpFn', 'limits.provisionedConcurrency', 3],
    ['sam-events.yaml', 'HttpFn', 'limits.coldStart', 'slow'],
    ['sam-events.yaml', 'OrdersFn', 'limits.vpc', true],
    ['sam-events.yaml', 'ImageFn', 'facts.memoryMb', undefined],
    ['sam-events.yaml', 'ImageFn', 'limits.image', '123456789012.dkr.ecr.us-east-1.amazonaws.com/secret:latest'],
    ['cloudformation-events.yaml', 'Worker', 'facts.memoryMb', 1536],
    ['cloudformation-events.yaml', 'Worker', 'limits.timeoutS', 900],
    ['cloudformation-events.yaml', 'Notify', 'facts.memoryMb', 128],
    ['cloudformation-events.yaml', 'Notify', 'limits.timeoutS', 3],
    ['cloudformation-events.yaml', 'Clicker', 'limits.coldStart', 'fast'],
    ['cloudformation-events.yaml', 'ApiService', 'facts.architecture', 'arm'],
    ['cloudformation-events.yaml', 'ApiService', 'facts.memoryMb', 4096],
    ['terraform-events.tf', 'orders', 'facts.memoryMb', 768],
    ['terraform-events.tf', 'orders', 'limits.runtime', 'python3.12'],
    ['terraform-events.tf', 'orders', 'limits.timeoutS', undefined],
    ['terraform-events.tf', 'api', 'limits.provisionedConcurrency', 4],
    ['terraform-events.tf', 'hook', 'limits.packageType', 'image'],
    ['terraform-events.tf', 'api (service)', 'facts.architecture', 'arm'],
    ['terraform-events.tf', 'api (service)', 'limits.cpuUnits', 512],
  ])('%s: %s %s = %j', async (file, id, path, value) => {
    const c = (await componentsOf(file)).find((x) => x.id === id);
    const at = path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], c);
    expect(at).toEqual(value);
  });

  it.each([
    ['serverless-events.yml', 'secretSized', ['memorySize: ${ssm:/media/secret-memory} depends on something outside the file', 'timeout: ${env:SECRET_TIMEOUT} depends on something outside the file']],
    ['serverless-events.yml', 'stageSized', ['memorySize: ${file(./sizes.yml):stage} depends on something outside the file', 'timeout: ${opt:timeout} depends on something outside the file']],
    ['sam-events.yaml', 'ImageFn', ['MemorySize: {"Fn::If":["IsProd",2048,1024]} is not a static number', 'Timeout: {"Fn::FindInMap":["Sizes",{"Ref":"Stage"},"Timeout"]} is not a static number']],
    ['terraform-events.tf', 'orders', ['timeout: ${var.timeout} is not a static number']],
  ])('%s: %s names what it could not read', async (file, id, unknown) => {
    const c = (await componentsOf(file)).find((x) => x.id === id);
    expect(c?.unknown).toEqual(unknown);
  });
});
