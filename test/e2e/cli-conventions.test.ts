import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './cli-harness.js';

// The one-shot CLI as scripts and people use it: a spawned process, its
// stdout, stderr and exit code. Exit codes: 0 done, 1 failed, 2 usage or
// configuration, 3 needs input.

const dir = mkdtempSync(join(tmpdir(), 'serverless-fit-cli-conventions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const DB = join(dir, 'conventions.db');
const run = (...args: string[]) => runCli(DB, args);
const COMPLETE = 'resize images on upload, 2 s each, 3000 a day, no state, p99 2 s, 40 MB package, 1 GB';

describe('conventions', () => {
  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(run('--version')).toEqual({ code: 0, out: `serverless-fit ${version}\n`, err: '' });
  });

  it.each([
    [['--help'], /^Usage: serverless-fit \[command\] \[options\]$/m],
    [['assess', '--help'], /^Usage: serverless-fit assess \[options\] <description>$/m],
    [['help', 'pricing'], /^Usage: serverless-fit pricing \[options\] \| refresh \[options\]$/m],
  ])('%j prints help on stdout with exit code 0', (args, usage) => {
    const { code, out, err } = run(...args);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(usage);
  });

  it.each([
    [['asess', 'a webhook'], 'Unknown command "asess". Did you mean "assess"?\nRun "serverless-fit --help" for usage.\n'],
    [['pricing', '--jsn'], 'Unknown option --jsn for pricing. Did you mean "--json"?\nRun "serverless-fit pricing --help" for usage.\n'],
  ])('%j: a suggestion on stderr, nothing on stdout, exit code 2', (args, message) => {
    expect(run(...args)).toEqual({ code: 2, out: '', err: message });
  });
});

