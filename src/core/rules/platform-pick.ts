import type { CostReport, PlatformCost, PlatformId } from '../cost/cost-types.js';
import type { ResolvedWorkload } from '../workload.js';
import { cheapestOf } from './cost-lookup.js';

// Which functions platform and which server option the card would name. Every
// rule that compares the two, the headline and the cost table's "recommended"
// mark read these, so they always name the same platform.

export interface Picks {
  /** The functions platform to use if serverless: Lambda when it can run it, else the one that can. */
  functions: PlatformCost | null;
  /** The server option to use otherwise: the cheapest, AWS Batch on a tie for jobs. */
  servers: PlatformCost | null;
}

function row(cost: CostReport, id: PlatformId): PlatformCost | null {
  const found = cost.costs.find((c) => c.platform === id);
  return found?.available && found.monthlyUsd !== null ? found : null;
}

const BACKGROUND = new Set(['queue', 'schedule', 'storage-event', 'stream']);
/** Background runs this long are jobs; past Lambda's limits they belong on AWS Batch, not on another cloud's functions. */
const JOB_MS = 60_000;

export function pickPlatforms(workload: ResolvedWorkload, cost: CostReport): Picks {
  const lambda = row(cost, 'aws-lambda');
  const portable = workload.portable ? row(cost, 'gcp-cloud-run-functions') : null;
  const edge = workload.edge ? row(cost, 'cloudflare-workers') : null;
  const job = BACKGROUND.has(workload.trigger) && workload.duration.worstMs >= JOB_MS;
  // Serverless is not only Lambda: a portable container service, an edge worker, or whichever functions platform meets the limits.
  // Workers are for small logic at the edge, not a stand-in for a general function runtime.
  const other = job ? null : cheapestOf(cost.costs.filter((c) => c.kind === 'functions' && c.platform !== 'cloudflare-workers'));
  const functions = portable ?? edge ?? lambda ?? other;
  const serverRows = cost.costs.filter((c) => c.kind === 'servers');
  const cheapest = cheapestOf(serverRows);
  const batch = row(cost, 'aws-batch');
  const servers = batch && cheapest && (batch.monthlyUsd ?? Infinity) <= (cheapest.monthlyUsd ?? Infinity) + 0.005 ? batch : cheapest;
  return { functions, servers };
}

/** The name the headline gives a platform. */
export function platformName(c: PlatformCost, workload: ResolvedWorkload): string {
  switch (c.platform) {
    case 'aws-lambda':
      return workload.architecture === 'arm' ? 'AWS Lambda (Arm)' : 'AWS Lambda';
    case 'aws-fargate':
      return c.label.includes('scheduled tasks') ? 'ECS on Fargate (scheduled tasks)' : 'ECS on Fargate';
    case 'aws-ec2':
      return workload.gpu ? `EC2 GPU instances (${c.lines[0]?.label.split(' x ')[0] ?? 'g5'})` : 'Amazon EC2';
    case 'aws-batch':
      return 'AWS Batch';
    case 'gcp-cloud-run-functions':
      return workload.portable ? 'Google Cloud Run (a portable container)' : 'Google Cloud Run functions';
    case 'azure-functions':
      return 'Azure Functions';
    case 'cloudflare-workers':
      return 'Cloudflare Workers';
  }
}
