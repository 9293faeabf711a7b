import type { CostReport, PlatformId } from './cost/cost-types.js';
import type { ResolvedWorkload } from './workload.js';

export const VERDICTS = ['fit', 'marginal', 'avoid'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Which rule produced a reason; stable ids, shown on cards and in JSON. */
export type RuleId =
  | 'timeout'
  | 'memory-limit'
  | 'package-size'
  | 'steady-traffic'
  | 'state'
  | 'latency'
  | 'heavy-dependencies'
  | 'event-driven'
  | 'variable-traffic'
  | 'short-lived'
  | 'background-job'
  | 'prototype'
  | 'low-volume'
  | 'cold-start'
  | 'api-gateway-timeout'
  | 'gpu'
  | 'connections'
  | 'lock-in'
  | 'edge'
  | 'spike';

/** pro = argues for serverless, con = against, blocker = serverless cannot run it. */
export type ReasonPolarity = 'pro' | 'con' | 'blocker';

export interface Reason {
  rule: RuleId;
  polarity: ReasonPolarity;
  /** Points added to (pro) or taken from (con, blocker) the score. */
  weight: number;
  /** Names the numbers: "45 min per job is 3x Lambda's 15-minute limit". */
  text: string;
}

export interface Assumption {
  /** The field or figure assumed, e.g. "memoryMb". */
  about: string;
  text: string;
}

export interface Assessment {
  verdict: Verdict;
  /** Human label of the recommended platform: "AWS Lambda", "ECS on Fargate", "AWS Batch". */
  platform: string;
  /** The cost row of the recommended platform (the card's "recommended" mark); null when nothing can run it. */
  platformId: PlatformId | null;
  /** 0-100; 100 = serverless is clearly right. */
  score: number;
  reasons: Reason[];
  /** What would flip or weaken the verdict. */
  changeIf: string[];
  assumptions: Assumption[];
  workload: ResolvedWorkload;
  cost: CostReport;
}
