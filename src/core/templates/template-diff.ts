import { LAMBDA_LIMITS } from '../rules/lambda-limits.js';
import type { TemplateComponent } from './template-types.js';

// What a changed template changes, like a cost diff on a pull request: the
// components it adds and removes, and for each one kept, the stated values
// that moved (memory 1024 -> 2048 MB, timeout now over 15 min). Compared on
// the values a person reads, so what was saved with a review can be compared
// with a template read today.

/** The values a template states about one component, by label, as a person reads them. */
export type TemplateFields = Record<string, string>;

export interface ComponentChange {
  id: string;
  /** "memory 1024 MB -> 2048 MB", "timeout 60 s -> 1200 s (now over 15 min)", "runtime python3.12 (new)". */
  lines: string[];
}

export interface TemplateDiff {
  added: string[];
  removed: string[];
  changed: ComponentChange[];
  /** Kept and stated the same. */
  unchanged: string[];
}

/** The order labels are compared and printed in. */
const LABELS = ['kind', 'trigger', 'schedule', 'memory', 'timeout', 'runtime', 'architecture', 'package', 'reserved concurrency', 'provisioned concurrency', 'vpc', 'cpu', 'tasks', 'region'] as const;

export function templateFields(component: TemplateComponent): TemplateFields {
  const { facts, limits } = component;
  const fields: Record<(typeof LABELS)[number], string | undefined> = {
    kind: component.kind === 'service' ? 'container service' : 'function',
    trigger: component.triggers.map((t) => t.source).join(', ') || undefined,
    schedule: facts.trigger === 'schedule' && facts.traffic ? facts.traffic.echo : undefined,
    memory: facts.memoryMb === undefined ? undefined : `${facts.memoryMb} MB`,
    timeout: limits.timeoutS === undefined ? undefined : `${limits.timeoutS} s`,
    runtime: limits.runtime,
    architecture: facts.architecture,
    package: limits.packageType === 'image' ? `image${limits.image ? ` ${limits.image}` : ''}` : limits.packageType,
    'reserved concurrency': limits.reservedConcurrency === undefined ? undefined : String(limits.reservedConcurrency),
    'provisioned concurrency': limits.provisionedConcurrency === undefined ? undefined : String(limits.provisionedConcurrency),
    vpc: limits.vpc === undefined ? undefined : limits.vpc ? 'yes' : 'no',
    cpu: limits.cpuUnits === undefined ? undefined : `${limits.cpuUnits / 1024} vCPU`,
    tasks: limits.desiredCount === undefined ? undefined : String(limits.desiredCount),
    region: facts.region,
  };
  const out: TemplateFields = {};
  for (const label of LABELS) {
    const value = fields[label];
    if (value !== undefined) out[label] = value;
  }
  return out;
}

/** Components matched by the template's own id; `before` as saved with the review. */
export function diffTemplates(before: ReadonlyMap<string, TemplateFields>, after: readonly { id: string; fields: TemplateFields }[]): TemplateDiff {
  const seen = new Set(after.map((c) => c.id));
  const diff: TemplateDiff = { added: [], removed: [...before.keys()].filter((id) => !seen.has(id)), changed: [], unchanged: [] };
  for (const component of after) {
    const old = before.get(component.id);
    if (!old) {
      diff.added.push(component.id);
      continue;
    }
    const lines = fieldChanges(old, component.fields);
    if (lines.length) diff.changed.push({ id: component.id, lines });
    else diff.unchanged.push(component.id);
  }
  return diff;
}

function fieldChanges(before: TemplateFields, after: TemplateFields): string[] {
  const lines: string[] = [];
  const labels = [...LABELS, ...Object.keys({ ...before, ...after }).filter((l) => !(LABELS as readonly string[]).includes(l))];
  for (const label of labels) {
    const was = before[label];
    const now = after[label];
    if (was === now) continue;
    const note = label === 'timeout' ? timeoutNote(was, now) : '';
    if (was === undefined) lines.push(`${label} ${now} (new)${note}`);
    else if (now === undefined) lines.push(`${label} ${was} (no longer stated)`);
    else lines.push(`${label} ${was} -> ${now}${note}`);
  }
  return lines;
}

/** Crossing Lambda's 15 minutes changes what can run the component, so it is said. */
const LAMBDA_MAX_S = LAMBDA_LIMITS.timeoutMs / 1000;

function timeoutNote(was: string | undefined, now: string | undefined): string {
  const seconds = (v: string | undefined) => (v === undefined ? null : Number.parseFloat(v));
  const before = seconds(was);
  const after = seconds(now);
  if (after !== null && after > LAMBDA_MAX_S && (before === null || before <= LAMBDA_MAX_S)) return ' (now over 15 min)';
  if (before !== null && before > LAMBDA_MAX_S && after !== null && after <= LAMBDA_MAX_S) return ' (now within 15 min)';
  return '';
}

/** "2 added (mailer, search), 1 removed (nightly), 1 changed" lines for a reply and the trail. */
export function diffLines(diff: TemplateDiff): string[] {
  const lines: string[] = [];
  for (const id of diff.added) lines.push(`Added ${id}.`);
  for (const id of diff.removed) lines.push(`Removed ${id}.`);
  for (const change of diff.changed) lines.push(`Changed ${change.id}: ${change.lines.join('; ')}.`);
  if (lines.length === 0) lines.push('Nothing the template states has changed.');
  return lines;
}
