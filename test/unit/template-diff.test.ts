import { describe, expect, it } from 'vitest';
import { diffLines, diffTemplates, templateFields, type TemplateFields } from '../../src/core/templates/template-diff.js';
import type { TemplateComponent } from '../../src/core/templates/template-types.js';

// What a changed template changes, component by component: the rows a pull
// request's cost diff would show.

function fn(id: string, over: { facts?: TemplateComponent['facts']; limits?: TemplateComponent['limits']; triggers?: TemplateComponent['triggers'] } = {}): TemplateComponent {
  return { id, kind: 'function', facts: { description: `${id}: x`, trigger: 'http', memoryMb: 1024, ...over.facts }, limits: { timeoutS: 30, runtime: 'nodejs20.x', ...over.limits }, triggers: over.triggers ?? [{ kind: 'http', source: 'HTTP GET /orders' }], unknown: [] };
}

const before = (...components: TemplateComponent[]) => new Map<string, TemplateFields>(components.map((c) => [c.id, templateFields(c)]));
const after = (...components: TemplateComponent[]) => components.map((c) => ({ id: c.id, fields: templateFields(c) }));

describe('diffTemplates', () => {
  it.each<[string, TemplateComponent[], TemplateComponent[], string[]]>([
    ['nothing changed', [fn('api')], [fn('api')], ['Nothing the template states has changed.']],
    ['a function added', [fn('api')], [fn('api'), fn('mailer')], ['Added mailer.']],
    ['a function removed', [fn('api'), fn('worker')], [fn('api')], ['Removed worker.']],
    ['memory raised', [fn('api')], [fn('api', { facts: { memoryMb: 2048 } })], ['Changed api: memory 1024 MB -> 2048 MB.']],
    ['timeout past 15 minutes', [fn('job')], [fn('job', { limits: { timeoutS: 1200 } })], ['Changed job: timeout 30 s -> 1200 s (now over 15 min).']],
    ['timeout back within 15 minutes', [fn('job', { limits: { timeoutS: 3600 } })], [fn('job', { limits: { timeoutS: 600 } })], ['Changed job: timeout 3600 s -> 600 s (now within 15 min).']],
    ['runtime upgraded', [fn('api')], [fn('api', { limits: { runtime: 'nodejs22.x' } })], ['Changed api: runtime nodejs20.x -> nodejs22.x.']],
    ['trigger moved from HTTP to a queue', [fn('api')], [fn('api', { facts: { trigger: 'queue' }, triggers: [{ kind: 'queue', source: 'SQS orders' }] })], ['Changed api: trigger HTTP GET /orders -> SQS orders.']],
    [
      'schedule changed',
      [fn('nightly', { facts: { trigger: 'schedule', traffic: { echo: 'rate(1 day)' } as TemplateComponent['facts']['traffic'] } })],
      [fn('nightly', { facts: { trigger: 'schedule', traffic: { echo: 'rate(1 hour)' } as TemplateComponent['facts']['traffic'] } })],
      ['Changed nightly: schedule rate(1 day) -> rate(1 hour).'],
    ],
    ['provisioned concurrency added', [fn('api')], [fn('api', { limits: { provisionedConcurrency: 5 } })], ['Changed api: provisioned concurrency 5 (new).']],
    ['memory no longer stated', [fn('api')], [fn('api', { facts: { memoryMb: undefined } })], ['Changed api: memory 1024 MB (no longer stated).']],
    ['several at once', [fn('api'), fn('old')], [fn('api', { facts: { memoryMb: 512, architecture: 'arm' } }), fn('new')], ['Added new.', 'Removed old.', 'Changed api: memory 1024 MB -> 512 MB; architecture arm (new).']],
  ])('%s', (_name, was, now, lines) => {
    expect(diffLines(diffTemplates(before(...was), after(...now)))).toEqual(lines);
  });

  it('sorts components into added, removed, changed and unchanged', () => {
    const diff = diffTemplates(before(fn('a'), fn('b'), fn('c')), after(fn('a'), fn('b', { facts: { memoryMb: 128 } }), fn('d')));
    expect(diff).toEqual({ added: ['d'], removed: ['c'], changed: [{ id: 'b', lines: ['memory 1024 MB -> 128 MB'] }], unchanged: ['a'] });
  });
});
