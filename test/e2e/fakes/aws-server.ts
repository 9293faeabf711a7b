import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A fake of the five AWS APIs the metrics adapter calls, speaking the wire
// protocols the installed SDK clients use: CloudWatch in AWS JSON 1.0 with
// query compatibility (X-Amz-Target GraniteServiceVersion20100801.*), ECS in
// AWS JSON 1.1 (X-Amz-Target AmazonEC2ContainerServiceV20141113.*), Lambda
// in REST-JSON, STS and Elastic Load Balancing v2 in the awsQuery form + XML
// protocol. Requests are checked
// for a SigV4 Authorization header of the right shape and recorded.

export interface FakeSeriesPoint {
  /** Epoch milliseconds, start of the hour. */
  at: number;
  value: number;
}

/** Series by "Namespace|MetricName|Stat|Dim=Value,Dim=Value" (dimensions sorted by name). */
export type FakeMetricData = Map<string, FakeSeriesPoint[]>;

export function seriesKey(namespace: string, metricName: string, stat: string, dimensions: Record<string, string>): string {
  const dims = Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(',');
  return `${namespace}|${metricName}|${stat}|${dims}`;
}

export interface FakeFunction {
  memoryMb: number;
  architecture: 'x86_64' | 'arm64';
}

/** An ECS service with its task definition, as DescribeServices and DescribeTaskDefinition tell it. */
export interface FakeService {
  family: string;
  revision: number;
  /** Task-level CPU units and memory MB, as strings like the API's; absent = not set at task level. */
  cpu?: string;
  memory?: string;
  cpuArchitecture?: 'X86_64' | 'ARM64';
  launchType?: 'FARGATE' | 'EC2';
  capacityProviders?: string[];
  desiredCount: number;
}

/** A load balancer DescribeLoadBalancers knows, by name. */
export interface FakeLoadBalancer {
  type: 'application' | 'network' | 'gateway';
  /** The 16 hex digits that end its ARN. */
  id: string;
}

export interface RecordedAwsRequest {
  service: 'cloudwatch' | 'ecs' | 'lambda' | 'sts' | 'elbv2';
  operation: string;
  authorization: string;
  /** The service named in the SigV4 credential scope. */
  signedFor: string | null;
  body: string;
}

const SIGV4 = /^AWS4-HMAC-SHA256 Credential=(?<key>[A-Z0-9]{16,128})\/(?<date>\d{8})\/(?<region>[a-z0-9-]+)\/(?<service>[a-z0-9-]+)\/aws4_request, SignedHeaders=(?<headers>[a-z0-9-]+(?:;[a-z0-9-]+)*), Signature=(?<signature>[0-9a-f]{64})$/;

export interface FakeAws {
  url: string;
  requests: RecordedAwsRequest[];
  metrics: FakeMetricData;
  functions: Map<string, FakeFunction>;
  /** ECS services by "cluster/service"; clusters are those named here. */
  services: Map<string, FakeService>;
  /** Load balancers by name, in the region asked. */
  loadBalancers: Map<string, FakeLoadBalancer>;
  /** Datapoints per GetMetricData page (summed over queries), so paging is exercised. */
  pageSize: number;
  /** The next n GetMetricData calls answer "Rate exceeded". */
  throttleNext(n: number): void;
  /** GetMetricData answers AccessDenied, as for a role without cloudwatch:GetMetricData. */
  denyMetrics(deny: boolean): void;
  /** GetFunctionConfiguration answers AccessDeniedException (403), as for a role without lambda:GetFunctionConfiguration. */
  denyFunctions(deny: boolean): void;
  /** DescribeLoadBalancers answers AccessDenied, as for a role without elasticloadbalancing:DescribeLoadBalancers. */
  denyLoadBalancers(deny: boolean): void;
  close(): Promise<void>;
}

