import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { nextQuestion } from '../interview/next-question.js';
import { assumeDefaults, importSummary } from '../templates/template-facts.js';
import { diffLines, diffTemplates, templateFields, type TemplateDiff } from '../templates/template-diff.js';
import { FORMAT_NAMES, type TemplateComponent, type TemplateFormat } from '../templates/template-types.js';
import { defaultFor } from '../resolve-workload.js';
import type { WorkloadFacts } from '../workload.js';
import { assessComponent } from './assess-component.js';
import { MAX_COMPONENTS } from './component-edits.js';
import { nameKey } from './parse-review-message.js';
import type { NewReviewChange, Review, ReviewComponent } from './review-types.js';

// A template file dropped into a design review: its functions and services
// become components, each interviewed only about what the template could not
// say. Dropping a changed version updates the components that template
// brought in (added, removed, changed), keeps what people answered about the
// ones that remain, and writes every change into the review's trail. Pure:
// the caller saves the review and the changes together, or nothing.

export interface TemplateImport {
  file: string;
  format: TemplateFormat;
  components: readonly TemplateComponent[];
}

export interface ImportDeps {
  catalog: PricingCatalog;
  /** The workspace's default region, for components whose template and words name none. */
  defaultRegion?: string | null;
  now: Date;
  actor: string;
  change(kind: NewReviewChange['kind'], component: string | null, text: string): NewReviewChange;
}

export type ImportOutcome =
  | { ok: true; review: Review; changes: NewReviewChange[]; notes: string[]; diff: TemplateDiff | null }
  | { ok: false; message: string };

export function importIntoReview(review: Review, imported: TemplateImport, deps: ImportDeps): ImportOutcome {
  const at = deps.now.toISOString();
  const from = imported.file;
  const owned = review.components.filter((c) => c.template);
  const before = new Map(owned.map((c) => [c.name, c.template?.fields ?? {}]));
  const diff = diffTemplates(before, imported.components.map((t) => ({ id: t.id, fields: templateFields(t) })));
  const removed = new Set(diff.removed);
  const kept = review.components.filter((c) => !(c.template && removed.has(c.name)));
  const arriving = imported.components.filter((t) => !kept.some((c) => nameKey(c.name) === nameKey(t.id)));
  if (kept.length + arriving.length > MAX_COMPONENTS) {
    return { ok: false, message: `${from} has ${imported.components.length} functions and services; with what the review already holds that is over the ${MAX_COMPONENTS} a review holds, so nothing was imported. Split the template by stack.` };
  }

  const next: Review = { ...review, components: kept.map((c) => ({ ...c })) };
  const changes: NewReviewChange[] = [];
  const changed = new Map(diff.changed.map((c) => [c.id, c.lines]));
  for (const t of imported.components) {
    const index = next.components.findIndex((c) => nameKey(c.name) === nameKey(t.id));
    const existing = index >= 0 ? next.components[index] : undefined;
    if (!existing) {
      next.nextComponent += 1;
      const component = fresh(`c${next.nextComponent}`, t, from, deps.actor, at);
      next.components.push(ready(component, deps));
      changes.push(deps.change('add', t.id, `from ${from}: ${t.triggers.map((x) => x.source).join(', ') || t.kind}`));
      continue;
    }
    const lines = changed.get(t.id);
    if (existing.template && !lines) {
      next.components[index] = { ...existing, template: origin(t, from) };
      continue;
    }
    // Answers given in the review (traffic, a typical duration, constraints) survive; what the template states is replaced.
    const answered = omit(existing.facts, existing.template?.stated ?? Object.keys(t.facts));
    const { defaulted, ...rest } = answered;
    const facts = interviewStart({ ...rest, ...t.facts }, t.limits.timeoutS, defaulted?.filter((field) => rest[field] !== undefined));
    next.components[index] = ready({ ...existing, facts, pending: nextQuestion(facts), misses: 0, last: null, updatedAt: at, template: origin(t, from) }, deps);
    changes.push(deps.change('change', t.id, lines ? `${from}: ${lines.join('; ')}` : `now read from ${from}`));
  }
  for (const name of diff.removed) changes.push(deps.change('remove', name, `no longer in ${from}`));

  const first = owned.length === 0;
  const stayed = new Set(owned.map((c) => c.name));
  const answeredKept = next.components.filter((c) => stayed.has(c.name) && c.facts.traffic && !c.template?.stated.includes('traffic')).map((c) => c.name);
  // On a re-import the template's own "N need traffic" is wrong: answers given in the review are kept.
  const summary = first ? importSummary(imported.components) : importSummary(imported.components).replace(/; [^;]*$/, '');
  const headline = `${from} (${FORMAT_NAMES[imported.format]}): ${summary}.`;
  const notes = first ? [headline] : [headline, ...diffLines(diff), ...(answeredKept.length ? [`Traffic answered before is kept for ${answeredKept.join(', ')}.`] : [])];
  changes.unshift(deps.change('change', null, first ? `imported ${from} (${FORMAT_NAMES[imported.format]})` : `re-imported ${from}: ${diffLines(diff).join(' ')}`.slice(0, 1000)));
  return { ok: true, review: next, changes, notes, diff: first ? null : diff };
}

