import type { Assessment } from './assessment.js';
import { averageRps, monthlyRequests, trafficPeakRps } from './traffic.js';

/**
 * The public JSON shape of a finished assessment (`serverless-fit assess --json`).
 * Documented in the README; change it only by adding fields.
 */
export function assessmentJson(a: Assessment) {
  const w = a.workload;
  return {
    status: 'complete' as const,
    verdict: a.verdict,
    platform: a.platform,
    platformId: a.platformId,
    score: a.score,
    reasons: a.reasons.map((r) => ({ rule: r.rule, polarity: r.polarity, text: r.text })),
    changeIf: a.changeIf,
    costs: a.cost.costs.map((c) => ({
      platform: c.platform,
      label: c.label,
      kind: c.kind,
      available: c.available,
      ...(c.unavailableReason ? { unavailableReason: c.unavailableReason } : {}),
      monthlyUsd: c.monthlyUsd === null ? null : round2(c.monthlyUsd),
      range: c.range && { low: round2(c.range.low), expected: round2(c.range.expected), high: round2(c.range.high) },
      ...(c.sizing ? { sizing: c.sizing } : {}),
      lines: c.lines,
      freeTier: c.freeTier,
    })),
    breakEven: a.cost.breakEven,
    sensitivity: a.cost.sensitivity,
    spike: a.cost.spike
      ? { ...a.cost.spike, costs: a.cost.spike.costs.map((c) => ({ platform: c.platform, extraUsd: round2(c.extraUsd) })) }
      : null,
    connections: a.cost.connections ?? null,
    jobs: a.cost.jobs ?? null,
    region: a.cost.region ?? null,
    commitment: a.cost.commitment
      ? {
          ...a.cost.commitment,
          costs: a.cost.commitment.costs.map((c) => ({ platform: c.platform, label: c.label, kind: c.kind, monthlyUsd: c.monthlyUsd === null ? null : round2(c.monthlyUsd), lines: c.lines })),
        }
      : null,
    assumptions: a.assumptions.map((x) => x.text),
    workload: {
      description: w.description,
      trigger: w.trigger,
      averageRps: averageRps(w.traffic.hourly),
      peakRps: trafficPeakRps(w.traffic),
      monthlyRequests: monthlyRequests(w.traffic.hourly),
      hourlyProfile: w.traffic.hourly,
      traffic: w.traffic.echo,
      durationMs: w.duration.typicalMs,
      worstDurationMs: w.duration.worstMs,
      memoryMb: w.memoryMb,
      cpuShare: w.cpuShare,
      nature: w.nature,
      packageMb: w.packageMb,
      state: w.state,
      latencyP99Ms: w.latencyP99Ms,
      architecture: w.architecture,
      region: w.region,
      prototype: w.prototype,
      weeklyProfile: w.traffic.week ? { weekdays: w.traffic.week.weekdays, weekend: w.traffic.week.weekend } : null,
      connections: w.connections ?? null,
      gpu: w.gpu ?? false,
      portable: w.portable ?? false,
      edge: w.edge ?? false,
      runtime: w.runtime ?? null,
      modelMb: w.modelMb ?? null,
    },
    pricing: { asOf: a.cost.catalogAsOf, version: a.cost.catalogVersion },
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
