import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { HOURS_PER_MONTH } from '../workload.js';
import { indexCatalog, type Ec2Type } from './catalog-index.js';
import { costLine } from './cost-line.js';
import { JOB_MIN_MS, USABLE_MEMORY_SHARE } from './cost-constants.js';
import type { BaseTraffic, CostSink, PlatformModel, WorkloadShape } from './cost-model.js';
import { smallestTask } from './fargate-task-sizes.js';
import { formatAmount, formatPlain } from '../format.js';

// Jobs priced per run: a scheduled Fargate task, or AWS Batch on Fargate or
// EC2 (GPU instances for GPU jobs). A run pays for its own capacity for as long
// as it runs (per second, one-minute minimum); nothing runs in between. AWS
// Batch adds no charge of its own.

const BACKGROUND = new Set(['queue', 'schedule', 'storage-event', 'stream']);
/** Fargate and EC2 Linux bill per second with a one-minute minimum. */
const MIN_BILLED_HOURS = 1 / 60;

/** Background runs of a minute or more (or GPU batch work) are jobs. */
export function isJob(shape: WorkloadShape): boolean {
  return BACKGROUND.has(shape.trigger) && (shape.worstMs >= JOB_MIN_MS || shape.gpu);
}

/** vCPU one run gets: a CPU-bound run keeps one busy, I/O-bound work needs a quarter. */
export function jobVcpu(shape: WorkloadShape): number {
  return shape.nature === 'io-bound' ? 0.25 : 1;
}

function billedHours(shape: WorkloadShape): number {
  return Math.max(shape.durationMs / 3_600_000, MIN_BILLED_HOURS);
}

interface FargateRun {
  vcpu: number;
  memoryGb: number;
  hourlyUsd: number;
}

function fargateRun(catalog: PricingCatalog, shape: WorkloadShape): FargateRun | null {
  const arm = shape.architecture === 'arm';
  const fargate = catalog.aws.fargate;
  const vcpuUsd = (arm ? fargate.armVcpuHour : fargate.x86VcpuHour).usd;
  const gbUsd = (arm ? fargate.armGbHour : fargate.x86GbHour).usd;
  const task = smallestTask(jobVcpu(shape), shape.memoryMb / USABLE_MEMORY_SHARE / 1024, vcpuUsd, gbUsd);
  return task && { vcpu: task.vcpu, memoryGb: task.memoryGb, hourlyUsd: task.vcpu * vcpuUsd + task.memoryGb * gbUsd };
}

function fargateLines(catalog: PricingCatalog, shape: WorkloadShape, run: FargateRun, taskHours: number, prefix: string, sink: CostSink): void {
  const arm = shape.architecture === 'arm';
  const fargate = catalog.aws.fargate;
  const vcpu = arm ? fargate.armVcpuHour : fargate.x86VcpuHour;
  const gb = arm ? fargate.armGbHour : fargate.x86GbHour;
  sink.lines.push(costLine(`${prefix} vCPU (${run.vcpu} vCPU per run)`, taskHours * run.vcpu, 'vCPU-hours', vcpu.usd, arm ? 'aws.fargate.armVcpuHour' : 'aws.fargate.x86VcpuHour'));
  sink.lines.push(costLine(`${prefix} memory (${run.memoryGb} GB per run)`, taskHours * run.memoryGb, 'GB-hours', gb.usd, arm ? 'aws.fargate.armGbHour' : 'aws.fargate.x86GbHour'));
}

/** A scheduled job as one Fargate task per run. */
export function createScheduledFargateModel(catalog: PricingCatalog, shape: WorkloadShape, traffic: BaseTraffic): PlatformModel {
  const run = fargateRun(catalog, shape);
  const hours = billedHours(shape);
  return {
    platform: 'aws-fargate',
    kind: 'servers',
    label: `AWS Fargate (scheduled tasks, ${shape.architecture === 'arm' ? 'Arm' : 'x86'})`,
    unavailableReason: run ? null : `${formatAmount(shape.memoryMb)} MB of memory does not fit the largest Fargate task (120 GB)`,
    cost(scale, sink) {
      if (!run) return Infinity;
      const taskHours = traffic.monthlyRequests * scale * hours;
      if (sink) {
        fargateLines(catalog, shape, run, taskHours, 'Fargate', sink);
        sink.sizing = `one ${run.vcpu} vCPU / ${run.memoryGb} GB task per run, started on schedule: ${formatPlain(traffic.monthlyRequests * scale)} runs x ${formatAmount(hours)} h = ${formatPlain(taskHours)} task-hours a month (per second, one-minute minimum); nothing runs in between`;
      }
      return taskHours * run.hourlyUsd;
    },
  };
}

interface Ec2Run {
  type: Ec2Type;
  /** Runs one instance holds side by side. */
  perInstance: number;
}

