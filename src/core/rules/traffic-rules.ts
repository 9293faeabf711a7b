import { formatRate, formatSig, formatUsd } from '../format.js';
import { averageRps, peakToAverage } from '../traffic.js';
import { cheapestServer, lambdaCost } from './cost-lookup.js';
import type { Rule } from './rule.js';

// Traffic decides cost: steady high load favours dedicated capacity, decided by
// the cost engine's numbers rather than a fixed threshold.

export const steadyTrafficRule: Rule = ({ workload, cost }) => {
  const lambda = lambdaCost(cost);
  const server = cheapestServer(cost);
  if (!lambda || !server || lambda.monthlyUsd === null || server.monthlyUsd === null || server.monthlyUsd <= 0) return [];
  const ratio = lambda.monthlyUsd / server.monthlyUsd;
  const rate = formatRate(averageRps(workload.traffic.hourly));
  const compare = `${lambda.label} ${formatUsd(lambda.monthlyUsd)}/month vs ${formatUsd(server.monthlyUsd)} for ${server.label}`;
  if (ratio >= 3) {
    return [{ rule: 'steady-traffic', polarity: 'con', weight: 45, text: `At ${rate} on average, ${compare}: ${formatSig(ratio, 2)}x the cost.` }];
  }
  if (ratio >= 1.5) {
    return [{ rule: 'steady-traffic', polarity: 'con', weight: 25, text: `At ${rate} on average, ${compare}: ${formatSig(ratio, 2)}x the cost.` }];
  }
  if (ratio > 1) {
    return [{ rule: 'steady-traffic', polarity: 'con', weight: 10, text: `At ${rate} on average, ${compare}: functions cost a little more.` }];
  }
  if (ratio > 0.5) {
    return [{ rule: 'steady-traffic', polarity: 'pro', weight: 5, text: `At ${rate} on average, ${compare}: functions cost a little less.` }];
  }
  return [{ rule: 'steady-traffic', polarity: 'pro', weight: 15, text: `At ${rate} on average, ${compare}: ${formatSig(server.monthlyUsd / Math.max(lambda.monthlyUsd, 0.01), 2)}x cheaper on functions.` }];
};

export const variableTrafficRule: Rule = ({ workload }) => {
  const ratio = peakToAverage(workload.traffic.hourly);
  return ratio >= 2.5
    ? [{
        rule: 'variable-traffic',
        polarity: 'pro',
        weight: 10,
        text: `The busiest hour is ${formatSig(ratio, 2)}x the average hour: functions follow the curve, servers are sized for the peak.`,
      }]
    : [];
};

/** Below this average rate an always-on server mostly idles. */
const LOW_VOLUME_RPS = 0.5;

export const lowVolumeRule: Rule = ({ workload }) => {
  const rps = averageRps(workload.traffic.hourly);
  if (rps >= LOW_VOLUME_RPS) return [];
  const busy = (rps * workload.duration.typicalMs) / 1000;
  return [{
    rule: 'low-volume',
    polarity: 'pro',
    weight: 10,
    text: `At ${formatRate(rps)}, work is in progress ${formatSig(Math.min(busy, 1) * 100, 2)}% of the time: an always-on server would mostly idle.`,
  }];
};
