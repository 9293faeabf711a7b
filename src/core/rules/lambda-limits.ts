// AWS Lambda's hard limits, from
// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html (checked 2025-10).
// Limits are not prices, so they live here rather than in the pricing catalog.
export const LAMBDA_LIMITS = {
  timeoutMs: 900_000,
  maxMemoryMb: 10_240,
  zipUnzippedMb: 250,
  containerImageMb: 10_240,
  /** Memory at which a function has one full vCPU (docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html). */
  memoryMbPerVcpu: 1769,
} as const;

/** API Gateway's default integration timeout (HTTP and REST APIs). */
export const API_GATEWAY_TIMEOUT_MS = 29_000;

/** Below this p99 target, cold starts (100 ms to over 1 s) matter. */
export const LATENCY_CRITICAL_MS = 100;
