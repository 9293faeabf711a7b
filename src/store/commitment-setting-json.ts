import type { CommitmentSetting } from '../core/ports.js';

// A workspace's standing commitment as both stores keep it: JSON text with a
// fixed key order, so SQLite and Postgres hold the same bytes and a copy
// between them compares equal. A row that does not read back as a commitment
// is treated as none rather than priced at a guess.

const PLANS = ['compute-savings-plan', 'ec2-instance-savings-plan', 'reserved-instances'] as const;
const TERMS = ['1yr', '3yr', null] as const;
const PAYMENTS = ['no-upfront', 'partial-upfront', 'all-upfront', null] as const;

export function commitmentText(commitment: CommitmentSetting | null): string | null {
  if (!commitment) return null;
  return JSON.stringify({ plan: commitment.plan, term: commitment.term, payment: commitment.payment, ...(commitment.kindAssumed ? { kindAssumed: true } : {}) });
}

export function commitmentOf(text: string | null): CommitmentSetting | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    const plan = PLANS.find((p) => p === v.plan);
    const term = TERMS.find((t) => t === v.term);
    const payment = PAYMENTS.find((p) => p === v.payment);
    if (!plan || term === undefined || payment === undefined) return null;
    return { plan, term, payment, ...(v.kindAssumed === true ? { kindAssumed: true } : {}) };
  } catch {
    return null;
  }
}