function ec2Runs(catalog: PricingCatalog, shape: WorkloadShape): Ec2Run[] {
  const index = indexCatalog(catalog);
  const gpus = index.gpu.filter((t) => shape.modelMb === null || (t.gpu?.memoryMb ?? 0) >= shape.modelMb);
  const named = shape.gpuModel === null ? [] : gpus.filter((t) => t.gpu?.model.toUpperCase().includes(shape.gpuModel ?? ''));
  const types = shape.gpu ? (named.length > 0 ? named : gpus) : index.ec2[shape.architecture];
  const cpu = jobVcpu(shape);
  const runs: Ec2Run[] = [];
  for (const type of types) {
    const byMemory = Math.floor((type.memoryMb * USABLE_MEMORY_SHARE) / shape.memoryMb);
    const byCpu = Math.floor(type.sustainedVcpu / cpu);
    const perInstance = shape.gpu ? Math.min(byMemory, type.gpu?.count ?? 1) : Math.min(byMemory, byCpu);
    if (perInstance >= 1) runs.push({ type, perInstance });
  }
  return runs;
}

/** Which of a Batch run's options is cheapest at this traffic; reused across calls. */
interface BatchChoice {
  usd: number;
  ec2: Ec2Run | null;
  instanceHours: number;
}

/** The cheapest way to run `runs` a month on Batch, written into `choice` (module-level: no closure per model). */
function chooseBatchRun(fargate: { hourlyUsd: number } | null, instances: readonly Ec2Run[], hours: number, runs: number, choice: BatchChoice): void {
  choice.usd = fargate ? runs * hours * fargate.hourlyUsd : Infinity;
  choice.ec2 = null;
  // Runs in flight on average: packing only helps when they overlap.
  const overlap = Math.max(1, (runs * hours) / HOURS_PER_MONTH);
  for (const option of instances) {
    const instanceHours = (runs * hours) / Math.min(option.perInstance, overlap);
    const usd = instanceHours * option.type.hourlyUsd;
    if (usd < choice.usd - 1e-12) {
      choice.usd = usd;
      choice.ec2 = option;
      choice.instanceHours = instanceHours;
    }
  }
}

/** AWS Batch: each run on the cheaper of a Fargate task and a share of an EC2 instance (packed when runs overlap). */
export function createBatchModel(catalog: PricingCatalog, shape: WorkloadShape, traffic: BaseTraffic): PlatformModel {
  const fargate = shape.gpu ? null : fargateRun(catalog, shape);
  const instances = ec2Runs(catalog, shape);
  const hours = billedHours(shape);
  const choice: BatchChoice = { usd: Infinity, ec2: null, instanceHours: 0 };
  const gpuNote = shape.gpu && shape.modelMb !== null ? ` with at least ${formatAmount(shape.modelMb / 1024)} GB of GPU memory for the model` : '';
  return {
    platform: 'aws-batch',
    kind: 'servers',
    label: `AWS Batch (per run, ${shape.gpu ? 'GPU' : shape.architecture === 'arm' ? 'Arm' : 'x86'})`,
    unavailableReason:
      fargate || instances.length > 0 ? null : shape.gpu ? `no catalog GPU instance holds this job${gpuNote}` : `${formatAmount(shape.memoryMb)} MB of memory does not fit any catalog instance or Fargate task`,
    cost(scale, sink) {
      const runs = traffic.monthlyRequests * scale;
      chooseBatchRun(fargate, instances, hours, runs, choice);
      if (sink) {
        if (choice.ec2) {
          const { type, perInstance } = choice.ec2;
          sink.lines.push(costLine(`Batch on EC2: ${type.id} instance-hours`, choice.instanceHours, 'instance-hours', type.hourlyUsd, type.priceRef));
          sink.sizing = `each run on ${type.id} (${perInstance > 1 ? `${perInstance} runs per instance when they overlap` : 'one run per instance'}): ${formatPlain(runs)} runs x ${formatAmount(hours)} h; instances start for a run and stop after; AWS Batch adds no charge of its own`;
        } else if (fargate) {
          fargateLines(catalog, shape, fargate, runs * hours, 'Batch on Fargate', sink);
          sink.sizing = `a ${fargate.vcpu} vCPU / ${fargate.memoryGb} GB Fargate task per run: ${formatPlain(runs)} runs x ${formatAmount(hours)} h; AWS Batch adds no charge of its own`;
        }
      }
      return choice.usd;
    },
  };
}

/** What one run gets on AWS Batch at this traffic, in words, for the card's jobs line. */
export function batchCapacity(catalog: PricingCatalog, shape: WorkloadShape, runsPerMonth: number): string {
  const sink: CostSink = { lines: [], freeTier: [] };
  createBatchModel(catalog, shape, { hourly: [], monthlyRequests: runsPerMonth, peakHourRequests: 0, groups: { requests: [], hours: [] } }).cost(1, sink);
  return sink.sizing ?? 'no catalog capacity holds one run';
}