export async function startFakeAws(account = '123456789012'): Promise<FakeAws> {
  const requests: RecordedAwsRequest[] = [];
  const metrics: FakeMetricData = new Map();
  const functions = new Map<string, FakeFunction>();
  const services = new Map<string, FakeService>();
  const loadBalancers = new Map<string, FakeLoadBalancer>();
  let throttles = 0;
  let loadBalancersDenied = false;
  let denied = false;
  let functionsDenied = false;

  const fake: FakeAws = {
    url: '',
    requests,
    metrics,
    functions,
    services,
    loadBalancers,
    pageSize: 500,
    throttleNext: (n) => void (throttles = n),
    denyMetrics: (deny) => void (denied = deny),
    denyFunctions: (deny) => void (functionsDenied = deny),
    denyLoadBalancers: (deny) => void (loadBalancersDenied = deny),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const authorization = String(req.headers.authorization ?? '');
      const signed = SIGV4.exec(authorization);
      const target = String(req.headers['x-amz-target'] ?? '');
      const lambdaPath = /^\/2015-03-31\/functions\/(?<name>[^/]+)\/configuration$/.exec(req.url ?? '');
      const queryService = signed?.groups?.service === 'elasticloadbalancing' ? 'elbv2' : 'sts';
      const service: RecordedAwsRequest['service'] = target.startsWith('AmazonEC2ContainerService') ? 'ecs' : target ? 'cloudwatch' : lambdaPath ? 'lambda' : queryService;
      const operation = target ? target.split('.').pop() ?? '' : lambdaPath ? 'GetFunctionConfiguration' : new URLSearchParams(body).get('Action') ?? '';
      requests.push({ service, operation, authorization, signedFor: signed?.groups?.service ?? null, body });
      if (!signed || !req.headers['x-amz-date']) return sendJson(res, 403, { __type: 'IncompleteSignatureException', message: 'Authorization header requires a SigV4 signature.' });

      if (service === 'ecs') {
        if (req.headers['content-type'] !== 'application/x-amz-json-1.1') return sendJson(res, 400, { __type: 'SerializationException', message: 'expected AWS JSON 1.1' });
        return ecsAnswer(res, operation, JSON.parse(body) as Record<string, unknown>, services, signed.groups!.region!, account);
      }
      if (service === 'cloudwatch') {
        if (target !== 'GraniteServiceVersion20100801.GetMetricData' || req.headers['content-type'] !== 'application/x-amz-json-1.0') {
          return sendJson(res, 400, { __type: 'com.amazonaws.cloudwatch#InvalidAction', message: `unexpected ${target} ${String(req.headers['content-type'])}` });
        }
        if (throttles > 0) {
          throttles--;
          return sendJson(res, 400, { __type: 'com.amazon.coral.availability#ThrottlingException', message: 'Rate exceeded' }, { 'x-amzn-query-error': 'Throttling;Sender' });
        }
        if (denied) {
          const message = `User: arn:aws:iam::${account}:user/reader is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows the cloudwatch:GetMetricData action`;
          return sendJson(res, 400, { __type: 'com.amazon.coral.service#AccessDeniedException', message }, { 'x-amzn-query-error': 'AccessDenied;Sender' });
        }
        return sendJson(res, 200, getMetricData(JSON.parse(body) as GetMetricDataInput, metrics, fake.pageSize));
      }
      if (service === 'lambda') {
        const name = decodeURIComponent(lambdaPath!.groups!.name!);
        const fn = functions.get(name);
        if (functionsDenied) {
          const message = `User: arn:aws:iam::${account}:user/reader is not authorized to perform: lambda:GetFunctionConfiguration on resource: arn:aws:lambda:${signed.groups!.region}:${account}:function:${name}`;
          return sendJson(res, 403, { Type: 'User', Message: message }, { 'x-amzn-errortype': 'AccessDeniedException', 'content-type': 'application/json' });
        }
        if (!fn || req.method !== 'GET') {
          return sendJson(res, 404, { Type: 'User', Message: `Function not found: arn:aws:lambda:${signed.groups!.region}:${account}:function:${name}` }, { 'x-amzn-errortype': 'ResourceNotFoundException' });
        }
        return sendJson(res, 200, { FunctionName: name, MemorySize: fn.memoryMb, Architectures: [fn.architecture], Timeout: 30, Runtime: 'nodejs20.x' }, { 'content-type': 'application/json' });
      }
      if (service === 'elbv2') {
        if (req.method !== 'POST' || req.headers['content-type'] !== 'application/x-www-form-urlencoded') return sendXml(res, 400, queryError('Sender', 'MalformedQueryString', 'expected a form-encoded POST'));
        if (loadBalancersDenied) {
          return sendXml(res, 403, queryError('Sender', 'AccessDenied', `User: arn:aws:iam::${account}:user/reader is not authorized to perform: elasticloadbalancing:DescribeLoadBalancers because no identity-based policy allows the elasticloadbalancing:DescribeLoadBalancers action`));
        }
        return describeLoadBalancers(res, new URLSearchParams(body), loadBalancers, signed.groups!.region!, account);
      }
      if (operation !== 'GetCallerIdentity') return sendXml(res, 400, `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${operation}</Message></Error></ErrorResponse>`);
      return sendXml(
        res,
        200,
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${account}:user/reader</Arn><UserId>AIDAFAKEUSERID</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>fake-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

const ELBV2_XMLNS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

/** DescribeLoadBalancers by Names.member.N as ELBv2 answers it: every name must exist, or the whole call is LoadBalancerNotFound. */
function describeLoadBalancers(res: ServerResponse, params: URLSearchParams, loadBalancers: Map<string, FakeLoadBalancer>, region: string, account: string): void {
  if (params.get('Action') !== 'DescribeLoadBalancers' || params.get('Version') !== '2015-12-01') {
    return sendXml(res, 400, queryError('Sender', 'InvalidAction', `${params.get('Action') ?? ''} ${params.get('Version') ?? ''}`));
  }
  const names = [...params.keys()].filter((key) => /^Names\.member\.\d+$/.test(key)).map((key) => params.get(key)!);
  if (names.some((name) => !loadBalancers.has(name))) return sendXml(res, 400, queryError('Sender', 'LoadBalancerNotFound', 'One or more load balancers not found'));
  const members = names.map((name) => {
    const lb = loadBalancers.get(name)!;
    const prefix = lb.type === 'application' ? 'app' : lb.type === 'network' ? 'net' : 'gwy';
    return `<member><LoadBalancerArn>arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/${prefix}/${name}/${lb.id}</LoadBalancerArn><LoadBalancerName>${name}</LoadBalancerName><Type>${lb.type}</Type><Scheme>internet-facing</Scheme><State><Code>active</Code></State><VpcId>vpc-3ac0fb5f</VpcId></member>`;
  });
  return sendXml(
    res,
    200,
    `<DescribeLoadBalancersResponse xmlns="${ELBV2_XMLNS}"><DescribeLoadBalancersResult><LoadBalancers>${members.join('')}</LoadBalancers></DescribeLoadBalancersResult><ResponseMetadata><RequestId>fake-1</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>`,
  );
}

/** ELBv2's awsQuery error document. */
function queryError(type: 'Sender' | 'Receiver', code: string, message: string): string {
  return `<ErrorResponse xmlns="${ELBV2_XMLNS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>fake-1</RequestId></ErrorResponse>`;
}

/** DescribeServices and DescribeTaskDefinition the way ECS answers them: a missing service is a `failures` entry, not an error. */
function ecsAnswer(res: ServerResponse, operation: string, input: Record<string, unknown>, services: Map<string, FakeService>, region: string, account: string): void {
  const json = (status: number, body: unknown) => sendJson(res, status, body, { 'content-type': 'application/x-amz-json-1.1' });
  if (operation === 'DescribeServices') {
    const cluster = String(input.cluster ?? 'default');
    if (![...services.keys()].some((key) => key.startsWith(`${cluster}/`))) return json(400, { __type: 'ClusterNotFoundException', message: 'Cluster not found.' });
    const names = (input.services as string[] | undefined) ?? [];
    const found = names.flatMap((name) => {
      const s = services.get(`${cluster}/${name}`);
      if (!s) return [];
      return [{
        serviceName: name,
        status: 'ACTIVE',
        desiredCount: s.desiredCount,
        runningCount: s.desiredCount,
        taskDefinition: `arn:aws:ecs:${region}:${account}:task-definition/${s.family}:${s.revision}`,
        ...(s.launchType ? { launchType: s.launchType } : {}),
        ...(s.capacityProviders ? { capacityProviderStrategy: s.capacityProviders.map((capacityProvider) => ({ capacityProvider, weight: 1 })) } : {}),
      }];
    });
    const failures = names.filter((name) => !services.has(`${cluster}/${name}`)).map((name) => ({ arn: `arn:aws:ecs:${region}:${account}:service/${cluster}/${name}`, reason: 'MISSING' }));
    return json(200, { services: found, failures });
  }
  if (operation === 'DescribeTaskDefinition') {
    const wanted = String(input.taskDefinition ?? '').split('/').pop() ?? '';
    const s = [...services.values()].find((v) => `${v.family}:${v.revision}` === wanted);
    if (!s) return json(400, { __type: 'ClientException', message: 'Unable to describe task definition.' });
    return json(200, {
      taskDefinition: {
        family: s.family,
        revision: s.revision,
        ...(s.cpu ? { cpu: s.cpu } : {}),
        ...(s.memory ? { memory: s.memory } : {}),
        ...(s.cpuArchitecture ? { runtimePlatform: { cpuArchitecture: s.cpuArchitecture, operatingSystemFamily: 'LINUX' } } : {}),
      },
    });
  }
  return json(400, { __type: 'InvalidAction', message: operation });
}

interface GetMetricDataInput {
  StartTime: number;
  EndTime: number;
  NextToken?: string;
  MetricDataQueries: { Id: string; MetricStat: { Metric: { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: string }[] }; Period: number; Stat: string } }[];
}

/** Real CloudWatch pages by datapoints across the queries; the token here is the offset into that flat list. */
function getMetricData(input: GetMetricDataInput, metrics: FakeMetricData, pageSize: number) {
  const startMs = input.StartTime * 1000;
  const endMs = input.EndTime * 1000;
  const flat = input.MetricDataQueries.flatMap((q) => {
    const m = q.MetricStat.Metric;
    const dims = Object.fromEntries((m.Dimensions ?? []).map((d) => [d.Name, d.Value]));
    const points = (metrics.get(seriesKey(m.Namespace, m.MetricName, q.MetricStat.Stat, dims)) ?? []).filter((p) => p.at >= startMs && p.at < endMs);
    return points.map((p) => ({ id: q.Id, p }));
  });
  const offset = Number(input.NextToken ?? 0);
  const page = flat.slice(offset, offset + pageSize);
  const more = offset + pageSize < flat.length;
  return {
    MetricDataResults: input.MetricDataQueries.map((q) => {
      const mine = page.filter((e) => e.id === q.Id);
      return { Id: q.Id, Label: q.MetricStat.Metric.MetricName, Timestamps: mine.map((e) => e.p.at / 1000), Values: mine.map((e) => e.p.value), StatusCode: more ? 'PartialData' : 'Complete' };
    }),
    Messages: [],
    ...(more ? { NextToken: String(offset + pageSize) } : {}),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'fake-1', ...headers });
  res.end(JSON.stringify(body));
}

function sendXml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': 'fake-1' });
  res.end(body);
}
