import type { Architecture, Trigger } from '../workload.js';
import { scheduleTraffic } from './schedule-traffic.js';
import type { ColdStartClass, TemplateComponent, TemplateLimits } from './template-types.js';

// The facts every reader states the same way: a number is a number only when
// the template says it statically; anything else is named as unknown (and the
// interview asks it) instead of being guessed.

export function newComponent(id: string, kind: TemplateComponent['kind'], what: string): TemplateComponent {
  return { id, kind, facts: { description: `${id}: ${what}` }, limits: {}, triggers: [], unknown: [] };
}

/** A whole number the template states, or undefined (and a note) when it is an expression. */
export function staticNumber(component: TemplateComponent, label: string, raw: unknown): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
  if (Number.isFinite(n) && n >= 0) return n;
  component.unknown.push(`${label}: ${shortValue(raw)} is not a static number`);
  return undefined;
}

export function staticString(component: TemplateComponent, label: string, raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string' && !raw.includes('${')) return raw;
  if (typeof raw === 'number') return String(raw);
  component.unknown.push(`${label}: ${shortValue(raw)} is not static`);
  return undefined;
}

export function setMemory(component: TemplateComponent, label: string, raw: unknown): void {
  const mb = staticNumber(component, label, raw);
  if (mb !== undefined && mb > 0) component.facts.memoryMb = mb;
}

export function setLimit<K extends keyof TemplateLimits>(component: TemplateComponent, key: K, value: TemplateLimits[K] | undefined): void {
  if (value !== undefined) component.limits[key] = value;
}

export function setRuntime(component: TemplateComponent, label: string, raw: unknown): void {
  const runtime = staticString(component, label, raw);
  if (!runtime) return;
  component.limits.runtime = runtime;
  component.limits.coldStart = coldStartClass(runtime);
}

export function setArchitecture(component: TemplateComponent, label: string, raw: unknown): void {
  const value = Array.isArray(raw) ? raw[0] : raw;
  const arch = staticString(component, label, value);
  if (arch) component.facts.architecture = architectureOf(arch);
}

export function architectureOf(name: string): Architecture {
  return /arm|graviton|aarch64/i.test(name) ? 'arm' : 'x86';
}

/** Java and .NET load a VM and a big runtime library; interpreted runtimes and custom runtimes with small binaries start fast. */
export function coldStartClass(runtime: string): ColdStartClass {
  if (/^(java|dotnet)/i.test(runtime)) return 'slow';
  if (/^(provided|go|rust)/i.test(runtime)) return 'fast';
  return 'moderate';
}

/** Records a trigger; the first one named decides the component's trigger, a schedule also its traffic. */
export function addTrigger(component: TemplateComponent, kind: Trigger, source: string, schedule?: unknown): void {
  component.triggers.push({ kind, source });
  component.facts.trigger ??= kind;
  if (schedule === undefined) return;
  const expression = typeof schedule === 'string' ? schedule : undefined;
  const traffic = expression ? scheduleTraffic(expression) : null;
  if (traffic && !component.facts.traffic) component.facts.traffic = traffic;
  else if (!traffic) component.unknown.push(`schedule: ${shortValue(schedule)} could not be read as rate() or cron()`);
}

export function shortValue(raw: unknown): string {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw) ?? String(raw);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Lambda's defaults when a template states none: AWS applies them, so they are read, not assumed. */
export const LAMBDA_DEFAULTS = { memoryMb: 128, timeoutS: 3 } as const;
