import type { Verdict } from './assessment.js';
import type { CostChart, PlatformId } from './cost/cost-types.js';

// A platform-neutral card. Renderers in src/render turn it into Block Kit,
// Discord embeds or terminal text; they may shorten, never invent.

export interface CardField {
  label: string;
  value: string;
}

export interface CardCostRow {
  platform: PlatformId;
  label: string;
  /** "$30.37" or "n/a". */
  monthly: string;
  /** "$25-$40" band, or '' when exact. */
  band: string;
  cheapest: boolean;
  recommended: boolean;
  /** Why it is n/a, or the sizing note. */
  note: string;
}

export interface CardAction {
  /** Stable id the adapters send back as an `action` event. */
  id: string;
  label: string;
  /** Optional value carried with the action (e.g. a quick-reply answer). */
  value?: string;
  style?: 'primary' | 'danger';
}

export interface CardReason {
  rule: string;
  polarity: 'pro' | 'con' | 'blocker';
  text: string;
}

export interface Card {
  title: string;
  verdict: Verdict;
  /** "Fit: run it on AWS Lambda". */
  headline: string;
  /** What the bot heard: traffic, duration, memory, trigger ... */
  fields: CardField[];
  costs: CardCostRow[];
  breakEven: string | null;
  reasons: CardReason[];
  changeIf: string[];
  assumptions: string[];
  /** Itemised arithmetic per platform, "quantity x unit price = amount" lines, for "show the math". */
  math: { platform: PlatformId; label: string; lines: string[] }[];
  /** "Prices as of 2025-10-01 (catalog 2025-10-01.1)" plus a staleness warning when old. */
  pricing: string;
  pricingStale: boolean;
  /** What changed since the previous result (what-ifs, corrections). */
  changes: string[];
  actions: CardAction[];
  chart: CostChart | null;
}

/** A follow-up question with quick replies. */
export interface QuestionCard {
  id: string;
  text: string;
  /** What the bot understood so far, echoed so a person can correct it. */
  heard: string[];
  /** Shown when the previous answer could not be read. */
  hint: string | null;
  example: string;
  choices: CardAction[];
}
