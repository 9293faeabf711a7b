import type { Reply } from '../advisor-types.js';
import { commitmentName } from '../cost/commitment-cost.js';
import { readCommitmentAsk } from '../parse/commitment-words.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import type { ConversationKey } from '../conversation.js';
import type { CommitmentSetting, WorkspaceSettingsStore } from '../ports.js';
import { privateNotice } from './answers.js';

// `/serverless-fit settings commitment [<words> | clear]`: show, set or clear
// the Savings Plan or Reserved Instances a workspace's assessments are priced
// with (beside on-demand) when their words ask for none. The value is read by
// the same words as a workload's ("1y csp no upfront", "3yr RI all upfront").

export type CommitmentSettingWords =
  | { kind: 'commitment-show' }
  | { kind: 'commitment-clear' }
  | { kind: 'commitment-set'; commitment: CommitmentSetting }
  | { kind: 'commitment-spot' }
  | { kind: 'not-a-commitment'; words: string };

const CLEAR = /^(?:clear|none|reset|unset|off|default|no|on[ -]?demand(?: only)?|no commitment)$/;
const EXAMPLE = '`/serverless-fit settings commitment 1-year compute savings plan, no upfront`';

/** The words after "commitment" (already lower-cased and trimmed) -> what to do. */
export function readCommitmentSettingWords(value: string, typed: string): CommitmentSettingWords {
  const words = value.replace(/^:\s*/, '').replace(/[.!]$/, '').trim();
  if (words === '') return { kind: 'commitment-show' };
  if (CLEAR.test(words)) return { kind: 'commitment-clear' };
  if (/\bspot\b/.test(words)) return { kind: 'commitment-spot' };
  const ask = readCommitmentAsk(words, true);
  if (!ask) return { kind: 'not-a-commitment', words: typed };
  if (ask.plan === 'spot') return { kind: 'commitment-spot' };
  if (ask.convertible) return { kind: 'not-a-commitment', words: typed };
  return { kind: 'commitment-set', commitment: { plan: ask.plan, term: ask.term, payment: ask.payment, ...(ask.kindAssumed ? { kindAssumed: true } : {}) } };
}

function hasRate(catalog: PricingCatalog, c: CommitmentSetting): boolean {
  return (catalog.commitments ?? []).some((r) => r.plan === c.plan && r.term === (c.term ?? '1yr') && r.payment === (c.payment ?? 'no-upfront'));
}

export interface CommitmentSettingContext {
  settings: WorkspaceSettingsStore;
  catalog: PricingCatalog;
  key: ConversationKey;
  actor: string;
  now: string;
}

export async function answerCommitmentSetting(words: CommitmentSettingWords, context: CommitmentSettingContext): Promise<Reply> {
  const { catalog, key, settings } = context;
  switch (words.kind) {
    case 'not-a-commitment':
      return privateNotice(
        `"${words.words}" is not a commitment I can price. Name a Compute or EC2 Instance Savings Plan or standard Reserved Instances, with a term (1 or 3 years) and a payment option (no, partial or all upfront); ${EXAMPLE}.`,
      );
    case 'commitment-spot':
      return privateNotice('Spot is for work that can be interrupted, so it is asked for per workload ("nightly batch on spot instances"), never set for a whole workspace.');
    case 'commitment-show': {
      const commitment = (await settings.get(key.platform, key.workspace))?.commitment ?? null;
      return privateNotice(
        commitment
          ? `This workspace's standing commitment is ${commitmentName(commitment)}: assessments whose words ask for none are priced with it beside on-demand. Change it with ${EXAMPLE}, or \`/serverless-fit settings commitment clear\`.`
          : `No commitment is set for this workspace: assessments are priced on-demand unless their words ask for one. Set one with ${EXAMPLE}.`,
        'info',
      );
    }
    case 'commitment-clear':
      await settings.setCommitment(key.platform, key.workspace, null, context.actor, context.now);
      return privateNotice('Standing commitment cleared: assessments are priced on-demand again unless their words ask for a commitment.', 'info');
    case 'commitment-set': {
      await settings.setCommitment(key.platform, key.workspace, words.commitment, context.actor, context.now);
      const gap = hasRate(catalog, words.commitment)
        ? ''
        : ` Catalog ${catalog.version} has no published rate for it, so those assessments say so and keep every figure on-demand; \`serverless-fit pricing refresh\` reads the rates AWS publishes.`;
      return privateNotice(
        `This workspace's standing commitment is now ${commitmentName(words.commitment)}: assessments are priced with it beside on-demand (a commitment in the words still comes first).${gap}`,
        'info',
      );
    }
  }
}
