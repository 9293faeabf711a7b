import { DAYS_PER_MONTH } from '../workload.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { costLine } from './cost-line.js';
import { TARGET_UTILISATION, USABLE_MEMORY_SHARE } from './cost-constants.js';
import { ceilCount, type BaseTraffic, type HourGroups, type PlatformModel, type WorkloadShape } from './cost-model.js';
import { serverDemand, type ServerDemand } from './server-sizing.js';
import { serverFrontCost, serverFrontLabel, serverFrontPricer } from './trigger-cost.js';
import { formatAmount, formatCountRounded, formatPlain } from '../format.js';
import { createScheduledFargateModel } from './job-cost.js';
import { TASK_SIZES } from './fargate-task-sizes.js';
import { unavailableModel } from './unavailable-model.js';

// ECS on Fargate: tasks follow the hourly profile (as many as each hour's load
// needs, never fewer than the minimum), in the cheapest valid task size for the
// traffic being priced.

export interface TaskSize {
  vcpu: number;
  memoryGb: number;
  /** Tasks needed per request/s: the larger of the CPU and the memory bound. */
  tasksPerRps: number;
}

function taskFor(vcpu: number, memoryOptions: readonly number[], demand: ServerDemand): TaskSize | null {
  // Give the task the memory its CPU can keep busy: the app once plus what the
  // requests (and connections) its vCPUs serve at the target utilisation hold.
  const rpsByCpu = vcpu / Math.max(demand.vcpuPerRps, 1e-12);
  const wantedMb = Math.max(demand.appMb + rpsByCpu * demand.memoryMbPerRps, demand.minPieceMb);
  const wantedGb = wantedMb / USABLE_MEMORY_SHARE / 1024;
  // A loop, not find(): a callback per task size per model is garbage on the hot path.
  let memoryGb: number | undefined = memoryOptions[memoryOptions.length - 1];
  for (const gb of memoryOptions) {
    if (gb >= wantedGb) {
      memoryGb = gb;
      break;
    }
  }
  if (memoryGb === undefined) return null;
  const usableMb = memoryGb * 1024 * USABLE_MEMORY_SHARE;
  const spareMb = usableMb - demand.appMb;
  if (spareMb <= 0 || usableMb < demand.minPieceMb) return null;
  const byCpu = demand.vcpuPerRps / vcpu;
  const byMemory = demand.memoryMbPerRps / spareMb;
  return { vcpu, memoryGb, tasksPerRps: Math.max(byCpu, byMemory) };
}

/** Task-hours a month when each hour runs the tasks its load needs. */
function monthlyTaskHours(groups: HourGroups, scale: number, tasksPerRps: number, minCount: number): number {
  let perDay = 0;
  const factor = (scale / 3600) * tasksPerRps;
  const { requests, hours } = groups;
  for (let i = 0; i < requests.length; i++) perDay += hours[i]! * Math.max(minCount, ceilCount(requests[i]! * factor));
  return perDay * DAYS_PER_MONTH;
}

/**
 * True when `a` costs no more than `b` at every traffic level, so `b` need never
 * be priced: with n = floor(b's hourly price / a's), n tasks of `a` cost no more
 * than one of `b`, and if they also serve as much (k_a <= n k_b) then
 * ceil(x k_a) <= n ceil(x k_b) for every load x, minimum counts included.
 */
function dominates(a: { task: TaskSize; hourlyUsd: number }, b: { task: TaskSize; hourlyUsd: number }): boolean {
  const n = Math.floor((b.hourlyUsd / a.hourlyUsd) * (1 + 1e-12));
  return n >= 1 && a.task.tasksPerRps <= n * b.task.tasksPerRps * (1 + 1e-12);
}

interface PricedTask {
  task: TaskSize;
  hourlyUsd: number;
}

interface TaskChoice {
  index: number;
  taskHours: number;
  usd: number;
}

/**
 * The cheapest task size at this traffic (small tasks win when the minimum
 * count dominates), written into `choice`. Module-level and allocation-free:
 * it runs for every point of break-even and the chart.
 */
function chooseCheapestTask(tasks: readonly PricedTask[], groups: HourGroups, scale: number, minCount: number, choice: TaskChoice): void {
  choice.usd = Infinity;
  choice.index = -1;
  for (let i = 0; i < tasks.length; i++) {
    const { task, hourlyUsd } = tasks[i]!;
    const taskHours = monthlyTaskHours(groups, scale, task.tasksPerRps, minCount);
    const usd = taskHours * hourlyUsd;
    if (usd < choice.usd - 1e-9) {
      choice.usd = usd;
      choice.index = i;
      choice.taskHours = taskHours;
    }
  }
}

