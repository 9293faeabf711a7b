import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { AwsSettings } from '../../config.js';
import { metricQueries } from '../../core/metrics/metric-queries.js';
import type { FunctionSettings, HourlyPoint, MetricQuery, MetricRole, MetricsReader, MetricsResult, MetricSource, MetricWindow } from '../../core/metrics/metric-types.js';
import { awsFailure, type AwsCall } from './aws-failure.js';
import { clientConfig } from './client-config.js';
import { readServiceSettings } from './ecs-service-settings.js';
import { resolveLoadBalancerName } from './load-balancer-by-name.js';

// The metrics port on the AWS SDK v3: GetMetricData (hourly, every page) and,
// for a Lambda source, GetFunctionConfiguration for its memory and
// architecture, for an ECS service its task size (ecs-service-settings.ts),
// and for an ALB given by name its CloudWatch dimension (load-balancer-by-name.ts).
// The SDK is imported when a measurement runs, not at start.

const HOUR_SECONDS = 3600;

const GET_METRIC_DATA: AwsCall = { action: 'cloudwatch:GetMetricData', service: 'CloudWatch', endpointVariable: 'AWS_ENDPOINT_URL_CLOUDWATCH' };

class Failed extends Error {
  constructor(readonly result: MetricsResult) {
    super('failed');
  }
}

export function createCloudWatchMetricsReader(settings: AwsSettings): MetricsReader {
  return {
    async read(asked: MetricSource, window: MetricWindow): Promise<MetricsResult> {
      try {
        const { CloudWatchClient: Client } = await import('@aws-sdk/client-cloudwatch');
        const cloudwatch = new Client(clientConfig(settings, settings.endpoints.cloudwatch));
        const region = await resolveRegion(cloudwatch.config.region);
        try {
          const resolved = await resolveLoadBalancerName(settings, asked, region);
          if (!resolved.ok) return { ok: false, failure: resolved.failure };
          const source = resolved.source;
          const functionSettings = source.kind === 'lambda' ? await readFunctionSettings(settings, source.functionName, region) : undefined;
          const service = source.kind === 'ecs' ? await readServiceSettings(settings, source.cluster, source.service, region) : undefined;
          if (service && !service.ok) return service.result;
          const series = await readSeries(cloudwatch, metricQueries(source), window);
          return {
            ok: true,
            reading: { source, region, window, series, ...(functionSettings ? { functionSettings } : {}), ...(service?.ok ? { serviceSettings: service.settings } : {}) },
          };
        } finally {
          cloudwatch.destroy();
        }
      } catch (error) {
        if (error instanceof Failed) return error.result;
        return { ok: false, failure: awsFailure(error, GET_METRIC_DATA) };
      }
    },
  };
}

async function resolveRegion(region: string | (() => Promise<string>)): Promise<string> {
  return typeof region === 'string' ? region : region();
}

async function readFunctionSettings(settings: AwsSettings, functionName: string, region: string): Promise<FunctionSettings> {
  const { LambdaClient, GetFunctionConfigurationCommand } = await import('@aws-sdk/client-lambda');
  const lambda = new LambdaClient(clientConfig(settings, settings.endpoints.lambda));
  try {
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
    return { memoryMb: config.MemorySize ?? 128, architecture: config.Architectures?.[0] === 'arm64' ? 'arm' : 'x86' };
  } catch (error) {
    const call: AwsCall = {
      action: 'lambda:GetFunctionConfiguration',
      service: 'Lambda',
      endpointVariable: 'AWS_ENDPOINT_URL_LAMBDA',
      notFound: `There is no Lambda function "${functionName}" in ${region} for these credentials`,
    };
    throw new Failed({ ok: false, failure: awsFailure(error, call) });
  } finally {
    lambda.destroy();
  }
}

/** Every page of one GetMetricData request; per role, the first query that has datapoints. */
async function readSeries(cloudwatch: CloudWatchClient, queries: MetricQuery[], window: MetricWindow): Promise<Partial<Record<MetricRole, HourlyPoint[]>>> {
  const { GetMetricDataCommand } = await import('@aws-sdk/client-cloudwatch');
  const points = new Map<string, HourlyPoint[]>(queries.map((_, i) => [`m${i}`, []]));
  let nextToken: string | undefined;
  do {
    const page = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(window.start),
        EndTime: new Date(window.end),
        ScanBy: 'TimestampAscending',
        NextToken: nextToken,
        MetricDataQueries: queries.map((q, i) => ({
          Id: `m${i}`,
          ReturnData: true,
          MetricStat: {
            Metric: { Namespace: q.namespace, MetricName: q.metricName, Dimensions: q.dimensions.map((d) => ({ Name: d.name, Value: d.value })) },
            Period: HOUR_SECONDS,
            Stat: q.stat,
          },
        })),
      }),
    );
    for (const result of page.MetricDataResults ?? []) {
      const list = points.get(result.Id ?? '');
      const query = queries[Number((result.Id ?? '').slice(1))];
      if (!list || !query) continue;
      const values = result.Values ?? [];
      (result.Timestamps ?? []).forEach((at, i) => {
        const value = values[i];
        if (value !== undefined) list.push({ at: at.toISOString(), value: value * query.toCoreUnit });
      });
    }
    nextToken = page.NextToken || undefined;
  } while (nextToken);

  const series: Partial<Record<MetricRole, HourlyPoint[]>> = {};
  queries.forEach((q, i) => {
    const list = points.get(`m${i}`) ?? [];
    if (!series[q.role]?.length) series[q.role] = list;
  });
  return series;
}