describe('assess, as a command', () => {
  it('needs_input: exit code 3, every open question, and no chat prompts', () => {
    const { code, out, err } = run('assess', 'a webhook for our CRM');
    expect({ code, err }).toEqual({ code: 3, err: '' });
    expect(out).toMatch(/^Needs input: 3 questions are still open\./);
    expect(out).toMatch(/^1\. How much traffic/m);
    expect(out).toMatch(/^3\. Anything special\?/m);
    expect(out).toMatch(/then "resume [0-9a-f]{8}"\.\n$/);
    expect(out).not.toMatch(/Next:|"quit"|choices:/);
  });

  it('refused input: one line on stderr, exit code 2', () => {
    const { code, out, err } = run('assess', `resize images ${'and more '.repeat(600)}`.trim());
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toMatch(/^That message is too long \(5,413 characters, max 4,000\)\. .*\n$/);
  });

  it('complete: the card ends with its prices line, not a chat prompt', () => {
    const { code, out } = run('assess', COMPLETE);
    expect(code).toBe(0);
    expect(out).toMatch(/\[FIT\] Fit: run it on AWS Lambda/);
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^Prices as of \d{4}-\d\d-\d\d/);
    expect(out).not.toMatch(/Next:|quit|Type a number/);
    // No button to press here: the card points at the flags that print the arithmetic.
    expect(out).toContain('The arithmetic behind each cost and every assumption: run it again with --markdown or --json.');
    expect(out).not.toContain('Show the math');
  });

  it.each([
    ['a folder that does not exist', join(dir, 'missing', 'chart.png'), 'its folder does not exist'],
    ['a folder', dir, 'it is a folder'],
  ])('--chart to %s: the result is printed, then one line about the chart, exit code 1', (_name, path, reason) => {
    const { code, out, err } = run('assess', '--chart', path, COMPLETE);
    expect(code).toBe(1);
    expect(out).toMatch(/\[FIT\] Fit: run it on AWS Lambda[\s\S]*Monthly cost[\s\S]*Prices as of/);
    expect(err).toBe(`Chart not written to ${path}: ${reason}. The assessment above is complete.\n`);
  });

  it('--json keeps stdout pure JSON when the chart cannot be written', () => {
    const path = join(dir, 'missing', 'chart.png');
    const { code, out, err } = run('assess', '--json', '--chart', path, COMPLETE);
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ status: 'complete', verdict: 'fit', conversationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('--markdown: a section per part of the card, the recommended row in bold, the math folded away', () => {
    const { code, out } = run('assess', '--markdown', `${COMPLETE} | <script>`);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('# Serverless fit: resize images on upload, 2 s each, 3000 a day, no state, p99 2 s, 40 MB package, 1 GB \\| \\<script\\>');
    expect(out).toMatch(/^\*\*Fit: run it on AWS Lambda\*\*$/m);
    expect(out).toMatch(/^\| Option \| Monthly \| Range \| Notes \|$/m);
    expect(out).toMatch(/^\| \*\*AWS Lambda \(x86\)\*\* \| \*\*\$[\d.,]+\*\* \| .*recommended/m);
    expect(out).toMatch(/<details>\n<summary>The arithmetic behind each cost<\/summary>[\s\S]*Lambda requests: 91,250 requests x \$0\.20 per 1M = \$0\.02[\s\S]*<\/details>/);
    for (const heading of ['## Why', '## Monthly cost', '## What I used', '## What would change the answer', '## Assumptions']) expect(out).toContain(`\n${heading}\n`);
  });

  it('--csv: the cost table, one row per platform, dollars as numbers', () => {
    const { code, out } = run('assess', '--csv', COMPLETE);
    expect(code).toBe(0);
    const [header, ...rows] = out.trimEnd().split('\r\n');
    expect(header).toBe('platform,label,kind,available,monthly_usd,low_usd,high_usd,free_tier_usd,recommended,cheapest,note');
    expect(rows.map((r) => r.split(',')[0]).sort()).toEqual(['aws-ec2', 'aws-fargate', 'aws-lambda', 'azure-functions', 'cloudflare-workers', 'gcp-cloud-run-functions']);
    expect(rows.filter((r) => r.split(',')[8] === 'true').map((r) => r.split(',')[0])).toEqual(['aws-lambda']);
    expect(rows.find((r) => r.startsWith('aws-lambda,'))?.split(',')[4]).toMatch(/^\d+(\.\d{1,2})?$/);
  });
});

describe('saved assessments: history and export', () => {
  let id = '';
  let monthly = 0;
  beforeAll(() => {
    const json = JSON.parse(run('assess', '--json', COMPLETE).out) as { conversationId: string; costs: { platform: string; monthlyUsd: number }[] };
    id = json.conversationId;
    monthly = json.costs.find((c) => c.platform === 'aws-lambda')?.monthlyUsd ?? NaN;
  });

  it('history lists it by its short id; --json and --csv carry the whole id', () => {
    const text = run('history');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(new RegExp(`^${id.slice(0, 8)}  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  fit: AWS Lambda +resize images on upload`, 'm'));
    expect((JSON.parse(run('history', '--json').out) as { id: string }[]).map((c) => c.id)).toContain(id);
    const csv = run('history', '--csv').out.split('\r\n');
    expect(csv[0]).toBe('id,updated_at,status,verdict,recommended,description,channel,user');
    expect(csv.some((line) => line.startsWith(`${id},`))).toBe(true);
  });

  it('export <short id> writes the saved result as Markdown, with the figures it showed', () => {
    const file = join(dir, 'fit.md');
    const { code, out } = run('export', id.slice(0, 8), '--out', file);
    expect(code).toBe(0);
    expect(out).toBe(`Wrote the assessment of "${COMPLETE}" to ${file}\n`);
    const md = readFileSync(file, 'utf8');
    expect(md).toMatch(/^# Serverless fit: resize images on upload/);
    expect(md).toContain(`| **AWS Lambda (x86)** | **$${monthly.toFixed(2)}** |`);
    expect(md).toContain(`Conversation ${id}`);
  });

  it.each([
    [['export', 'ffffffff'], /^There is no conversation or review "ffffffff"\. serverless-fit history lists conversations/],
    [['export', 'NEEDS_INPUT'], /^Conversation [0-9a-f]{8} has no result yet\. It is waiting for an answer about traffic\./],
  ])('%j fails with one line on stderr and exit code 1', (args, message) => {
    const resolved = args.map((a) => (a === 'NEEDS_INPUT' ? (JSON.parse(run('assess', '--json', 'a webhook for our CRM').out) as { conversationId: string }).conversationId : a));
    const { code, out, err } = run(...resolved);
    expect({ code, out }).toEqual({ code: 1, out: '' });
    expect(err).toMatch(message);
  });
});

describe('pricing', () => {
  it('fits an 80-column terminal when piped', () => {
    const { code, out } = run('pricing');
    expect(code).toBe(0);
    // A source URL longer than the terminal is printed whole on a line of its own, so it stays clickable.
    for (const line of out.split('\n')) if (!/^\s*(\[\d+\]\s+)?https:\/\/\S+$/.test(line)) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(out).toMatch(/^ {2}requests +\$0\.20 per 1M requests \[\d+\]$/m);
  });

  it('--json and --csv carry the same figures with their sources', () => {
    const json = JSON.parse(run('pricing', '--json').out) as { version: string; figures: { id: string; usd: number | null; source: string }[] };
    expect(json.figures.length).toBeGreaterThan(60);
    expect(json.figures.find((f) => f.id === 'aws.lambda.requests')).toMatchObject({ usd: 0.2, source: 'https://aws.amazon.com/lambda/pricing/' });
    const csv = run('pricing', '--csv').out.trimEnd().split('\r\n');
    expect(csv[0]).toBe('id,description,unit,kind,value,usd,source,as_of,caveat');
    expect(csv.slice(1).map((l) => l.split(',')[0])).toEqual(json.figures.map((f) => f.id));
  });
});

describe('shell completion', () => {
  const scripts = { bash: join(dir, 'completion.bash'), zsh: join(dir, 'completion.zsh') };
  const files = join(dir, 'files');
  beforeAll(() => {
    for (const shell of ['bash', 'zsh'] as const) {
      const { code, out } = run('completion', shell);
      expect(code).toBe(0);
      writeFileSync(scripts[shell], out);
    }
    mkdirSync(files, { recursive: true });
    writeFileSync(join(files, 'cost.png'), '');
  });

  it('bash: the script is valid bash', () => {
    expect(spawnSync('bash', ['-n', scripts.bash], { encoding: 'utf8' })).toMatchObject({ status: 0, stderr: '' });
  });

  it.each([
    [['serverless-fit', ''], ['assess', 'history', 'export', 'review', 'digest', 'settings', 'pricing', 'reprice', 'chat', 'help', 'completion', 'serve', 'doctor', 'backup', 'migrate-store', '--help', '--version']],
    [['serverless-fit', 'as'], ['assess']],
    [['serverless-fit', 'review', ''], ['list', 'export', 'import']],
    [['serverless-fit', 'completion', ''], ['bash', 'zsh']],
    [['serverless-fit', 'help', 'pri'], ['pricing']],
    [['serverless-fit', 'assess', '--j'], ['--json']],
    [['serverless-fit', 'assess', '--chart', 'co'], ['cost.png']],
    [['serverless-fit', 'history', '--limit', ''], []],
  ])('bash completes %j', (words, expected) => {
    const script = 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _serverless_fit; printf "%s\\n" "${COMPREPLY[@]}"';
    const result = spawnSync('bash', ['--norc', '--noprofile', '-c', script, 'bash', scripts.bash, ...words], { cwd: files, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').filter(Boolean)).toEqual(expected);
  });

  const zsh = spawnSync('zsh', ['--version']).status === 0;

  it.skipIf(!zsh)('zsh: the script is valid zsh (skipped where zsh is not installed)', () => {
    expect(spawnSync('zsh', ['-n', scripts.zsh], { encoding: 'utf8' })).toMatchObject({ status: 0, stderr: '' });
  });

  it.skipIf(!zsh).each([
    [['serverless-fit', 'as'], ['assess', 'history', 'export', 'review', 'digest', 'settings', 'pricing', 'reprice', 'chat', 'help', 'completion', 'serve', 'doctor', 'backup', 'migrate-store']],
    [['serverless-fit', 'review', ''], ['list', 'export', 'import']],
    [['serverless-fit', 'assess', '--'], ['--json', '--markdown', '--csv', '--assume-defaults', '--chart', '--template', '--fail-on', '--from', '--region', '--days', '--help']],
    [['serverless-fit', 'export', '--out', ''], ['<files>']],
  ])('zsh offers %j (zsh filters by what is typed)', (words, expected) => {
    // _describe and _files come with zsh's completion system; stand-ins print what they are given.
    const stubs = '_describe() { local -a list; list=("${(@P)${@[-1]}}"); print -rl -- ${list%%:*} }; _files() { print -r -- "<files>" }; compdef() { : }';
    const script = `${stubs}; source "$1"; shift; words=("$@"); CURRENT=$#; PREFIX=$words[CURRENT]; _serverless_fit`;
    const result = spawnSync('zsh', ['-f', '-c', script, 'zsh', scripts.zsh, ...words], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').filter(Boolean)).toEqual(expected);
  });
});
