import type { CardField } from './card.js';
import { formatCountRounded, formatDurationRange, formatMemory, formatPercent, formatRate } from './format.js';
import { averageRps, trafficPeakRps } from './traffic.js';
import type { ResolvedWorkload, Trigger, WorkloadFacts } from './workload.js';

// Words for what the bot heard, so a person can check and correct it.

export const TRIGGER_WORDS: Record<Trigger, string> = {
  http: 'HTTP API',
  queue: 'queue',
  schedule: 'schedule',
  'storage-event': 'storage event (upload)',
  webhook: 'webhook',
  stream: 'stream',
  websocket: 'WebSocket',
};

/** One line per fact the person gave, for the "so far I have" part of a question. */
export function describeFacts(facts: WorkloadFacts): string[] {
  const out: string[] = [];
  if (facts.trigger) out.push(`trigger: ${TRIGGER_WORDS[facts.trigger]}`);
  if (facts.traffic) out.push(`traffic: ${facts.traffic.echo} (${formatRate(averageRps(facts.traffic.hourly))} average)`);
  if (facts.duration) out.push(`duration: ${formatDurationRange(facts.duration.typicalMs, facts.duration.worstMs)}`);
  if (facts.memoryMb !== undefined) out.push(`memory: ${formatMemory(facts.memoryMb)}`);
  if (facts.packageMb !== undefined) out.push(`package: ${formatMemory(facts.packageMb)}`);
  if (facts.nature) out.push(`work: ${facts.nature}`);
  if (facts.state) out.push(`state: ${facts.state.length ? facts.state.join(', ') : 'none'}`);
  if (facts.latencyP99Ms !== undefined) out.push(`latency target: p99 ${formatCountRounded(facts.latencyP99Ms)} ms`);
  if (facts.architecture) out.push(`architecture: ${facts.architecture}`);
  if (facts.prototype) out.push('prototype: yes');
  if (facts.connections) out.push(`connections: ${formatCountRounded(facts.connections.concurrent)} at once`);
  if (facts.gpu) out.push(`GPU: ${facts.gpuModel ?? 'needed'}`);
  if (facts.portable !== undefined) out.push(`portability: ${facts.portable ? 'stay portable' : 'lock-in accepted'}`);
  if (facts.edge) out.push('edge: yes');
  if (facts.runtime) out.push(`runtime: ${facts.runtime}`);
  return out;
}

/** The key figures on a result card; a figure nobody gave says "(assumed)". */
export function workloadFields(w: ResolvedWorkload): CardField[] {
  const avg = averageRps(w.traffic.hourly);
  const peak = trafficPeakRps(w.traffic);
  const assumed = (given: boolean | undefined) => (given === false ? ' (assumed)' : '');
  const fields: CardField[] = [
    { label: 'Traffic', value: `${w.traffic.echo}; ${formatRate(avg)} average, ${formatRate(peak)} peak hour` },
    { label: 'Duration', value: `${formatDurationRange(w.duration.typicalMs, w.duration.worstMs)}${assumed(w.stated?.duration)}` },
    { label: 'Memory', value: `${formatMemory(w.memoryMb)}${assumed(w.stated?.memory)}` },
    { label: 'Trigger', value: `${TRIGGER_WORDS[w.trigger]}${assumed(w.stated?.trigger)}` },
    { label: 'CPU share', value: `${formatPercent(w.cpuShare)} (${w.nature})` },
  ];
  if (w.state.length) fields.push({ label: 'State', value: w.state.join(', ') });
  if (w.latencyP99Ms !== null) fields.push({ label: 'Latency target', value: `p99 ${formatCountRounded(w.latencyP99Ms)} ms` });
  if (w.packageMb > 250) fields.push({ label: 'Package', value: formatMemory(w.packageMb) });
  if (w.gpu) fields.push({ label: 'GPU', value: w.gpuModel ? `needed (${w.gpuModel})` : 'needed' });
  if (w.runtime) fields.push({ label: 'Runtime', value: w.runtime });
  return fields;
}
