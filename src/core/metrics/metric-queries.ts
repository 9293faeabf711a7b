import type { MetricQuery, MetricRole, MetricSource, MetricStat, MetricWindow } from './metric-types.js';

// Which CloudWatch series answer "how much traffic, how long per request" for
// each kind of source, and the window they are read over.

const HOUR_MS = 3_600_000;
export const DEFAULT_MEASURE_DAYS = 14;
/** CloudWatch keeps hourly datapoints for 455 days. */
export const MAX_MEASURE_DAYS = 455;

function query(role: MetricRole, namespace: string, metricName: string, dimensions: Record<string, string>, stat: MetricStat, toCoreUnit = 1): MetricQuery {
  return { role, namespace, metricName, dimensions: Object.entries(dimensions).map(([name, value]) => ({ name, value })), stat, toCoreUnit };
}

export function metricQueries(source: MetricSource): MetricQuery[] {
  switch (source.kind) {
    case 'lambda': {
      const d = { FunctionName: source.functionName };
      return [
        query('requests', 'AWS/Lambda', 'Invocations', d, 'Sum'),
        query('durationAverage', 'AWS/Lambda', 'Duration', d, 'Average'),
        query('durationP99', 'AWS/Lambda', 'Duration', d, 'p99'),
        query('concurrency', 'AWS/Lambda', 'ConcurrentExecutions', d, 'Maximum'),
        query('errors', 'AWS/Lambda', 'Errors', d, 'Sum'),
        query('throttles', 'AWS/Lambda', 'Throttles', d, 'Sum'),
      ];
    }
    case 'apigw':
      // HTTP APIs publish under ApiId, REST APIs under ApiName: both are read and the one with data wins.
      return ['ApiId', 'ApiName'].flatMap((idDimension) => {
        const d = { [idDimension]: source.apiId, Stage: source.stage };
        return [
          query('requests', 'AWS/ApiGateway', 'Count', d, 'Sum'),
          query('durationAverage', 'AWS/ApiGateway', 'Latency', d, 'Average'),
          query('durationP99', 'AWS/ApiGateway', 'Latency', d, 'p99'),
        ];
      });
    case 'alb': {
      const d = { LoadBalancer: source.loadBalancer };
      return [
        query('requests', 'AWS/ApplicationELB', 'RequestCount', d, 'Sum'),
        query('durationAverage', 'AWS/ApplicationELB', 'TargetResponseTime', d, 'Average', 1000),
        query('durationP99', 'AWS/ApplicationELB', 'TargetResponseTime', d, 'p99', 1000),
      ];
    }
    case 'sqs':
      return [query('requests', 'AWS/SQS', 'NumberOfMessagesReceived', { QueueName: source.queueName }, 'Sum')];
    case 'ecs': {
      // ECS publishes utilisation per service; the running task count only with Container Insights on.
      const d = { ClusterName: source.cluster, ServiceName: source.service };
      return [
        query('cpuAverage', 'AWS/ECS', 'CPUUtilization', d, 'Average'),
        query('cpuPeak', 'AWS/ECS', 'CPUUtilization', d, 'Maximum'),
        query('memoryAverage', 'AWS/ECS', 'MemoryUtilization', d, 'Average'),
        query('memoryPeak', 'AWS/ECS', 'MemoryUtilization', d, 'Maximum'),
        query('runningTasks', 'ECS/ContainerInsights', 'RunningTaskCount', d, 'Average'),
      ];
    }
  }
}

/** The last `days` whole days of hours before `now` (the current, unfinished hour is left out). */
export function measureWindow(now: Date, days: number): MetricWindow {
  const end = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  return { start: new Date(end - days * 24 * HOUR_MS).toISOString(), end: new Date(end).toISOString(), days };
}

/** "lambda:resize-images" as a person types it back. */
export function describeSource(source: MetricSource): string {
  switch (source.kind) {
    case 'lambda':
      return `lambda:${source.functionName}`;
    case 'apigw':
      return `apigw:${source.apiId}/${source.stage}`;
    case 'alb':
      return `alb:${source.loadBalancer}`;
    case 'sqs':
      return `sqs:${source.queueName}`;
    case 'ecs':
      return `ecs:${source.cluster}/${source.service}`;
  }
}
