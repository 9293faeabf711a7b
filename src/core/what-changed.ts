import type { AssessmentSnapshot } from './conversation.js';
import type { PlatformId } from './cost/cost-types.js';
import { formatDuration, formatMemory, formatRate, formatUsdRounded } from './format.js';

// After a what-if or a correction: what moved, in one line each.

const LABELS: Record<PlatformId, string> = {
  'aws-lambda': 'AWS Lambda',
  'aws-fargate': 'Fargate',
  'aws-ec2': 'EC2',
  'gcp-cloud-run-functions': 'Cloud Run functions',
  'azure-functions': 'Azure Functions',
  'cloudflare-workers': 'Cloudflare Workers',
  'aws-batch': 'AWS Batch',
};

export function whatChanged(before: AssessmentSnapshot, after: AssessmentSnapshot): string[] {
  const out: string[] = [];
  if (before.verdict !== after.verdict) out.push(`Verdict: ${before.verdict} -> ${after.verdict}`);
  else out.push(`Verdict unchanged: ${after.verdict}`);
  if (before.platform !== after.platform) out.push(`Recommended: ${before.platform} -> ${after.platform}`);
  if (!sameNumber(before.averageRps, after.averageRps)) out.push(`Traffic: ${formatRate(before.averageRps)} -> ${formatRate(after.averageRps)} average`);
  if (!sameNumber(before.durationMs, after.durationMs)) out.push(`Duration: ${formatDuration(before.durationMs)} -> ${formatDuration(after.durationMs)}`);
  if (before.memoryMb !== after.memoryMb) out.push(`Memory: ${formatMemory(before.memoryMb)} -> ${formatMemory(after.memoryMb)}`);
  for (const id of Object.keys(LABELS) as PlatformId[]) {
    const a = before.monthlyUsd[id];
    const b = after.monthlyUsd[id];
    if (a === undefined && b === undefined) continue;
    if (a !== undefined && b !== undefined && sameNumber(a, b)) continue;
    out.push(`${LABELS[id]}: ${perMonth(a)} -> ${perMonth(b)}`);
  }
  return out;
}

/** "$11,681/month", or "n/a" where the platform could not run it (never "n/a/month"). */
function perMonth(usd: number | undefined): string {
  return usd === undefined ? 'n/a' : `${formatUsdRounded(usd)}/month`;
}

function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}
