import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-harness.js';

// A design review in the terminal as a user runs it (a spawned process, stdin
// piped, SQLite on a temp file), then listed and exported by the one-shot commands.

const dir = mkdtempSync(join(tmpdir(), 'serverless-fit-cli-review-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DB = join(dir, 'review.db');

function run(args: string[], input = '') {
  return runCli(DB, args, input);
}

const SESSION = [
  'review checkout platform',
  '- image pipeline: resize uploads, 2 s, 3k/day',
  '- checkout api: REST API, 200 rps 24/7, 80 ms',
  '- stripe webhook: 5k/day, 300 ms',
  '- nightly report: every night, 45 minutes',
  '- orders db: postgres',
  'none',
  'none',
  'none',
  'none',
  'image pipeline takes 20 min now',
  'what if all traffic triples',
  'summary',
  'close',
  'quit',
];

describe('a design review in the terminal', () => {
  let id = '';

  it('runs the whole review from piped lines and saves it', () => {
    const { code, out, err } = run([], `${SESSION.join('\n')}\n`);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('Design review: checkout platform');
    expect(out).toMatch(/image pipeline: Anything special\?/);
    expect(out).toMatch(/Changed image pipeline: avoid/);
    expect(out).toMatch(/What if traffic x3 \(the whole system\)/);
    expect(out).toContain('Final design review: checkout platform');

    const db = new Database(DB, { readonly: true });
    try {
      const reviews = db.prepare('select id, status, components from reviews').all() as { id: string; status: string; components: string }[];
      expect(reviews).toHaveLength(1);
      expect(reviews[0]?.status).toBe('closed');
      expect((JSON.parse(reviews[0]?.components ?? '[]') as unknown[]).length).toBe(5);
      id = reviews[0]?.id ?? '';
      const kinds = db.prepare('select kind from review_changes where review_id = ? order by seq').all(id) as { kind: string }[];
      expect(kinds.map((k) => k.kind)).toEqual(['open', 'add', 'add', 'add', 'add', 'add', 'answer', 'answer', 'answer', 'answer', 'change', 'what-if', 'close']);
    } finally {
      db.close();
    }
  });

  it('lists the review and exports it as Markdown whose totals add up', () => {
    const list = run(['review', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(new RegExp(`^${id}  closed  cli +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  checkout platform \\(5 components\\)`, 'm'));

    const file = join(dir, 'review.md');
    const exported = run(['review', 'export', id, '--out', file]);
    expect(exported.code).toBe(0);
    const md = readFileSync(file, 'utf8');
    expect(md).toMatch(/^# Final design review: checkout platform/);
    expect(md).toContain('## History');
    const money = (text: string) => Number(text.replace(/[$,]/g, ''));
    const rows = [...md.matchAll(/^- .*?, (\$[\d,.]+)\/month \(serverless (\$[\d,.]+|n\/a), containers (\$[\d,.]+)\)$/gm)];
    expect(rows).toHaveLength(4);
    const total = money(/Recommended hybrid plan: (\$[\d,.]+)\/month/.exec(md)?.[1] ?? 'x');
    const containers = money(/All containers: (\$[\d,.]+)\/month/.exec(md)?.[1] ?? 'x');
    // Each figure on the page is rounded to the cent, so the sum may be off by a cent per row.
    expect(Math.abs(rows.reduce((n, r) => n + money(r[1] ?? ''), 0) - total)).toBeLessThanOrEqual(0.01 * rows.length);
    expect(Math.abs(rows.reduce((n, r) => n + money(r[3] ?? ''), 0) - containers)).toBeLessThanOrEqual(0.01 * rows.length);
  });

  it('says so on stderr, with exit code 1, for an unknown id', () => {
    const { code, out, err } = run(['review', 'export', 'nope1234']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^There is no review "nope1234"/);
  });
});
