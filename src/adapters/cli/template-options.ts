import type { Verdict } from '../../core/assessment.js';
import type { ReadArgs } from './command-table.js';

// The words of `review import <file>` and `assess --template <file>`, read
// apart from the command itself: reading arguments happens on every start,
// and the template readers (a YAML parser among them) load only to run it.

export interface TemplateCliOptions {
  file: string;
  name: string | null;
  assumeDefaults: boolean;
  json: boolean;
  /** Exit 1 when any component's verdict is this or worse (assess only). */
  failOn: Verdict | null;
  /** review import only: the review a changed template goes into. */
  into?: string;
}

/** The flags and words of `review import` (after the word) or `assess --template`, as the command table's reader read them; an error sentence when they do not make a command. */
export function templateOptions(args: ReadArgs, command: 'review import' | 'assess'): { ok: true; options: TemplateCliOptions } | { ok: false; error: string } {
  const { values, positionals } = args;
  const template = typeof values.template === 'string' ? [values.template] : [];
  const files = [...template, ...positionals];
  const name = typeof values.name === 'string' ? values.name : null;
  const failOn = typeof values['fail-on'] === 'string' ? values['fail-on'] : null;
  if (failOn !== null && failOn !== 'avoid' && failOn !== 'marginal') return { ok: false, error: '--fail-on takes avoid or marginal, e.g. --fail-on avoid' };
  if (name !== null && !name.trim()) return { ok: false, error: '--name needs a name, e.g. --name "checkout platform"' };
  if (files.length !== 1 || !files[0]) return { ok: false, error: command === 'assess' ? 'assess --template needs one template file, e.g. assess --template serverless.yml --json' : 'review import needs one template file, e.g. review import serverless.yml' };
  const into = typeof values.into === 'string' ? values.into.trim() : null;
  if (into !== null && !into) return { ok: false, error: '--into needs the review id, e.g. --into 3f9c2a1b ("review list" shows them)' };
  return { ok: true, options: { file: files[0], name, assumeDefaults: values['assume-defaults'] === true, json: values.json === true, failOn, ...(into ? { into } : {}) } };
}
