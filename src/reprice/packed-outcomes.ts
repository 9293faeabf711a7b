import type { Verdict } from '../core/assessment.js';
import type { RepriceChange, RepriceOutcome } from '../core/reprice/reprice-history.js';

// A page of outcomes as a worker sends it back: columns (numbers in typed
// arrays, moved rather than copied) instead of one small object per decision,
// which cost the reading thread more to receive than the page took to read.

export interface PackedOutcomes {
  kinds: Uint8Array;
  /** Per decision: the changes as bits, then whether each monthly figure is missing. */
  flags: Uint8Array;
  recommendedMonthlyUsd: Float64Array;
  alternativeMonthlyUsd: Float64Array;
  /** Verdict and platform now, and the reason a decision could not be read; '' where there is none. */
  verdicts: string[];
  recommended: string[];
  reasons: string[];
}

const KINDS = ['unchanged', 'without-facts', 'unreadable', 'changed'] as const;
const CHANGE_BITS: readonly [RepriceChange, number][] = [
  ['verdict', 1],
  ['platform', 2],
  ['cost', 4],
];
const NO_RECOMMENDED_USD = 8;
const NO_ALTERNATIVE_USD = 16;

export function packOutcomes(outcomes: readonly RepriceOutcome[]): PackedOutcomes {
  const n = outcomes.length;
  const packed: PackedOutcomes = {
    kinds: new Uint8Array(n),
    flags: new Uint8Array(n),
    recommendedMonthlyUsd: new Float64Array(n),
    alternativeMonthlyUsd: new Float64Array(n),
    verdicts: new Array<string>(n).fill(''),
    recommended: new Array<string>(n).fill(''),
    reasons: new Array<string>(n).fill(''),
  };
  outcomes.forEach((outcome, i) => {
    packed.kinds[i] = KINDS.indexOf(outcome.kind);
    if (outcome.kind === 'unreadable') packed.reasons[i] = outcome.reason;
    if (outcome.kind !== 'changed') return;
    const { now, changes } = outcome;
    let flags = 0;
    for (const [change, bit] of CHANGE_BITS) if (changes.includes(change)) flags |= bit;
    if (now.recommendedMonthlyUsd === null) flags |= NO_RECOMMENDED_USD;
    else packed.recommendedMonthlyUsd[i] = now.recommendedMonthlyUsd;
    if (now.alternativeMonthlyUsd === null) flags |= NO_ALTERNATIVE_USD;
    else packed.alternativeMonthlyUsd[i] = now.alternativeMonthlyUsd;
    packed.flags[i] = flags;
    packed.verdicts[i] = now.verdict;
    packed.recommended[i] = now.recommended;
  });
  return packed;
}

/** The typed arrays' buffers, to move with postMessage instead of copying. */
export function transferables(packed: PackedOutcomes): ArrayBuffer[] {
  return [packed.kinds, packed.flags, packed.recommendedMonthlyUsd, packed.alternativeMonthlyUsd].map((column) => column.buffer as ArrayBuffer);
}

export function unpackOutcome(packed: PackedOutcomes, i: number): RepriceOutcome {
  const kind = KINDS[packed.kinds[i]!]!;
  if (kind === 'unreadable') return { kind, reason: packed.reasons[i]! };
  if (kind !== 'changed') return { kind };
  const flags = packed.flags[i]!;
  return {
    kind,
    now: {
      verdict: packed.verdicts[i] as Verdict,
      recommended: packed.recommended[i]!,
      recommendedMonthlyUsd: flags & NO_RECOMMENDED_USD ? null : packed.recommendedMonthlyUsd[i]!,
      alternativeMonthlyUsd: flags & NO_ALTERNATIVE_USD ? null : packed.alternativeMonthlyUsd[i]!,
    },
    changes: CHANGE_BITS.filter(([, bit]) => flags & bit).map(([change]) => change),
  };
}
