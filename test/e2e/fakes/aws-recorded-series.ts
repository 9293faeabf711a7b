import { seriesKey, type FakeAws, type FakeSeriesPoint } from './aws-server.js';

// Metric series with the shapes real workloads record, written for these
// tests: a steady API, a spiky notification API, a nightly job and a dead
// function. Values carry a small deterministic jitter, as real counts do.

const HOUR_MS = 3_600_000;
export const DAYS = 14;

/** The notification API's day, as a person would type it (see NOTIFY_WORDS). */
const NOTIFY_DAY = [200, 200, 200, 200, 200, 200, 200, 200, 40_000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 200, 200, 200];
export const NOTIFY_WORDS = 'push notification API: 40,000 requests an hour 8-9am, 5,000 an hour 9am-9pm, 200 an hour overnight; 120 ms, up to 450 ms; 256 MB';

/** 1000 req/s through the day with a gentle daily swing (+-10%). */
const STEADY_HOUR = (h: number) => Math.round(3_600_000 * (1 + 0.1 * Math.sin(((h - 9) / 24) * 2 * Math.PI)));

/** +-0.5% around the true value, repeatable. */
function jitter(seed: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return 1 + ((x - Math.floor(x)) - 0.5) * 0.01;
}

function hours(now: number, days: number): number[] {
  const end = Math.floor(now / HOUR_MS) * HOUR_MS;
  return Array.from({ length: days * 24 }, (_, i) => end - (days * 24 - i) * HOUR_MS);
}

function set(fake: FakeAws, namespace: string, metric: string, stat: string, dims: Record<string, string>, points: FakeSeriesPoint[]): void {
  fake.metrics.set(seriesKey(namespace, metric, stat, dims), points);
}

