import type { Trigger } from '../workload.js';
import { isDoc, type Doc, type TemplateComponent } from './template-types.js';
import { addTrigger, asArray, LAMBDA_DEFAULTS, newComponent, setArchitecture, setLimit, setMemory, setRuntime, shortValue, staticNumber, staticString } from './template-values.js';

// CloudFormation, SAM and CDK's synthesized templates -> components. Functions
// come from AWS::Serverless::Function (with Globals) and AWS::Lambda::Function;
// their triggers from SAM events and from the resources that point at them
// (event source mappings, EventBridge rules, function URLs, API Gateway
// integrations, permissions, bucket notifications). ECS services with their
// task definitions are the container side.


const SAM_EVENTS: Record<string, Trigger> = {
  Api: 'http',
  HttpApi: 'http',
  SQS: 'queue',
  MQ: 'queue',
  SNS: 'storage-event',
  S3: 'storage-event',
  EventBridgeRule: 'storage-event',
  CloudWatchEvent: 'storage-event',
  IoTRule: 'storage-event',
  Kinesis: 'stream',
  DynamoDB: 'stream',
  MSK: 'stream',
  SelfManagedKafka: 'stream',
  DocumentDB: 'stream',
  CloudWatchLogs: 'stream',
  Schedule: 'schedule',
  ScheduleV2: 'schedule',
};

const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

export function isCloudFormationDocument(doc: Doc): boolean {
  return isDoc(doc.Resources) || 'AWSTemplateFormatVersion' in doc || 'Transform' in doc;
}

export function readCloudFormation(template: Doc): TemplateComponent[] {
  return readCloudFormationResources(template);
}

