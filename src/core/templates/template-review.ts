import type { ConversationKey } from '../conversation.js';
import { nextQuestion } from '../interview/next-question.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { assessComponent } from '../review/assess-component.js';
import { MAX_COMPONENTS } from '../review/review-advisor.js';
import { interviewStart, origin } from '../review/review-import.js';
import type { NewReviewChange, Review, ReviewComponent } from '../review/review-types.js';
import { importSummary, withAssumedDefaults } from './template-facts.js';
import { FORMAT_NAMES, type TemplateComponent, type TemplateFormat } from './template-types.js';

// A template's components become a design review: each one a component whose
// interview starts from what the template stated, so only the gaps are asked.
// Built whole before anything is saved: an import is all or nothing.

export interface TemplateReviewInput {
  format: TemplateFormat;
  components: TemplateComponent[];
  file: string;
  name: string;
  id: string;
  key: ConversationKey;
  actor: string;
  assumeDefaults: boolean;
  catalog: PricingCatalog;
  now: Date;
}

export type TemplateReviewResult = { ok: true; review: Review; changes: NewReviewChange[]; summary: string } | { ok: false; message: string };

export function reviewFromTemplate(input: TemplateReviewInput): TemplateReviewResult {
  if (input.components.length > MAX_COMPONENTS) {
    return { ok: false, message: `${input.file} has ${input.components.length} functions and services; a review holds up to ${MAX_COMPONENTS}. Use "assess --template" for the whole file, or split it by stack.` };
  }
  const at = input.now.toISOString();
  const review: Review = { id: input.id, key: input.key, name: input.name, status: 'open', components: [], nextComponent: 0, anchor: null, createdAt: at, updatedAt: at };
  const change = (kind: NewReviewChange['kind'], component: string | null, text: string): NewReviewChange => ({ reviewId: review.id, at, actor: input.actor, kind, component, text });
  const changes = [change('open', null, `imported ${input.file} (${FORMAT_NAMES[input.format]}) as the review "${input.name}"`)];
  for (const t of input.components) {
    review.nextComponent += 1;
    const facts = input.assumeDefaults ? withAssumedDefaults(t) : interviewStart(t.facts, t.limits.timeoutS);
    const component: ReviewComponent = { id: `c${review.nextComponent}`, name: t.id, kind: 'workload', facts, pending: nextQuestion(facts), misses: 0, last: null, addedBy: input.actor, addedAt: at, updatedAt: at, template: origin(t, input.file) };
    review.components.push(component.pending ? component : { ...component, last: assessComponent(component, input.catalog, input.now) });
    changes.push(change('add', t.id, `from ${input.file}: ${t.triggers.map((x) => x.source).join(', ') || t.kind}`));
  }
  return { ok: true, review, changes, summary: `${input.file}: ${importSummary(input.components)}.` };
}