/** Loads every recorded workload into the fake for the 14 days before `now` (plus a day of margin). */
export function loadRecordedSeries(fake: FakeAws, now: number): void {
  const all = hours(now + HOUR_MS, DAYS + 1);

  // The spiky notification API: a Lambda function, 256 MB x86.
  const notify = { FunctionName: 'notify-api' };
  const notifyCounts = all.map((at) => ({ at, value: Math.round(NOTIFY_DAY[new Date(at).getUTCHours()]! * jitter(at / HOUR_MS)) }));
  set(fake, 'AWS/Lambda', 'Invocations', 'Sum', notify, notifyCounts);
  set(fake, 'AWS/Lambda', 'Duration', 'Average', notify, all.map((at) => ({ at, value: 120 })));
  set(fake, 'AWS/Lambda', 'Duration', 'p99', notify, all.map((at) => ({ at, value: new Date(at).getUTCHours() === 8 ? 450 : 310 })));
  set(fake, 'AWS/Lambda', 'ConcurrentExecutions', 'Maximum', notify, notifyCounts.map((p) => ({ at: p.at, value: Math.ceil((p.value / 3600) * 0.45 * 4) })));
  set(fake, 'AWS/Lambda', 'Errors', 'Sum', notify, notifyCounts.map((p) => ({ at: p.at, value: Math.floor(p.value / 2000) })));
  set(fake, 'AWS/Lambda', 'Throttles', 'Sum', notify, notifyCounts.map((p) => ({ at: p.at, value: 0 })));
  fake.functions.set('notify-api', { memoryMb: 256, architecture: 'x86_64' });

  // The steady API: an HTTP API stage (published under ApiId), 60 ms average.
  const api = { ApiId: 'a1b2c3d4e5', Stage: 'prod' };
  set(fake, 'AWS/ApiGateway', 'Count', 'Sum', api, all.map((at) => ({ at, value: Math.round(STEADY_HOUR(new Date(at).getUTCHours()) * jitter(at)) })));
  set(fake, 'AWS/ApiGateway', 'Latency', 'Average', api, all.map((at) => ({ at, value: 60 * jitter(at + 1) })));
  set(fake, 'AWS/ApiGateway', 'Latency', 'p99', api, all.map((at) => ({ at, value: 180 * jitter(at + 2) })));

  // The nightly job: one run at 02:00 UTC, about 4 minutes, 1 GB arm64.
  const nightly = { FunctionName: 'nightly-report' };
  const runs = all.filter((at) => new Date(at).getUTCHours() === 2);
  set(fake, 'AWS/Lambda', 'Invocations', 'Sum', nightly, runs.map((at) => ({ at, value: 1 })));
  set(fake, 'AWS/Lambda', 'Duration', 'Average', nightly, runs.map((at) => ({ at, value: 240_000 })));
  set(fake, 'AWS/Lambda', 'Duration', 'p99', nightly, runs.map((at, i) => ({ at, value: 240_000 + (i % 3) * 6000 })));
  fake.functions.set('nightly-report', { memoryMb: 1024, architecture: 'arm64' });

  // A queue drained by workers: weekday office hours busy, weekends quiet.
  const orders = { QueueName: 'orders' };
  set(fake, 'AWS/SQS', 'NumberOfMessagesReceived', 'Sum', orders, all.map((at) => {
    const d = new Date(at);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    const office = d.getUTCHours() >= 9 && d.getUTCHours() < 17;
    return { at, value: weekend ? 100 : office ? 12_000 : 600 };
  }));

  // A web app behind an ALB: busy in European daytime, target response time in seconds as the ALB reports it.
  const alb = { LoadBalancer: 'app/web/50dc6c495c0c9188' };
  fake.loadBalancers.set('web', { type: 'application', id: '50dc6c495c0c9188' });
  fake.loadBalancers.set('tcp-ingress', { type: 'network', id: '7a1f0c2d9e3b4a58' });
  const daytime = (at: number) => new Date(at).getUTCHours() >= 7 && new Date(at).getUTCHours() < 19;
  set(fake, 'AWS/ApplicationELB', 'RequestCount', 'Sum', alb, all.map((at) => ({ at, value: Math.round((daytime(at) ? 180_000 : 20_000) * jitter(at)) })));
  set(fake, 'AWS/ApplicationELB', 'TargetResponseTime', 'Average', alb, all.map((at) => ({ at, value: 0.085 })));
  set(fake, 'AWS/ApplicationELB', 'TargetResponseTime', 'p99', alb, all.map((at) => ({ at, value: daytime(at) ? 0.4 : 0.2 })));

  // An ECS service on Fargate with Container Insights: 1 vCPU / 2 GB tasks, 4 by day and 2 at night, CPU 30% (70% at the busiest).
  const web = { ClusterName: 'prod', ServiceName: 'web' };
  set(fake, 'ECS/ContainerInsights', 'RunningTaskCount', 'Average', web, all.map((at) => ({ at, value: daytime(at) ? 4 : 2 })));
  set(fake, 'AWS/ECS', 'CPUUtilization', 'Average', web, all.map((at) => ({ at, value: 30 })));
  set(fake, 'AWS/ECS', 'CPUUtilization', 'Maximum', web, all.map((at) => ({ at, value: daytime(at) ? 70 : 40 })));
  set(fake, 'AWS/ECS', 'MemoryUtilization', 'Average', web, all.map((at) => ({ at, value: 45 })));
  set(fake, 'AWS/ECS', 'MemoryUtilization', 'Maximum', web, all.map((at) => ({ at, value: 55 })));
  fake.services.set('prod/web', { family: 'web', revision: 42, cpu: '1024', memory: '2048', cpuArchitecture: 'X86_64', launchType: 'FARGATE', desiredCount: 4 });

  // A worker service on Graviton Fargate (a capacity-provider strategy) without Container Insights: the desired count stands in.
  const worker = { ClusterName: 'prod', ServiceName: 'worker' };
  set(fake, 'AWS/ECS', 'CPUUtilization', 'Average', worker, all.map((at) => ({ at, value: 12 })));
  fake.services.set('prod/worker', { family: 'worker', revision: 7, cpu: '512', memory: '1024', cpuArchitecture: 'ARM64', capacityProviders: ['FARGATE', 'FARGATE_SPOT'], desiredCount: 3 });

  // A service on EC2 capacity: its cost is its instances'.
  const legacy = { ClusterName: 'prod', ServiceName: 'legacy' };
  set(fake, 'AWS/ECS', 'CPUUtilization', 'Average', legacy, all.map((at) => ({ at, value: 50 })));
  fake.services.set('prod/legacy', { family: 'legacy', revision: 1, cpu: '2048', memory: '4096', launchType: 'EC2', desiredCount: 2 });

  // A service that has run no tasks in the window.
  fake.services.set('prod/idle', { family: 'idle', revision: 3, cpu: '256', memory: '512', launchType: 'FARGATE', desiredCount: 0 });

  // The dead function: it exists, nothing has called it.
  fake.functions.set('legacy-export', { memoryMb: 512, architecture: 'x86_64' });
}