export function createFargateModel(catalog: PricingCatalog, shape: WorkloadShape, traffic: BaseTraffic): PlatformModel {
  if (shape.gpu) return unavailableModel('aws-fargate', 'servers', 'AWS Fargate', 'Fargate tasks have no GPUs');
  const service = createFargateServiceModel(catalog, shape, traffic);
  if (shape.trigger !== 'schedule') return service;
  // A scheduled job runs as a task per run (EventBridge Scheduler -> ECS RunTask), not as a service all month;
  // unless it runs so often ("every 10 seconds") that one task kept running is cheaper.
  const scheduled = createScheduledFargateModel(catalog, shape, traffic);
  if (scheduled.unavailableReason !== null) return service;
  return service.unavailableReason === null && service.cost(1) < scheduled.cost(1) ? service : scheduled;
}

function createFargateServiceModel(catalog: PricingCatalog, shape: WorkloadShape, traffic: BaseTraffic): PlatformModel {
  const fargate = catalog.aws.fargate;
  const arm = shape.architecture === 'arm';
  const vcpuPrice = arm ? fargate.armVcpuHour : fargate.x86VcpuHour;
  const gbPrice = arm ? fargate.armGbHour : fargate.x86GbHour;
  const vcpuRef = arm ? 'aws.fargate.armVcpuHour' : 'aws.fargate.x86VcpuHour';
  const gbRef = arm ? 'aws.fargate.armGbHour' : 'aws.fargate.x86GbHour';
  const demand = serverDemand(shape);
  const groups = traffic.groups;
  const front = serverFrontPricer(catalog, shape.trigger);
  // The valid task sizes that can hold the app, with their hourly price.
  const valid: PricedTask[] = [];
  for (const size of TASK_SIZES) {
    const task = taskFor(size.vcpu, size.memoryGb, demand);
    if (task) valid.push({ task, hourlyUsd: task.vcpu * vcpuPrice.usd + task.memoryGb * gbPrice.usd });
  }
  // Only sizes that can be the cheapest at some traffic are priced on each call.
  const tasks: PricedTask[] = [];
  for (let j = 0; j < valid.length; j++) {
    let dominated = false;
    for (let i = 0; i < valid.length && !dominated; i++) {
      if (i !== j && dominates(valid[i]!, valid[j]!) && (i < j || !dominates(valid[j]!, valid[i]!))) dominated = true;
    }
    if (!dominated) tasks.push(valid[j]!);
  }

  // Reused across calls: break-even and the chart price this model many times.
  const choice: TaskChoice = { index: -1, taskHours: 0, usd: Infinity };

  return {
    platform: 'aws-fargate',
    kind: 'servers',
    label: `AWS Fargate (ECS, ${arm ? 'Arm' : 'x86'})${serverFrontLabel(shape.trigger)}`,
    unavailableReason: tasks.length > 0 ? null : `${formatAmount(shape.memoryMb)} MB of memory does not fit the largest Fargate task (120 GB)`,
    cost(scale, sink) {
      chooseCheapestTask(tasks, groups, scale, demand.minCount, choice);
      const usd = choice.usd;
      const chosen = tasks[choice.index]?.task;
      if (chosen === undefined) return Infinity;
      const taskHours = choice.taskHours;
      if (sink) {
        sink.lines.push(costLine(`Fargate vCPU (${chosen.vcpu} vCPU tasks)`, taskHours * chosen.vcpu, 'vCPU-hours', vcpuPrice.usd, vcpuRef));
        sink.lines.push(costLine(`Fargate memory (${chosen.memoryGb} GB tasks)`, taskHours * chosen.memoryGb, 'GB-hours', gbPrice.usd, gbRef));
        let peak = 0;
        for (const h of traffic.groups.requests) peak = Math.max(peak, Math.max(demand.minCount, ceilCount(((h * scale) / 3600) * chosen.tasksPerRps)));
        const count = peak > demand.minCount ? `${formatCountRounded(demand.minCount)}-${formatCountRounded(peak)} tasks` : `${formatCountRounded(peak)} task${peak === 1 ? '' : 's'} throughout`;
        sink.peakCapacity = `${formatCountRounded(peak)} x ${chosen.vcpu} vCPU / ${chosen.memoryGb} GB tasks`;
        sink.sizing = `${chosen.vcpu} vCPU / ${chosen.memoryGb} GB tasks following the hourly profile: ${count}, ${formatPlain(taskHours)} task-hours a month at ${Math.round(TARGET_UTILISATION * 100)}% target utilisation`;
      }
      return usd + (sink ? serverFrontCost(catalog, shape.trigger, traffic.monthlyRequests * scale, sink) : front(traffic.monthlyRequests * scale));
    },
  };
}
