import type { Reason } from '../assessment.js';
import { formatDuration, formatMemory, formatSig } from '../format.js';
import { API_GATEWAY_TIMEOUT_MS, LAMBDA_LIMITS } from './lambda-limits.js';
import type { Rule } from './rule.js';

// Hard limits: past them Lambda cannot run the workload at all.

export const timeoutRule: Rule = ({ workload: { duration } }) => {
  const limit = LAMBDA_LIMITS.timeoutMs;
  if (duration.typicalMs > limit) {
    return [{
      rule: 'timeout',
      polarity: 'blocker',
      weight: 100,
      text: `${formatDuration(duration.typicalMs)} per run is ${formatSig(duration.typicalMs / limit, 2)}x Lambda's 15-minute limit (900 s).`,
    }];
  }
  if (duration.worstMs > limit) {
    return [{
      rule: 'timeout',
      polarity: 'con',
      weight: 35,
      text: `Worst case ${formatDuration(duration.worstMs)} passes Lambda's 15-minute limit (900 s); those runs would be killed.`,
    }];
  }
  if (duration.worstMs > limit * 0.66) {
    return [{
      rule: 'timeout',
      polarity: 'con',
      weight: 10,
      text: `${formatDuration(duration.worstMs)} is ${Math.round((duration.worstMs / limit) * 100)}% of Lambda's 15-minute limit: little headroom if the work grows.`,
    }];
  }
  return [];
};

export const memoryLimitRule: Rule = ({ workload: { memoryMb } }) =>
  memoryMb > LAMBDA_LIMITS.maxMemoryMb
    ? [{
        rule: 'memory-limit',
        polarity: 'blocker',
        weight: 100,
        text: `${formatMemory(memoryMb)} of memory is above Lambda's 10,240 MB maximum.`,
      }]
    : [];

export const packageSizeRule: Rule = ({ workload: { packageMb } }) => {
  if (packageMb > LAMBDA_LIMITS.containerImageMb) {
    return [{
      rule: 'package-size',
      polarity: 'blocker',
      weight: 100,
      text: `${formatMemory(packageMb)} of code and dependencies is above the 10 GB container-image limit.`,
    }];
  }
  const reasons: Reason[] = [];
  if (packageMb > LAMBDA_LIMITS.zipUnzippedMb) {
    reasons.push({
      rule: 'package-size',
      polarity: 'con',
      weight: 10,
      text: `${formatMemory(packageMb)} is over the 250 MB unzipped .zip limit: it must ship as a container image (up to 10 GB).`,
    });
  }
  if (packageMb >= 1024) {
    reasons.push({
      rule: 'heavy-dependencies',
      polarity: 'con',
      weight: 15,
      text: `Loading ${formatMemory(packageMb)} on every cold start takes seconds; big models and native libraries start slowly.`,
    });
  }
  return reasons;
};

export const apiGatewayTimeoutRule: Rule = ({ workload: { trigger, duration } }) =>
  (trigger === 'http' || trigger === 'webhook') && duration.worstMs > API_GATEWAY_TIMEOUT_MS && duration.worstMs <= LAMBDA_LIMITS.timeoutMs
    ? [{
        rule: 'api-gateway-timeout',
        polarity: 'con',
        weight: 15,
        text: `A ${formatDuration(duration.worstMs)} request outlasts API Gateway's 29 s integration timeout: make it asynchronous (queue + callback) or serve it from a container.`,
      }]
    : [];
