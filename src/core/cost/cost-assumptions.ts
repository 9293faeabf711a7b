import type { PricingCatalog } from '../pricing/catalog-schema.js';
import {
  ALB_RPS_PER_LCU,
  IO_IN_FLIGHT_MEMORY_SHARE,
  MIN_SERVERS_BACKGROUND,
  MIN_SERVERS_USER_FACING,
  SQS_REQUESTS_PER_MESSAGE,
  TARGET_UTILISATION,
  USABLE_MEMORY_SHARE,
} from './cost-constants.js';
import { isUserFacing, type WorkloadShape } from './cost-model.js';
import { cloudRunVcpuFor } from './cloud-run-functions-cost.js';
import { chooseAzurePlan } from './azure-functions-cost.js';
import { cloudflareCpuLimitMs } from './cloudflare-workers-cost.js';
import { formatAmount, formatRps, roundToDecimals } from '../format.js';
import { indexCatalog } from './catalog-index.js';
import { ALB_CONNECTIONS_PER_LCU, CONNECTION_MEMORY_KB, CONNECTIONS_PER_VCPU, GPU_TARGET_UTILISATION } from './cost-constants.js';
import { isJob } from './job-cost.js';
import { lambdaStretch } from './lambda-cost.js';
import { costExtrasAssumptions, notIncluded } from './cost-extras.js';

// Every assumption the engine makes, each with its number, in the order a
// reader checks them: the month and prices, the functions, then the servers.

const pct = (share: number) => `${Math.round(share * 100)}%`;

