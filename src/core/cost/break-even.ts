import type { BreakEven } from './cost-types.js';
import { BREAK_EVEN_MAX_RPS, BREAK_EVEN_MIN_RPS } from './cost-constants.js';
import { cheapestServer, cheapestServerUsd, type ComparisonModels } from './platform-models.js';
import { formatPercentShort, formatPlain, formatRps, roundToDecimals } from '../format.js';

// The average rps (same hourly shape, scaled) where Lambda with its trigger costs
// the same as the cheapest server option. Servers cost steps (whole instances),
// so the difference can cross more than once: we report the first crossing from
// low traffic, found by a coarse log scan and then a bounded bisection.

// One scan point a decade, then false position (Illinois) inside the decade that
// brackets the crossing. Both costs are piecewise linear in traffic, so it lands
// within a cent in a handful of steps; the step cap bounds the worst case.
const SCAN_STEPS_PER_DECADE = 1;
const MAX_REFINE_STEPS = 24;
/** Stop when the two costs agree to half a cent or the bracket is 1e-6 decades wide. */
const USD_TOLERANCE = 0.005;
const LOG_TOLERANCE = 1e-6;
const SPAN = `${formatPlain(BREAK_EVEN_MIN_RPS)}-${formatPlain(BREAK_EVEN_MAX_RPS)} req/s average`;

/** Lambda minus the cheapest server at `rps` average. */
function gapAt(models: ComparisonModels, baseRps: number, rps: number): number {
  const scale = rps / baseRps;
  return models.lambda.cost(scale) - cheapestServerUsd(models.servers, scale);
}

/** @param baseRps average rps of the traffic the models were built on (scale 1). */
export function findBreakEven(models: ComparisonModels, baseRps: number, currentRps: number): BreakEven | null {
  if (models.lambda.unavailableReason !== null) return null;
  const currentServer = cheapestServer(models.servers, currentRps / baseRps);
  if (currentServer === null) return null;

  const logMin = Math.log10(BREAK_EVEN_MIN_RPS);
  const logMax = Math.log10(BREAK_EVEN_MAX_RPS);
  const steps = Math.round((logMax - logMin) * SCAN_STEPS_PER_DECADE);
  let lo = logMin;
  let loGap = gapAt(models, baseRps, 10 ** lo);
  if (loGap >= 0) return { functions: models.lambda.platform, servers: currentServer.model.platform, averageRps: null, ratio: null, sentence: `Servers stay cheaper than AWS Lambda across ${SPAN}.` };

  for (let i = 1; i <= steps; i++) {
    const hi = logMin + ((logMax - logMin) * i) / steps;
    const hiGap = gapAt(models, baseRps, 10 ** hi);
    if (hiGap >= 0) return refine(models, baseRps, currentRps, lo, loGap, hi, hiGap);
    lo = hi;
    loGap = hiGap;
  }
  return { functions: models.lambda.platform, servers: currentServer.model.platform, averageRps: null, ratio: null, sentence: `AWS Lambda stays cheaper than servers across ${SPAN}.` };
}

function refine(models: ComparisonModels, baseRps: number, currentRps: number, lo: number, loGap: number, hi: number, hiGap: number): BreakEven {
  // Invariant: gap(lo) < 0 <= gap(hi). Illinois halves the stale end's weight so
  // a one-sided run of steps cannot stall.
  let side = 0;
  for (let i = 0; i < MAX_REFINE_STEPS && hi - lo > LOG_TOLERANCE; i++) {
    const x = (lo * hiGap - hi * loGap) / (hiGap - loGap);
    const mid = x > lo && x < hi ? x : (lo + hi) / 2;
    const gap = gapAt(models, baseRps, 10 ** mid);
    if (gap >= 0) {
      hi = mid;
      hiGap = gap;
      if (side === 1) loGap /= 2;
      side = 1;
    } else {
      lo = mid;
      loGap = gap;
      if (side === -1) hiGap /= 2;
      side = -1;
    }
    if (Math.abs(gap) < USD_TOLERANCE) {
      hi = mid;
      break;
    }
  }
  const averageRps = 10 ** hi;
  const server = cheapestServer(models.servers, averageRps / baseRps);
  const ratio = currentRps / averageRps;
  return {
    functions: models.lambda.platform,
    servers: server?.model.platform ?? 'aws-ec2',
    averageRps,
    ratio,
    sentence: `Break-even at about ${formatRps(averageRps)} req/s average; ${whereYouAre(ratio)}.`,
  };
}

function whereYouAre(ratio: number): string {
  if (ratio > 0.95 && ratio < 1.05) return 'you are right at it';
  if (ratio < 1) return `you are at ${formatPercentShort(ratio)} of it`;
  return `you are ${ratio >= 10 ? Math.round(ratio) : roundToDecimals(ratio, 1)}x past it`;
}
