import type { PlatformModel } from './cost-model.js';
import type { PlatformId, PlatformKind } from './cost-types.js';

// A platform that cannot run the workload at all (no GPU, no held
// connections): it appears on the card as n/a with the reason.

/** Shared by every unavailable model: nothing to close over. */
function priceless(): number {
  return Infinity;
}

export function unavailableModel(platform: PlatformId, kind: PlatformKind, label: string, reason: string): PlatformModel {
  return { platform, kind, label, unavailableReason: reason, cost: priceless };
}