/** "Assume defaults for the rest": every open question of every component at its stated default, in one turn. */
export function assumeRest(component: ReviewComponent, catalog: PricingCatalog, now: Date, defaultRegion: string | null = null): ReviewComponent {
  if (component.kind !== 'workload' || !component.pending) return component;
  const facts = assumeDefaults(component.facts, component.template?.timeoutS);
  const done = { ...component, facts, pending: nextQuestion(facts), misses: 0, updatedAt: now.toISOString() };
  return done.pending ? done : { ...done, last: assessComponent(done, catalog, now, defaultRegion) };
}

/**
 * Where a template component's interview starts: what the template states,
 * its constraints taken as stated (the template is the design), and where a
 * timeout is stated, a typical duration assumed within it (and printed as an
 * assumption) instead of asked. Only traffic, and duration where no timeout
 * bounds it, are left to ask.
 */
export function interviewStart(stated: WorkloadFacts, timeoutS: number | undefined, keptDefaults: WorkloadFacts['defaulted'] = undefined): WorkloadFacts {
  let facts: WorkloadFacts = { ...stated, constraintsAnswered: true };
  if (keptDefaults?.length) facts.defaulted = [...new Set([...keptDefaults, ...(stated.defaulted ?? [])])];
  if (timeoutS !== undefined && !facts.duration && !facts.connections) {
    const assumed = defaultFor('duration', facts);
    const ms = Math.min(assumed.duration?.worstMs ?? timeoutS * 1000, timeoutS * 1000);
    facts = { ...facts, duration: { typicalMs: ms, worstMs: ms }, defaulted: assumed.defaulted ?? ['duration'] };
  }
  return facts;
}

function fresh(id: string, t: TemplateComponent, file: string, actor: string, at: string): ReviewComponent {
  const facts = interviewStart(t.facts, t.limits.timeoutS);
  return { id, name: t.id, kind: 'workload', facts, pending: nextQuestion(facts), misses: 0, last: null, addedBy: actor, addedAt: at, updatedAt: at, template: origin(t, file) };
}

function ready(component: ReviewComponent, deps: ImportDeps): ReviewComponent {
  return component.pending ? component : { ...component, last: assessComponent(component, deps.catalog, deps.now, deps.defaultRegion ?? null) };
}

export function origin(t: TemplateComponent, file: string): NonNullable<ReviewComponent['template']> {
  // What interviewStart adds is the template's too: a changed timeout assumes the duration again.
  const stated = [...Object.keys(t.facts), 'constraintsAnswered', ...(t.limits.timeoutS !== undefined && !t.facts.duration ? ['duration'] : [])];
  return { file, fields: templateFields(t), stated, ...(t.limits.timeoutS === undefined ? {} : { timeoutS: t.limits.timeoutS }) };
}

function omit(facts: WorkloadFacts, keys: readonly string[]): WorkloadFacts {
  const out: Record<string, unknown> = { ...facts };
  for (const key of keys) delete out[key];
  return out as WorkloadFacts;
}