export function costAssumptions(catalog: PricingCatalog, shape: WorkloadShape, peakRps: number): string[] {
  const out: string[] = [];
  const userFacing = isUserFacing(shape.trigger);
  const memoryGb = shape.memoryMb / 1024;
  out.push(
    `Month = 730 hours; on-demand list prices from catalog ${catalog.version} (as of ${catalog.asOf}), ${catalog.region}. ` +
      'Monthly figures are before any free tier; free tiers are listed separately.',
  );
  const perVcpu = indexCatalog(catalog).lambdaMemoryMbPerVcpu;
  const stretch = lambdaStretch(shape, perVcpu);
  if (stretch > 1.001) {
    out.push(
      `Lambda's CPU grows with its memory (one vCPU at ${formatAmount(perVcpu)} MB): at ${formatAmount(shape.memoryMb)} MB it has ${formatAmount(shape.memoryMb / perVcpu)} vCPU, so the CPU-bound ${pct(shape.cpuShare)} of each ${formatAmount(shape.durationMs)} ms run takes longer and a run is billed ${formatAmount(shape.durationMs * stretch)} ms. More memory costs more per second and finishes sooner.`,
    );
  } else if (shape.nature === 'cpu-bound') {
    out.push(`CPU-bound runs get one full vCPU on Lambda at ${formatAmount(perVcpu)} MB and above; the duration given is taken as measured on one vCPU.`);
  }
  out.push(`Lambda GB-s = requests x ${formatAmount(shape.durationMs * stretch)} ms x ${formatAmount(shape.memoryMb)} MB / 1024 (${roundToDecimals(memoryGb, 3)} GB); volume tiers apply to the excess only.`);
  if ((shape.trigger === 'http' || shape.trigger === 'webhook') && !shape.connections)
    out.push('An API Gateway HTTP API sits in front of Lambda (a REST API costs about 3.5x more per request).');
  const c = shape.connections;
  if (c) {
    out.push(
      `Held connections on functions: API Gateway WebSocket bills every message and every connection-minute (connections x 60 x 730 a month); Lambda runs once per message and once each to connect and disconnect (a session every ${formatAmount(c.sessionMinutes)} min).`,
    );
    out.push(
      `Held connections on servers: ${formatAmount(CONNECTIONS_PER_VCPU)} open connections per vCPU and ${CONNECTION_MEMORY_KB} KB of memory each, on top of the CPU the messages need; the ALB counts ${formatAmount(ALB_CONNECTIONS_PER_LCU)} active connections per LCU.`,
    );
  } else if (shape.trigger === 'websocket')
    out.push('WebSocket: one API Gateway message per request; connection minutes are not included ($0.25 per million connection-minutes) because the number of clients connected at once was not given.');
  if (shape.trigger === 'queue')
    out.push(`Queue: SQS standard at ${SQS_REQUESTS_PER_MESSAGE} requests per message (a send, plus receive and delete in batches of 10), on both Lambda and servers.`);
  if (shape.trigger === 'storage-event' || shape.trigger === 'schedule' || shape.trigger === 'stream')
    out.push(`No gateway line for a ${shape.trigger} trigger: the event source${shape.trigger === 'stream' ? " (stream shards are the same on either side and are not included)" : ''} invokes the function directly.`);
  if (shape.packageMb > catalog.aws.lambda.limits.packageMbUnzipped.value)
    out.push(`A ${formatAmount(shape.packageMb)} MB package needs a Lambda container image (over the ${catalog.aws.lambda.limits.packageMbUnzipped.value} MB .zip limit).`);
  const lambdaPeakConcurrency = peakRps * (shape.worstMs / 1000);
  if (lambdaPeakConcurrency > 1000)
    out.push(`Lambda needs about ${formatAmount(Math.round(lambdaPeakConcurrency))} concurrent executions at the peak: above the default 1,000 a region, so ask for a quota increase.`);
  if (shape.extras) out.push(...costExtrasAssumptions(catalog, shape.extras));
  out.push(notIncluded(shape.extras));

  const vcpu = cloudRunVcpuFor(catalog, shape.memoryMb);
  if (vcpu !== null)
    out.push(`Cloud Run functions: ${vcpu} vCPU, Google's default for ${formatAmount(shape.memoryMb)} MB; one request per instance at a time; no 100 ms rounding.`);
  const azure = chooseAzurePlan(catalog, shape);
  if (azure.plan === 'consumption')
    out.push(`Azure Functions: Consumption plan (fits its 10-minute, 1.5 GB limits), billed at ${azure.billedMemoryMb} MB (memory rounded up to 128 MB).`);
  if (azure.plan === 'flex')
    out.push(`Azure Functions: Flex Consumption on demand (Consumption's 10-minute or 1.5 GB limit is exceeded), billed on a ${azure.billedMemoryMb} MB instance, one execution per instance at a time.`);
  const cpuMs = shape.worstMs * shape.cpuShare;
  if (!shape.memoryBinding && shape.memoryMb > catalog.cloudflare.workers.limits.memoryMb.value)
    out.push(`Cloudflare Workers run in a ${catalog.cloudflare.workers.limits.memoryMb.value} MB isolate: the ${formatAmount(shape.memoryMb)} MB assumed for the other platforms is not taken as a Workers requirement.`);
  out.push(`Cloudflare Workers bill CPU time only: ${formatAmount(shape.durationMs)} ms x ${shape.cpuShare} CPU share per request; waiting on I/O is free.`);
  if (cpuMs > catalog.cloudflare.workers.limits.cpuMsDefault.value && cpuMs <= cloudflareCpuLimitMs(catalog, shape))
    out.push(`Cloudflare Workers: raise the CPU limit above the ${formatAmount(catalog.cloudflare.workers.limits.cpuMsDefault.value / 1000)} s default (worst case ${formatAmount(cpuMs / 1000)} s of CPU).`);

  out.push(
    `Servers are sized for the peak hour (${formatRps(peakRps)} req/s): vCPU = peak rps x ${formatAmount(shape.durationMs / 1000)} s x ${shape.cpuShare} CPU share / ${pct(TARGET_UTILISATION)} target utilisation.`,
  );
  out.push(
    shape.nature === 'cpu-bound'
      ? `Server memory: each run in flight holds its ${formatAmount(shape.memoryMb)} MB working set, counted once (the job is the app); an instance or task must hold at least one; ${pct(USABLE_MEMORY_SHARE)} of instance memory is usable.`
      : `Server memory: each instance or task holds the app once (${formatAmount(shape.memoryMb)} MB) plus, per request in flight, ${pct(IO_IN_FLIGHT_MEMORY_SHARE)} of it (${formatAmount(shape.memoryMb * IO_IN_FLIGHT_MEMORY_SHARE)} MB; requests waiting on I/O hold buffers, not a working set); ${pct(USABLE_MEMORY_SHARE)} of instance memory is usable.`,
  );
  out.push(
    userFacing
      ? `At least ${MIN_SERVERS_USER_FACING} instances or tasks at all times for a user-facing ${shape.trigger} workload (two availability zones).`
      : `At least ${MIN_SERVERS_BACKGROUND} instance or task at all times.`,
  );
  out.push(`EC2 runs 24/7 on ${shape.architecture === 'arm' ? 'Arm' : 'x86'} types only (the workload's architecture); burstable t3/t4g types count only their baseline CPU (e.g. 20% of each vCPU on a t3.medium).`);
  out.push(
    shape.trigger === 'schedule'
      ? 'Fargate runs one task per scheduled run (EventBridge Scheduler starting an ECS task), billed per second with a one-minute minimum, or one task kept running when runs are so frequent that this is cheaper.'
      : 'Fargate tasks follow the hourly profile, in the cheapest valid task size whose memory matches what its vCPUs can keep busy.',
  );
  if (isJob(shape))
    out.push('AWS Batch runs each job on the cheaper of a Fargate task or an EC2 instance that starts for it (packed when runs overlap), billed per second with a one-minute minimum; Batch adds no charge of its own. Spot capacity, for jobs that can retry, is cheaper still and not priced in this catalog.');
  if (shape.gpu)
    out.push(`GPU instances run around the clock; each GPU serves one request at a time, sized for the peak at ${pct(GPU_TARGET_UTILISATION)} utilisation, in the cheapest type whose GPU memory holds the model.`);
  if (userFacing)
    out.push(`An Application Load Balancer fronts the servers: 730 hours plus 1 LCU per ${ALB_RPS_PER_LCU} req/s (25 new connections/s per LCU, about 5 requests per keep-alive connection).`);
  out.push('Free tiers that expire after 12 months (API Gateway, EC2) are not shown.');
  out.push('Break-even and the chart scale the same hourly shape up and down.');
  return out;
}
