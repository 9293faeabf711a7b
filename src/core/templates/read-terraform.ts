import type { Trigger } from '../workload.js';
import { isDoc, type Doc, type TemplateComponent } from './template-types.js';
import { addTrigger, asArray, LAMBDA_DEFAULTS, newComponent, setArchitecture, setLimit, setMemory, setRuntime, shortValue, staticNumber, staticString } from './template-values.js';

// Terraform in its JSON form (what an HCL2 parser returns: blocks as arrays,
// expressions as "${...}" strings) -> components. `var.x` reads as the
// variable's default and `local.x` as the local's literal value; any other
// expression stays unknown. References like aws_lambda_function.api.arn tie
// triggers to functions.


export function isTerraformDocument(doc: Doc): boolean {
  return isDoc(doc.resource) || isDoc(doc.variable) || isDoc(doc.provider) || isDoc(doc.module) || isDoc(doc.terraform);
}

export function readTerraform(json: Doc): TemplateComponent[] {
  const resources = isDoc(json.resource) ? json.resource : {};
  const blocks = (type: string): [string, Doc][] => {
    const byName = resources[type];
    if (!isDoc(byName)) return [];
    return Object.entries(byName).map(([name, list]) => [name, isDoc(asArray(list)[0]) ? (asArray(list)[0] as Doc) : {}]);
  };
  const variables = new Map<string, unknown>();
  for (const [name, list] of Object.entries(isDoc(json.variable) ? json.variable : {})) {
    const block = asArray(list)[0];
    if (isDoc(block) && block.default !== undefined) variables.set(`var.${name}`, block.default);
  }
  for (const list of asArray(json.locals)) for (const [name, v] of Object.entries(isDoc(list) ? list : {})) variables.set(`local.${name}`, v);
  const value = (raw: unknown): unknown => {
    const m = typeof raw === 'string' ? /^\$\{((?:var|local)\.[A-Za-z0-9_-]+)\}$/.exec(raw) : null;
    return m && variables.has(m[1] ?? '') ? variables.get(m[1] ?? '') : raw;
  };

  const provider = isDoc(json.provider) ? asArray(json.provider.aws)[0] : undefined;
  const region = isDoc(provider) ? value(provider.region) : undefined;
  const functions = new Map<string, TemplateComponent>();
  for (const [name, p] of blocks('aws_lambda_function')) {
    const c = newComponent(name, 'function', `${typeof p.description === 'string' ? p.description : name} (aws_lambda_function)`);
    setMemory(c, 'memory_size', value(p.memory_size) ?? LAMBDA_DEFAULTS.memoryMb);
    setLimit(c, 'timeoutS', staticNumber(c, 'timeout', value(p.timeout) ?? LAMBDA_DEFAULTS.timeoutS));
    if (value(p.package_type) === 'Image') {
      setLimit(c, 'packageType', 'image');
      setLimit(c, 'image', staticString(c, 'image_uri', value(p.image_uri)));
    } else {
      setLimit(c, 'packageType', 'zip');
      setRuntime(c, 'runtime', value(p.runtime));
    }
    setArchitecture(c, 'architectures', value(p.architectures) ?? 'x86_64');
    if (typeof region === 'string' && !region.includes('${')) c.facts.region = region;
    setLimit(c, 'layers', Array.isArray(p.layers) ? p.layers.length : undefined);
    const reserved = staticNumber(c, 'reserved_concurrent_executions', value(p.reserved_concurrent_executions));
    // -1 is Terraform's "no reservation".
    if (reserved !== undefined && reserved >= 0) setLimit(c, 'reservedConcurrency', reserved);
    if (asArray(p.vpc_config).length > 0) setLimit(c, 'vpc', true);
    functions.set(name, c);
  }

  const target = (raw: unknown): TemplateComponent[] => references(raw, 'aws_lambda_function').flatMap((n) => functions.get(n) ?? []);
  const websocketApis = new Set(blocks('aws_apigatewayv2_api').filter(([, p]) => value(p.protocol_type) === 'WEBSOCKET').map(([n]) => n));
  const rules = new Map(blocks('aws_cloudwatch_event_rule'));

  for (const [, p] of blocks('aws_lambda_event_source_mapping')) {
    const source = sourceOf(p.event_source_arn ?? p.self_managed_event_source);
    for (const c of target(p.function_name)) addTrigger(c, source.kind, source.name);
  }
  for (const [, p] of blocks('aws_cloudwatch_event_target')) {
    const ruleName = references(p.rule, 'aws_cloudwatch_event_rule')[0];
    const rule = ruleName ? rules.get(ruleName) : undefined;
    for (const c of target(p.arn)) {
      if (rule?.schedule_expression !== undefined) addTrigger(c, 'schedule', `EventBridge rule ${ruleName} ${shortValue(value(rule.schedule_expression))}`, value(rule.schedule_expression));
      else addTrigger(c, 'storage-event', `EventBridge rule ${ruleName ?? shortValue(p.rule)}`);
    }
  }
  for (const [name, p] of blocks('aws_scheduler_schedule')) {
    for (const t of asArray(p.target)) for (const c of target(isDoc(t) ? t.arn : undefined)) addTrigger(c, 'schedule', `EventBridge Scheduler ${name} ${shortValue(value(p.schedule_expression))}`, value(p.schedule_expression));
  }
  for (const [name, p] of blocks('aws_lambda_function_url')) for (const c of target(p.function_name)) addTrigger(c, 'http', `function URL ${name}`);
  for (const [, p] of blocks('aws_apigatewayv2_integration')) {
    const api = references(p.api_id, 'aws_apigatewayv2_api')[0] ?? '';
    const websocket = websocketApis.has(api);
    for (const c of target(p.integration_uri)) addTrigger(c, websocket ? 'websocket' : 'http', `API Gateway ${websocket ? 'WebSocket' : 'HTTP'} API ${api}`.trim());
  }
  for (const [, p] of blocks('aws_api_gateway_integration')) for (const c of target(p.uri)) addTrigger(c, 'http', 'API Gateway REST');
  for (const [name, p] of blocks('aws_lb_target_group_attachment')) for (const c of target(p.target_id)) addTrigger(c, 'http', `ALB ${name}`);
  for (const [name, p] of blocks('aws_sns_topic_subscription')) {
    if (value(p.protocol) === 'lambda') for (const c of target(p.endpoint)) addTrigger(c, 'storage-event', `SNS ${references(p.topic_arn, 'aws_sns_topic')[0] ?? name}`);
  }
  for (const [name, p] of blocks('aws_s3_bucket_notification')) {
    for (const n of asArray(p.lambda_function)) for (const c of target(isDoc(n) ? n.lambda_function_arn : undefined)) addTrigger(c, 'storage-event', `S3 ${references(p.bucket, 'aws_s3_bucket')[0] ?? name}`);
  }
  for (const [, p] of blocks('aws_lambda_provisioned_concurrency_config')) {
    for (const c of target(p.function_name)) setLimit(c, 'provisionedConcurrency', staticNumber(c, 'provisioned_concurrent_executions', value(p.provisioned_concurrent_executions)));
  }

  const tasks = new Map(blocks('aws_ecs_task_definition'));
  const services: TemplateComponent[] = [];
  for (const [name, p] of blocks('aws_ecs_service')) {
    const c = newComponent(name, 'service', `container service (${name}, aws_ecs_service)`);
    if (typeof region === 'string' && !region.includes('${')) c.facts.region = region;
    const taskName = references(p.task_definition, 'aws_ecs_task_definition')[0];
    const task = taskName ? tasks.get(taskName) : undefined;
    if (task) {
      setMemory(c, 'memory', value(task.memory));
      setLimit(c, 'cpuUnits', staticNumber(c, 'cpu', value(task.cpu)));
      setLimit(c, 'packageType', 'image');
      // container_definitions is usually jsonencode([...]) or a file; the first image named in it, when literal.
      const image = /\bimage"?\s*[=:]\s*"([^"$]+)"/.exec(typeof task.container_definitions === 'string' ? task.container_definitions : '');
      setLimit(c, 'image', image?.[1]);
      const platform = asArray(task.runtime_platform)[0];
      if (isDoc(platform) && platform.cpu_architecture !== undefined) setArchitecture(c, 'cpu_architecture', value(platform.cpu_architecture));
    } else c.unknown.push(`task_definition: ${shortValue(p.task_definition)} is not a task definition in this file`);
    setLimit(c, 'desiredCount', staticNumber(c, 'desired_count', value(p.desired_count)));
    if (asArray(p.load_balancer).length > 0) addTrigger(c, 'http', 'load balancer');
    if (asArray(p.network_configuration).length > 0) setLimit(c, 'vpc', true);
    services.push(c);
  }
  return [...functions.values(), ...services];
}

function sourceOf(arn: unknown): { kind: Trigger; name: string } {
  const text = typeof arn === 'string' ? arn : JSON.stringify(arn) ?? '';
  const queue = /aws_sqs_queue\.([A-Za-z0-9_-]+)/.exec(text);
  if (queue || /:sqs:/.test(text)) return { kind: 'queue', name: `SQS ${queue?.[1] ?? shortValue(arn)}` };
  const kinesis = /aws_kinesis_stream\.([A-Za-z0-9_-]+)/.exec(text);
  if (kinesis) return { kind: 'stream', name: `Kinesis ${kinesis[1]}` };
  const table = /aws_dynamodb_table\.([A-Za-z0-9_-]+)/.exec(text);
  if (table) return { kind: 'stream', name: `DynamoDB stream of ${table[1]}` };
  return { kind: 'stream', name: `stream ${shortValue(arn)}` };
}

/** Names of `type` resources an expression mentions: "${aws_lambda_function.api.arn}" -> ["api"]. */
function references(raw: unknown, type: string): string[] {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw) ?? '';
  return [...text.matchAll(new RegExp(`${type}\\.([A-Za-z0-9_-]+)`, 'g'))].map((m) => m[1] ?? '');
}
