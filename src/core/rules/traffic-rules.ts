import { formatCountScaled, formatRate, formatSignificant, formatUsdRounded } from '../format.js';
import { averageRps, requestsPerDay, trafficPeakRps } from '../traffic.js';
import { platformName } from './platform-pick.js';
import type { Rule } from './rule.js';

// Traffic decides cost: steady high load favours dedicated capacity, decided by
// the cost engine's numbers rather than a fixed threshold. The comparison is
// between the platforms the card names, never a third one.

/** Below this monthly difference the cheaper side wins only a little, however large the ratio. */
const SMALL_GAP_USD = 50;

export const steadyTrafficRule: Rule = ({ workload, picks }) => {
  const fn = picks.functions;
  const server = picks.servers;
  if (!fn || !server || fn.monthlyUsd === null || server.monthlyUsd === null || server.monthlyUsd <= 0) return [];
  const ratio = fn.monthlyUsd / server.monthlyUsd;
  const rate = `${formatRate(averageRps(workload.traffic.hourly))}${workload.stated?.traffic === false ? ' (assumed)' : ''}`;
  const compare = `${fn.label} ${formatUsdRounded(fn.monthlyUsd)}/month vs ${formatUsdRounded(server.monthlyUsd)} for ${platformName(server, workload)}`;
  // Servers in one region are not at the edge: for edge logic the price gap is a consideration, not the deciding factor.
  if (workload.edge && fn.platform === 'cloudflare-workers' && ratio > 1) {
    return [{ rule: 'steady-traffic', polarity: 'con', weight: 10, text: `At ${rate} on average, ${compare}: ${formatSignificant(ratio, 2)}x the cost, but servers in one region would not be at the edge.` }];
  }
  // A few dollars a month either way is not what decides a platform, whatever the ratio.
  const gap = Math.abs(fn.monthlyUsd - server.monthlyUsd);
  if (gap < SMALL_GAP_USD && ratio > 1) {
    return [{ rule: 'steady-traffic', polarity: 'con', weight: 5, text: `At ${rate} on average, ${compare}: functions cost ${formatUsdRounded(gap)} a month more.` }];
  }
  if (ratio >= 3) {
    return [{ rule: 'steady-traffic', polarity: 'con', weight: 45, text: `At ${rate} on average, ${compare}: ${formatSignificant(ratio, 2)}x the cost.` }];
  }
  if (ratio >= 1.5) {
    return [{ rule: 'steady-traffic', polarity: 'con', weight: 25, text: `At ${rate} on average, ${compare}: ${formatSignificant(ratio, 2)}x the cost.` }];
  }
  if (ratio > 1) {
    return [{ rule: 'steady-traffic', polarity: 'con', weight: 10, text: `At ${rate} on average, ${compare}: functions cost a little more.` }];
  }
  if (ratio > 0.5) {
    return [{ rule: 'steady-traffic', polarity: 'pro', weight: 5, text: `At ${rate} on average, ${compare}: functions cost a little less.` }];
  }
  return [{ rule: 'steady-traffic', polarity: 'pro', weight: 15, text: `At ${rate} on average, ${compare}: ${formatSignificant(server.monthlyUsd / Math.max(fn.monthlyUsd, 0.01), 2)}x cheaper on functions.` }];
};

export const variableTrafficRule: Rule = ({ workload }) => {
  const avgHour = requestsPerDay(workload.traffic.hourly) / 24;
  const ratio = avgHour === 0 ? 1 : (trafficPeakRps(workload.traffic) * 3600) / avgHour;
  return ratio >= 2.5
    ? [{
        rule: 'variable-traffic',
        polarity: 'pro',
        weight: 10,
        text: `The busiest hour is ${formatSignificant(ratio, 2)}x the average hour: functions follow the curve, servers are sized for the peak.`,
      }]
    : [];
};

/** Below this average rate an always-on server mostly idles. */
const LOW_VOLUME_RPS = 0.5;
/** Work in progress at least this share of the time is not idle, however few the requests. */
const BUSY_SHARE = 0.5;

export const lowVolumeRule: Rule = ({ workload }) => {
  const rps = averageRps(workload.traffic.hourly);
  // Held connections keep a server busy whatever the message rate.
  if (rps >= LOW_VOLUME_RPS || workload.connections) return [];
  const busy = (rps * workload.duration.typicalMs) / 1000;
  if (busy >= BUSY_SHARE) return [];
  return [{
    rule: 'low-volume',
    polarity: 'pro',
    weight: 10,
    text: `At ${formatRate(rps)}${workload.stated?.traffic === false ? ' (assumed)' : ''}, work is in progress ${formatSignificant(busy * 100, 2)}% of the time: an always-on server would mostly idle.`,
  }];
};

export const spikeRule: Rule = ({ workload, cost, picks }) => {
  const spike = cost.spike;
  if (!spike || !picks.functions) return [];
  const fn = spike.costs.find((c) => c.platform === picks.functions?.platform);
  const server = picks.servers ? spike.costs.find((c) => c.platform === picks.servers?.platform) : undefined;
  const quota = spike.lambdaConcurrency > 1000 ? ', above the default 1,000 a region: raise the quota before it' : '';
  const prices = fn && server ? ` Those hours add ${formatUsdRounded(fn.extraUsd)} on ${picks.functions.label} and ${formatUsdRounded(server.extraUsd)} on ${platformName(picks.servers!, workload)}.` : '';
  return [{
    rule: 'spike',
    polarity: 'pro',
    weight: 10,
    text: `A surge (${spike.words} at ${formatSignificant(spike.factor, 3)}x for ${formatCountScaled(spike.hours)} h): functions absorb it without capacity planning, about ${formatCountScaled(spike.lambdaConcurrency)} Lambda executions at once${quota}; servers must scale out ahead of it.${prices}`,
  }];
};
