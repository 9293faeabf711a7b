import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/adapters/cli/parse-args.js';
import { closestWord } from '../../src/adapters/cli/suggest.js';

// argv -> what the CLI does, as people type it.

const assess = (options: Record<string, unknown>) => ({ kind: 'run', command: { name: 'assess', options: { format: 'text', assumeDefaults: false, chartPath: null, ...options } } });

describe('commands and their flags', () => {
  it.each([
    [[], { kind: 'run', command: { name: 'default' } }],
    [['chat'], { kind: 'run', command: { name: 'chat' } }],
    [['assess', 'REST', 'API,', '200', 'rps'], assess({ text: 'REST API, 200 rps' })],
    [['assess', '--json', '--assume-defaults', 'webhook'], assess({ text: 'webhook', format: 'json', assumeDefaults: true })],
    [['assess', 'webhook', '--markdown'], assess({ text: 'webhook', format: 'markdown' })],
    [['assess', '--csv', 'webhook'], assess({ text: 'webhook', format: 'csv' })],
    [['assess', '--chart', 'out.png', 'webhook'], assess({ text: 'webhook', chartPath: 'out.png' })],
    [['assess', '--chart=out.png', 'webhook'], assess({ text: 'webhook', chartPath: 'out.png' })],
    [['assess', '--', '-100 rps job'], assess({ text: '-100 rps job' })],
    [['history'], { kind: 'run', command: { name: 'history', options: { workspace: 'local', limit: 20, format: 'text' } } }],
    [['history', '--csv', '--limit', '500', '--workspace', 'T1'], { kind: 'run', command: { name: 'history', options: { workspace: 'T1', limit: 500, format: 'csv' } } }],
    [['export', '3F9C2A1B'], { kind: 'run', command: { name: 'export', options: { workspace: 'local', id: '3f9c2a1b', out: null } } }],
    [['export', '3f9c2a1b', '-o', 'fit.md'], { kind: 'run', command: { name: 'export', options: { workspace: 'local', id: '3f9c2a1b', out: 'fit.md' } } }],
    [['review', 'list', '--json'], { kind: 'run', command: { name: 'review', command: { action: 'list', workspace: 'local', limit: 20, format: 'json' } } }],
    [['review', 'export', 'ab12cd34', '--out', 'r.md'], { kind: 'run', command: { name: 'review', command: { action: 'export', workspace: 'local', id: 'ab12cd34', out: 'r.md' } } }],
    [['pricing', '--json'], { kind: 'run', command: { name: 'pricing', options: { format: 'json' } } }],
    [['completion', 'zsh'], { kind: 'run', command: { name: 'completion', shell: 'zsh' } }],
    [['backup', 'b.db'], { kind: 'run', command: { name: 'backup', file: 'b.db' } }],
  ])('%j', (argv, expected) => {
    expect(parseCliArgs(argv)).toEqual(expected);
  });
});

describe('help and version, wherever they are asked for', () => {
  it.each([
    [['--help'], { kind: 'help', topic: null }],
    [['-h'], { kind: 'help', topic: null }],
    [['help'], { kind: 'help', topic: null }],
    [['help', 'assess'], { kind: 'help', topic: 'assess' }],
    [['assess', '--help'], { kind: 'help', topic: 'assess' }],
    [['assess', 'webhook', '-h'], { kind: 'help', topic: 'assess' }],
    [['assess', '--bogus', '--help'], { kind: 'help', topic: 'assess' }],
    [['review', 'export', '--help'], { kind: 'help', topic: 'review' }],
    [['completion', '--help'], { kind: 'help', topic: 'completion' }],
    [['backup', '--help'], { kind: 'help', topic: 'backup' }],
    [['--version'], { kind: 'version' }],
    [['-v'], { kind: 'version' }],
  ])('%j', (argv, expected) => {
    expect(parseCliArgs(argv)).toEqual(expected);
  });
});

