// Fargate's valid task sizes: vCPU and the memory (GB) each allows
// (docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html).
// Shared by the service model and the per-run job model.

export const TASK_SIZES: readonly { vcpu: number; memoryGb: readonly number[] }[] = [
  { vcpu: 0.25, memoryGb: [0.5, 1, 2] },
  { vcpu: 0.5, memoryGb: range(1, 4, 1) },
  { vcpu: 1, memoryGb: range(2, 8, 1) },
  { vcpu: 2, memoryGb: range(4, 16, 1) },
  { vcpu: 4, memoryGb: range(8, 30, 1) },
  { vcpu: 8, memoryGb: range(16, 60, 4) },
  { vcpu: 16, memoryGb: range(32, 120, 8) },
];

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

/** The cheapest valid task with at least `vcpu` vCPUs and `memoryGb` of memory at these hourly prices, or null. */
export function smallestTask(vcpu: number, memoryGb: number, vcpuUsd: number, gbUsd: number): { vcpu: number; memoryGb: number } | null {
  let best: { vcpu: number; memoryGb: number; usd: number } | null = null;
  for (const size of TASK_SIZES) {
    if (size.vcpu < vcpu) continue;
    let gb: number | undefined;
    for (const g of size.memoryGb) {
      if (g >= memoryGb) {
        gb = g;
        break;
      }
    }
    if (gb === undefined) continue;
    const usd = size.vcpu * vcpuUsd + gb * gbUsd;
    if (best === null || usd < best.usd) best = { vcpu: size.vcpu, memoryGb: gb, usd };
  }
  return best && { vcpu: best.vcpu, memoryGb: best.memoryGb };
}