export function readCloudFormationResources(template: Doc): TemplateComponent[] {
  const resources = isDoc(template.Resources) ? (template.Resources as Record<string, unknown>) : {};
  const parameters = isDoc(template.Parameters) ? template.Parameters : {};
  const globals = isDoc(template.Globals) && isDoc(template.Globals.Function) ? template.Globals.Function : {};
  // A Ref to a parameter reads as its default; any other intrinsic stays as it is (and is reported unknown).
  const value = (raw: unknown): unknown => {
    if (isDoc(raw) && typeof raw.Ref === 'string') {
      const param = parameters[raw.Ref];
      if (isDoc(param) && param.Default !== undefined) return param.Default;
    }
    return raw;
  };
  const typeOf = (id: string) => {
    const r = resources[id];
    return isDoc(r) && typeof r.Type === 'string' ? r.Type : '';
  };
  const props = (id: string): Doc => {
    const r = resources[id];
    return isDoc(r) && isDoc(r.Properties) ? r.Properties : {};
  };

  const functions = new Map<string, TemplateComponent>();
  for (const id of Object.keys(resources)) {
    const type = typeOf(id);
    if (!FUNCTION_TYPES.has(type)) continue;
    const sam = type === 'AWS::Serverless::Function';
    const p = props(id);
    const pick = (name: string) => value(p[name] ?? (sam ? globals[name] : undefined));
    const c = newComponent(id, 'function', `${typeof p.Description === 'string' ? p.Description : id} (${type})`);
    setMemory(c, 'MemorySize', pick('MemorySize') ?? LAMBDA_DEFAULTS.memoryMb);
    setLimit(c, 'timeoutS', staticNumber(c, 'Timeout', pick('Timeout') ?? LAMBDA_DEFAULTS.timeoutS));
    const image = pick('PackageType') === 'Image' || (sam && p.ImageUri !== undefined);
    if (image) {
      setLimit(c, 'packageType', 'image');
      const uri = sam ? p.ImageUri : isDoc(p.Code) ? p.Code.ImageUri : undefined;
      setLimit(c, 'image', typeof uri === 'string' ? uri : 'image (URI from an intrinsic)');
    } else {
      setLimit(c, 'packageType', 'zip');
      setRuntime(c, 'Runtime', pick('Runtime'));
    }
    setArchitecture(c, 'Architectures', pick('Architectures') ?? 'x86_64');
    setLimit(c, 'layers', Array.isArray(pick('Layers')) ? (pick('Layers') as unknown[]).length : undefined);
    setLimit(c, 'reservedConcurrency', staticNumber(c, 'ReservedConcurrentExecutions', pick('ReservedConcurrentExecutions')));
    const provisioned = pick('ProvisionedConcurrencyConfig');
    if (isDoc(provisioned)) setLimit(c, 'provisionedConcurrency', staticNumber(c, 'ProvisionedConcurrentExecutions', value(provisioned.ProvisionedConcurrentExecutions)));
    if (pick('VpcConfig')) setLimit(c, 'vpc', true);
    if (sam) readSamEvents(c, p.Events, value);
    if (sam && p.FunctionUrlConfig) addTrigger(c, 'http', 'function URL');
    functions.set(id, c);
  }

  const target = (raw: unknown): TemplateComponent[] => referencedIds(raw).flatMap((id) => functions.get(id) ?? []);
  const sourceKind = (arn: unknown): { kind: Trigger; name: string } => {
    for (const id of referencedIds(arn)) {
      const type = typeOf(id);
      if (type === 'AWS::SQS::Queue') return { kind: 'queue', name: `SQS ${id}` };
      if (type === 'AWS::Kinesis::Stream') return { kind: 'stream', name: `Kinesis ${id}` };
      if (type === 'AWS::DynamoDB::Table') return { kind: 'stream', name: `DynamoDB stream of ${id}` };
    }
    const text = typeof arn === 'string' ? arn : JSON.stringify(arn) ?? '';
    return /:sqs:/.test(text) ? { kind: 'queue', name: `SQS ${shortValue(arn)}` } : { kind: 'stream', name: `stream ${shortValue(arn)}` };
  };
  const websocketApis = new Set(Object.keys(resources).filter((id) => typeOf(id) === 'AWS::ApiGatewayV2::Api' && props(id).ProtocolType === 'WEBSOCKET'));

  for (const id of Object.keys(resources)) {
    const p = props(id);
    switch (typeOf(id)) {
      case 'AWS::Lambda::EventSourceMapping': {
        const source = sourceKind(p.EventSourceArn ?? p.SelfManagedEventSource);
        for (const c of target(p.FunctionName)) addTrigger(c, source.kind, source.name);
        break;
      }
      case 'AWS::Events::Rule':
        for (const t of asArray(p.Targets)) {
          for (const c of target(isDoc(t) ? t.Arn : undefined)) {
            if (p.ScheduleExpression !== undefined) addTrigger(c, 'schedule', `EventBridge rule ${id} ${shortValue(value(p.ScheduleExpression))}`, value(p.ScheduleExpression));
            else addTrigger(c, 'storage-event', `EventBridge rule ${id}`);
          }
        }
        break;
      case 'AWS::Scheduler::Schedule':
        for (const c of target(isDoc(p.Target) ? p.Target.Arn : undefined)) addTrigger(c, 'schedule', `EventBridge Scheduler ${id} ${shortValue(value(p.ScheduleExpression))}`, value(p.ScheduleExpression));
        break;
      case 'AWS::Lambda::Url':
        for (const c of target(p.TargetFunctionArn)) addTrigger(c, 'http', `function URL ${id}`);
        break;
      case 'AWS::ApiGatewayV2::Integration': {
        const websocket = referencedIds(p.ApiId).some((api) => websocketApis.has(api));
        for (const c of target(p.IntegrationUri)) addTrigger(c, websocket ? 'websocket' : 'http', `API Gateway ${websocket ? 'WebSocket' : 'HTTP'} API ${referencedIds(p.ApiId)[0] ?? ''}`.trim());
        break;
      }
      case 'AWS::ApiGateway::Method':
        for (const c of target(isDoc(p.Integration) ? p.Integration.Uri : undefined)) addTrigger(c, 'http', `API Gateway REST ${shortValue(p.HttpMethod ?? '')}`);
        break;
      case 'AWS::ElasticLoadBalancingV2::TargetGroup':
        for (const t of asArray(p.Targets)) for (const c of target(isDoc(t) ? t.Id : undefined)) addTrigger(c, 'http', `ALB target group ${id}`);
        break;
      case 'AWS::SNS::Subscription':
        if (p.Protocol === 'lambda') for (const c of target(p.Endpoint)) addTrigger(c, 'storage-event', `SNS ${referencedIds(p.TopicArn)[0] ?? 'topic'}`);
        break;
      case 'AWS::SNS::Topic':
        for (const s of asArray(p.Subscription)) if (isDoc(s) && s.Protocol === 'lambda') for (const c of target(s.Endpoint)) addTrigger(c, 'storage-event', `SNS ${id}`);
        break;
      case 'AWS::S3::Bucket': {
        const notifications = isDoc(p.NotificationConfiguration) ? asArray(p.NotificationConfiguration.LambdaConfigurations) : [];
        for (const n of notifications) for (const c of target(isDoc(n) ? n.Function : undefined)) addTrigger(c, 'storage-event', `S3 ${id}`);
        break;
      }
      case 'AWS::Lambda::Version':
      case 'AWS::Lambda::Alias': {
        const provisioned = isDoc(p.ProvisionedConcurrencyConfig) ? p.ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions : undefined;
        if (provisioned !== undefined) for (const c of target(p.FunctionName)) setLimit(c, 'provisionedConcurrency', staticNumber(c, 'ProvisionedConcurrentExecutions', value(provisioned)));
        break;
      }
    }
  }
  return [...functions.values(), ...readEcs(Object.keys(resources), typeOf, props, value)];
}

