import type { Verdict } from '../assessment.js';
import type { AssessmentSnapshot, ConversationKey, QuestionId, ThreadKey } from '../conversation.js';
import type { PlatformId } from '../cost/cost-types.js';
import type { WorkloadFacts } from '../workload.js';

// A design review: a named system whose components are each assessed like a
// single workload, then grouped into one hybrid plan. The review lives in one
// thread; anyone in it may add, change, answer for or remove components.

export type ReviewStatus = 'open' | 'closed';

/** Where a component lands in the hybrid plan of DESIGN.md. */
export const LAYERS = ['edge', 'containers', 'functions', 'data'] as const;
export type Layer = (typeof LAYERS)[number];

export const LAYER_TITLES: Record<Layer, string> = {
  edge: 'Edge',
  containers: 'Core services on containers',
  functions: 'Event processing on functions',
  data: 'Data',
};

/** A finished component assessment, kept so the card and the totals need no re-run. */
export interface ComponentResult extends AssessmentSnapshot {
  /** The cost row the plan uses for this component (the card's recommended row). */
  recommendedPlatform: PlatformId | null;
  recommendedUsd: number | null;
  /** Cheapest functions platform that can run it; null when none can. */
  serverlessPlatform: PlatformId | null;
  serverlessUsd: number | null;
  /** Cheapest servers platform (Fargate or EC2). */
  containersPlatform: PlatformId | null;
  containersUsd: number | null;
  layer: Layer;
  /** Where it was priced when that is not the catalog's home region unasked: "eu-central-1, workspace default; AWS priced at us-east-1". */
  pricedIn?: string;
  /** Its heaviest blockers and cons, heaviest first, with their weights for ranking across components. */
  risks: { text: string; weight: number; blocker: boolean }[];
}

export interface ReviewComponent {
  /** Stable within the review ("c1", "c2" ...), so a button pressed later still finds it after a rename. */
  id: string;
  name: string;
  /** A data store (database, cache, bucket) is placed in the data layer as told: no interview, not costed. */
  kind: 'workload' | 'data';
  facts: WorkloadFacts;
  /** The interview question waiting for this component; null when assessed (or a data store). */
  pending: QuestionId | null;
  misses: number;
  last: ComponentResult | null;
  addedBy: string;
  addedAt: string;
  updatedAt: string;
  /** Set when a template file brought it in: a later import of that template updates it. */
  template?: TemplateOrigin;
}

/** What the template said about a component when it was last imported. */
export interface TemplateOrigin {
  file: string;
  /** The stated values as a person reads them (template-diff's fields), compared on re-import. */
  fields: Record<string, string>;
  /** Which facts came from the template; the rest were answered in the review and survive a re-import. */
  stated: string[];
  /** The function's timeout: an assumed duration never passes it. */
  timeoutS?: number;
}

export interface Review {
  /** Short id people type: `/serverless-fit review <id>`, `review export <id>`. */
  id: string;
  /** The thread it lives in; `user` is who opened it. */
  key: ConversationKey;
  name: string;
  status: ReviewStatus;
  /** In adding order; ids never reused. */
  components: ReviewComponent[];
  /** Counter behind component ids. */
  nextComponent: number;
  /** Platform message id of the living summary card (Slack ts, Discord message id). */
  anchor: string | null;
  createdAt: string;
  updatedAt: string;
}

export const CHANGE_KINDS = ['open', 'add', 'answer', 'change', 'remove', 'what-if', 'close', 'reopen'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One entry of the trail: who changed what, when. */
export interface ReviewChange {
  reviewId: string;
  /** 1, 2, 3 ... within the review, assigned by the store. */
  seq: number;
  at: string;
  actor: string;
  kind: ChangeKind;
  /** The component's name at the time, or null for the whole review. */
  component: string | null;
  /** What was said or done, as a person reads it. */
  text: string;
}

export type NewReviewChange = Omit<ReviewChange, 'seq'>;

export interface ReviewListItem {
  id: string;
  name: string;
  status: ReviewStatus;
  platform: ThreadKey['platform'];
  channel: string;
  thread: string;
  openedBy: string;
  components: number;
  updatedAt: string;
}

/** Rows of the summary card, one per component. */
export interface ReviewCardComponent {
  id: string;
  name: string;
  verdict: Verdict | null;
  /** "AWS Lambda", or "interviewing: traffic?" while questions are open. */
  platform: string;
  /** "$12.40", "n/a" or "" (not assessed yet). */
  monthly: string;
  /** The three figures behind the totals, so a reader can add them up. */
  figures: { recommended: number | null; serverless: number | null; containers: number | null };
}

export interface ReviewCardLayer {
  layer: Layer;
  title: string;
  components: ReviewCardComponent[];
}

export interface ReviewTotals {
  /** Sums over assessed components. A component that cannot run on that kind is left out and named. */
  recommendedUsd: number;
  serverlessUsd: number;
  containersUsd: number;
  /** Components with no functions platform (e.g. longer than every timeout). */
  serverlessExcludes: string[];
  containersExcludes: string[];
  assessed: number;
}

/** The platform-neutral living summary card; renderers in src/render shorten, never invent. */
export interface ReviewCard {
  reviewId: string;
  title: string;
  status: ReviewStatus;
  /** "5 components, 4 assessed; recommended plan $412.10/month". */
  headline: string;
  layers: ReviewCardLayer[];
  /** Components still being interviewed, with the question each waits on. */
  interviewing: ReviewCardComponent[];
  totals: ReviewTotals;
  /** Totals as lines: "Recommended hybrid plan: $412.10/month" ... */
  totalLines: string[];
  risks: string[];
  /** "Updated 2026-11-26 10:04 UTC by U123 · 7 changes". */
  footer: string;
  actions: { id: string; label: string; value?: string; style?: 'primary' | 'danger' }[];
}
