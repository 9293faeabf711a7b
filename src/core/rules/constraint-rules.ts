import { formatUsdRounded } from '../format.js';
import { platformName } from './platform-pick.js';
import type { Rule } from './rule.js';

// Constraints that decide the platform before any price does: a GPU, a wish to
// stay portable, tiny logic that belongs at the CDN edge.

export const gpuRule: Rule = ({ workload, picks }) => {
  if (!workload.gpu) return [];
  const server = picks.servers;
  const priced = server?.monthlyUsd != null ? ` ${platformName(server, workload)}: ${server.sizing ?? server.label}, ${formatUsdRounded(server.monthlyUsd)} a month.` : ' No catalog GPU instance holds it.';
  const named = workload.gpuModel && server && !`${server.sizing ?? ''}${server.lines[0]?.label ?? ''}`.toUpperCase().includes(workload.gpuModel) ? ` The catalog has no ${workload.gpuModel}; this is the cheapest GPU in it that holds the work.` : '';
  return [{
    rule: 'gpu',
    polarity: 'blocker',
    weight: 100,
    text: `Needs a GPU: AWS Lambda, Cloud Run functions, Azure Functions and Cloudflare Workers have none.${priced}${named} (Cloud Run services offer NVIDIA L4 GPUs that scale to zero; not priced in this catalog.)`,
  }];
};

export const lockInRule: Rule = ({ workload, picks, cost }) => {
  if (!workload.portable) return [];
  const functions = picks.functions;
  if (functions?.platform === 'gcp-cloud-run-functions') {
    return [{
      rule: 'lock-in',
      polarity: 'pro',
      weight: 5,
      text: 'You want to stay portable: a container on Cloud Run (the Knative API) runs the same image on any Kubernetes or on Fargate; only the deploy configuration changes.',
    }];
  }
  const lambda = cost.costs.find((c) => c.platform === 'aws-lambda' && c.available);
  const server = picks.servers;
  const gap = lambda?.monthlyUsd != null && server?.monthlyUsd != null ? server.monthlyUsd - lambda.monthlyUsd : null;
  const price = gap === null ? '' : gap > 0 ? ` Staying portable on ${platformName(server!, workload)} costs ${formatUsdRounded(gap)} a month more than Lambda.` : ` ${platformName(server!, workload)} is also ${formatUsdRounded(-gap)} a month cheaper than Lambda.`;
  return [{
    rule: 'lock-in',
    polarity: 'con',
    weight: 15,
    text: `You want to stay portable, but functions code is written to one cloud's triggers and event shapes (API Gateway, SQS, IAM): moving means rewriting that glue and the infrastructure code. A container moves as it is.${price}`,
  }];
};

export const edgeRule: Rule = ({ workload, picks, cost }) => {
  if (!workload.edge) return [];
  const pick = picks.functions;
  if (pick?.platform === 'cloudflare-workers' && pick.monthlyUsd !== null) {
    return [{
      rule: 'edge',
      polarity: 'pro',
      weight: 15,
      text: `Tiny logic at the edge: Cloudflare Workers run it in every Cloudflare location, in isolates that start in milliseconds (no cold start to speak of), and bill CPU time only: ${formatUsdRounded(pick.monthlyUsd)} a month.`,
    }];
  }
  const workers = cost.costs.find((c) => c.platform === 'cloudflare-workers');
  if (!workers?.unavailableReason) return [];
  return [{ rule: 'edge', polarity: 'con', weight: 5, text: `Meant for the edge, but Cloudflare Workers cannot run it: ${workers.unavailableReason}.` }];
};