function readSamEvents(c: TemplateComponent, events: unknown, value: (raw: unknown) => unknown): void {
  if (!isDoc(events)) return;
  for (const [name, event] of Object.entries(events)) {
    if (!isDoc(event) || typeof event.Type !== 'string') continue;
    const kind = SAM_EVENTS[event.Type];
    const p = isDoc(event.Properties) ? event.Properties : {};
    if (!kind) c.unknown.push(`event ${name}: type ${event.Type} is not a trigger this reader knows`);
    else if (kind === 'schedule') {
      const expression = value(p.Schedule ?? p.ScheduleExpression);
      addTrigger(c, 'schedule', `${event.Type} ${shortValue(expression)}`, expression);
    } else {
      const detail = kind === 'http' ? [p.Method, p.Path].filter((x) => typeof x === 'string').join(' ') : referencedIds(p.Queue ?? p.Topic ?? p.Bucket ?? p.Stream)[0] ?? '';
      addTrigger(c, kind, `${event.Type} ${detail || name}`.trim());
    }
  }
}

function readEcs(ids: string[], typeOf: (id: string) => string, props: (id: string) => Doc, value: (raw: unknown) => unknown): TemplateComponent[] {
  const services: TemplateComponent[] = [];
  for (const id of ids) {
    if (typeOf(id) !== 'AWS::ECS::Service') continue;
    const p = props(id);
    const c = newComponent(id, 'service', `container service (${id}, AWS::ECS::Service)`);
    const taskId = referencedIds(p.TaskDefinition)[0];
    const task = taskId && typeOf(taskId) === 'AWS::ECS::TaskDefinition' ? props(taskId) : null;
    if (task) {
      setMemory(c, 'Memory', value(task.Memory));
      setLimit(c, 'cpuUnits', staticNumber(c, 'Cpu', value(task.Cpu)));
      const images = asArray(task.ContainerDefinitions).map((d) => (isDoc(d) ? staticString(c, 'Image', value(d.Image)) : undefined));
      setLimit(c, 'image', images.find(Boolean));
      setLimit(c, 'packageType', 'image');
      if (Array.isArray(task.RuntimePlatform) || (isDoc(task.RuntimePlatform) && task.RuntimePlatform.CpuArchitecture !== undefined)) {
        setArchitecture(c, 'CpuArchitecture', isDoc(task.RuntimePlatform) ? task.RuntimePlatform.CpuArchitecture : undefined);
      }
    } else c.unknown.push(`TaskDefinition: ${shortValue(p.TaskDefinition)} is not a task definition in this template`);
    setLimit(c, 'desiredCount', staticNumber(c, 'DesiredCount', value(p.DesiredCount)));
    if (asArray(p.LoadBalancers).length > 0) addTrigger(c, 'http', 'load balancer');
    if (p.NetworkConfiguration) setLimit(c, 'vpc', true);
    services.push(c);
  }
  return services;
}

/** Logical ids an intrinsic points at: Ref, Fn::GetAtt and the ${Name} / ${Name.Arn} inside Fn::Sub. */
export function referencedIds(raw: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown, depth: number) => {
    if (depth > 8 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    const doc = v as Doc;
    if (typeof doc.Ref === 'string') found.add(doc.Ref);
    const att = doc['Fn::GetAtt'];
    if (Array.isArray(att) && typeof att[0] === 'string') found.add(att[0]);
    else if (typeof att === 'string') found.add(att.split('.')[0] ?? att);
    const sub = doc['Fn::Sub'];
    const subText = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : '';
    for (const m of subText.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z]+)?\}/g)) found.add(m[1] ?? '');
    for (const [key, inner] of Object.entries(doc)) if (key !== 'Ref') walk(inner, depth + 1);
  };
  walk(raw, 0);
  return [...found];
}
