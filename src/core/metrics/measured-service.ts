import { formatCountRounded, formatMemory, formatSignificant, formatUsdRounded } from '../format.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { HOURS_PER_MONTH } from '../workload.js';
import { coveredFrom, formatDays, HOUR_MS, hourText, sortedByTime, sum, type MeasuredPeriod } from './measured-hours.js';
import type { MeasuredFigure } from './measured-workload.js';
import { describeSource } from './metric-queries.js';
import type { HourlyPoint, MetricsFailure, MetricsReading, ServiceSettings } from './metric-types.js';

// An ECS service measured: what it runs (task size, how many tasks), how busy
// it keeps them, and what that costs now. ECS's metrics hold no requests, so
// the traffic to compare against comes from the person's words; the service's
// figures sit beside the assessment as what the workload costs today.

export interface ServiceMeasurement extends MeasuredPeriod {
  task: ServiceSettings & { vcpu: number; memoryGb: number };
  /** Running tasks: measured (Container Insights) or, without it, the service's desired count. */
  tasks: { average: number; peak: number; basis: 'measured' | 'desired count' };
  cpuPercent: { average: number; peak: number };
  memoryPercent: { average: number; peak: number } | null;
  /** What the tasks cost a month at list prices; null when they run on EC2 capacity (priced by its instances). */
  now: { monthlyUsd: number; math: string } | null;
  figures: MeasuredFigure[];
}

export type MeasuredService = { ok: true; measurement: ServiceMeasurement } | { ok: false; failure: MetricsFailure };

export function measuredService(reading: MetricsReading, catalog: PricingCatalog): MeasuredService {
  const { source, window, series, region } = reading;
  const settings = reading.serviceSettings;
  const name = describeSource(source);
  const cpuAverage = sortedByTime(series.cpuAverage ?? []);
  if (source.kind !== 'ecs' || !settings || cpuAverage.length === 0) {
    return {
      ok: false,
      failure: {
        code: 'no-data',
        message: `${name} has no CPUUtilization in ${region} in the ${window.days} days to ${hourText(window.end)}: it ran no tasks in that time, or the cluster, service or region is wrong.`,
      },
    };
  }

  const fromMs = coveredFrom(window.start, cpuAverage[0]!.at);
  const coveredDays = Math.max(1, Math.round((Date.parse(window.end) - fromMs) / HOUR_MS)) / 24;
  const note = `measured over ${formatDays(coveredDays)}`;
  const running = sortedByTime(series.runningTasks ?? []);
  const tasks: ServiceMeasurement['tasks'] = running.length
    ? { average: round2(mean(running)), peak: round2(Math.max(...running.map((p) => p.value))), basis: 'measured' }
    : { average: settings.desiredCount, peak: settings.desiredCount, basis: 'desired count' };
  const task = { ...settings, vcpu: settings.cpuUnits / 1024, memoryGb: settings.memoryMb / 1024 };
  const memory = sortedByTime(series.memoryAverage ?? []);

  const measurement: ServiceMeasurement = {
    source: name,
    region,
    window: { start: window.start, end: window.end, days: window.days },
    coveredFrom: new Date(fromMs).toISOString(),
    coveredDays,
    note,
    task,
    tasks,
    cpuPercent: { average: round1(mean(cpuAverage)), peak: round1(peakOf(series.cpuPeak, cpuAverage)) },
    memoryPercent: memory.length ? { average: round1(mean(memory)), peak: round1(peakOf(series.memoryPeak, memory)) } : null,
    now: task.launchType === 'fargate' ? fargateNow(task, tasks.average, catalog) : null,
    figures: [],
  };
  measurement.figures = serviceFigures(measurement);
  return { ok: true, measurement };
}

/** Task-hours a month x (vCPU x its hourly price + GB x its hourly price), at the catalog's Fargate list prices. */
function fargateNow(task: ServiceMeasurement['task'], averageTasks: number, catalog: PricingCatalog): ServiceMeasurement['now'] {
  const prices = catalog.aws.fargate;
  const [vcpuPrice, gbPrice] = task.architecture === 'arm' ? [prices.armVcpuHour.usd, prices.armGbHour.usd] : [prices.x86VcpuHour.usd, prices.x86GbHour.usd];
  const taskHours = averageTasks * HOURS_PER_MONTH;
  const monthlyUsd = Math.round(taskHours * (task.vcpu * vcpuPrice + task.memoryGb * gbPrice) * 100) / 100;
  const math = `${formatSignificant(averageTasks, 3)} tasks x ${HOURS_PER_MONTH} h x (${formatSignificant(task.vcpu, 3)} vCPU x $${vcpuPrice} + ${formatSignificant(task.memoryGb, 3)} GB x $${gbPrice}) = ${formatUsdRounded(monthlyUsd)}/month`;
  return { monthlyUsd, math };
}

function serviceFigures(m: ServiceMeasurement): MeasuredFigure[] {
  const t = m.task;
  const configured = 'configured on the service';
  const figures: MeasuredFigure[] = [
    { label: 'Period', value: `${hourText(m.coveredFrom)} to ${hourText(m.window.end)} (${m.source}, ${m.region})`, note: m.note },
    {
      label: 'Task size',
      value: `${formatSignificant(t.vcpu, 3)} vCPU, ${formatMemory(t.memoryMb)}, ${t.architecture === 'arm' ? 'arm64' : 'x86_64'}, ${t.launchType === 'fargate' ? 'Fargate' : t.launchType === 'ec2' ? 'EC2' : 'other capacity'} (task definition ${t.taskDefinition})`,
      note: configured,
    },
    m.tasks.basis === 'measured'
      ? { label: 'Running tasks', value: `${formatSignificant(m.tasks.average, 3)} on average, ${formatSignificant(m.tasks.peak, 3)} at the busiest hour`, note: m.note }
      : { label: 'Running tasks', value: `${formatCountRounded(m.tasks.average)} (the desired count; running tasks are measured only with Container Insights on)`, note: configured },
    { label: 'CPU', value: `${formatSignificant(m.cpuPercent.average, 3)}% of the tasks' CPU on average, ${formatSignificant(m.cpuPercent.peak, 3)}% at the busiest`, note: m.note },
  ];
  if (m.memoryPercent) {
    figures.push({ label: 'Memory', value: `${formatSignificant(m.memoryPercent.average, 3)}% of the tasks' memory on average, ${formatSignificant(m.memoryPercent.peak, 3)}% at the busiest`, note: m.note });
  }
  figures.push(
    m.now
      ? { label: 'Cost now', value: `${m.now.math} (Fargate on-demand list price)`, note: m.tasks.basis === 'measured' ? m.note : configured }
      : { label: 'Cost now', value: 'runs on EC2 capacity: its cost is the instances\', which ECS does not report per service', note: configured },
  );
  return figures;
}

function mean(points: readonly HourlyPoint[]): number {
  return sum(points.map((p) => p.value)) / points.length;
}

/** The highest hourly Maximum; the highest hourly Average when the Maximum series is missing. */
function peakOf(peaks: readonly HourlyPoint[] | undefined, averages: readonly HourlyPoint[]): number {
  const values = (peaks?.length ? peaks : averages).map((p) => p.value).filter(Number.isFinite);
  return Math.max(...values);
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