describe('mistakes get one line that names the fix', () => {
  it.each([
    [['asess', 'x'], null, 'Unknown command "asess". Did you mean "assess"?'],
    [['hstory'], null, 'Unknown command "hstory". Did you mean "history"?'],
    [['pricng'], null, 'Unknown command "pricng". Did you mean "pricing"?'],
    [['complete', 'bash'], null, 'Unknown command "complete". Did you mean "completion"?'],
    [['resize', 'images', 'on', 'upload'], null, 'Unknown command "resize". To assess a workload: serverless-fit assess "resize images on upload"'],
    [['frobnicate'], null, 'Unknown command "frobnicate".'],
    [['help', 'asses'], null, 'There is no command "asses". Did you mean "assess"?'],
    [['--json', 'assess'], null, 'Unknown option --json. Options go after the command, e.g. serverless-fit assess --json.'],
    [['--verison'], null, 'Unknown option --verison. Did you mean "--version"?'],
    [['assess', '--jsno', 'x'], 'assess', 'Unknown option --jsno for assess. Did you mean "--json"?'],
    [['assess', '-100', 'rps'], 'assess', 'Unknown option -1 for assess. To pass text that starts with "-", put it after "--".'],
    [['assess', '--json=yes', 'x'], 'assess', '--json takes no value (got "yes").'],
    [['assess', '--chart'], 'assess', '--chart needs a value, e.g. --chart out.png.'],
    [['assess', '--chart', '--json', 'x'], 'assess', '--chart needs a value, e.g. --chart out.png.'],
    [['assess', '--json', '--csv', 'x'], 'assess', 'Choose one output format (got --json and --csv).'],
    [['assess'], 'assess', 'assess needs a description, e.g. serverless-fit assess "resize images on upload, 2 s each, 3k a day".'],
    [['history', '--limit', 'ten'], 'history', '--limit takes a whole number from 1 to 10000 (got "ten").'],
    [['history', 'all'], 'history', 'history takes no words (got: all).'],
    [['export'], 'export', 'export needs one id ("serverless-fit history" shows them).'],
    [['export', 'a', 'b'], 'export', 'export needs one id ("serverless-fit history" shows them) (got: a b).'],
    [['review'], 'review', 'review needs list, export or import: serverless-fit review list, serverless-fit review export <id>, or serverless-fit review import <template file>. In the chat, "review <system name>" opens a review.'],
    [['review', 'show', 'x'], 'review', 'review needs list, export or import (got "show"): serverless-fit review list, serverless-fit review export <id>, or serverless-fit review import <template file>. In the chat, "review <system name>" opens a review.'],
    [['review', 'export', 'x', '--csv'], 'review', 'review export writes Markdown; --json and --csv go with review list.'],
    [['review', 'list', '--out', 'x.md'], 'review', '--out goes with review export; review list prints to stdout.'],
    [['pricing', '--markdown'], 'pricing', 'Unknown option --markdown for pricing.'],
    [['completion'], 'completion', 'completion needs a shell: serverless-fit completion bash, or serverless-fit completion zsh.'],
    [['completion', 'fish'], 'completion', 'completion needs a shell: serverless-fit completion bash, or serverless-fit completion zsh (got: fish).'],
    [['serve', 'now'], 'serve', 'serve takes no arguments (got: now).'],
    [['backup'], 'backup', 'backup needs a file to write, e.g. serverless-fit backup backups/serverless-fit-2026-01-31.db'],
    [['digest', '--week', '2026-48'], 'digest', '"2026-48" is not an ISO week; use the form 2026-W48.'],
  ])('%j', (argv, topic, message) => {
    expect(parseCliArgs(argv)).toEqual({ kind: 'error', topic, message });
  });
});

describe('closestWord', () => {
  it.each([
    ['assses', ['assess', 'history'], 'assess'],
    ['histroy', ['assess', 'history'], 'history'],
    ['exp', ['export', 'assess'], 'export'],
    ['srve', ['serve', 'review'], 'serve'],
    ['run', ['serve', 'chat'], null],
    ['x', ['export'], null],
    ['HISTORY', ['history'], 'history'],
  ])('%s -> %s', (typed, candidates, expected) => {
    expect(closestWord(typed, candidates)).toBe(expected);
  });
});
