import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startChat } from './cli-harness.js';

// The terminal chat as people use it: the real entry point spawned, lines on
// stdin, what it prints and what it saved.

const dir = mkdtempSync(join(tmpdir(), 'serverless-fit-cli-chat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function chat(db: string, lines: readonly string[]) {
  return runCli(db, ['chat'], `${lines.join('\n')}\n`);
}

function query<T>(db: string, sql: string, ...params: unknown[]): T[] {
  const handle = new Database(db, { readonly: true });
  try {
    return handle.prepare(sql).all(...params) as T[];
  } finally {
    handle.close();
  }
}

const userTurns = (db: string) => query<{ text: string }>(db, "select text from turns where role = 'user' order by conversation_id, seq").map((t) => t.text);

describe('chat commands are never read as a workload or an answer', () => {
  it.each([
    ['before the first workload', ['help', 'history', 'resume', 'resume ffff0000', 'nightly cleanup job, 3 minutes', 'none', 'quit']],
    ['during the interview', ['nightly cleanup job, 3 minutes', 'help', 'history', 'resume ffff0000', 'none', 'quit']],
    ['after the result', ['nightly cleanup job, 3 minutes', 'none', 'help', 'history', 'new', 'quit']],
  ])('%s', (name, lines) => {
    const db = join(dir, `commands-${name.replace(/\W+/g, '-')}.db`);
    const { code, out, err } = chat(db, lines);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain('  resume <id>          continue a saved conversation, or reopen a design review');
    expect(out).toMatch(/\[FIT\] Fit: run it on AWS Lambda/);
    if (lines.includes('resume ffff0000')) expect(out).toContain('There is no saved conversation or review "ffff0000" here.');
    expect(userTurns(db)).toEqual(['nightly cleanup job, 3 minutes', 'none']);
    expect(query(db, 'select id from conversations')).toHaveLength(1);
  });
});

describe('numbered choices', () => {
  it('pick a next step after a result: "1" is Traffic x10', () => {
    const db = join(dir, 'next-steps.db');
    const { out } = chat(db, ['nightly cleanup job, 3 minutes', 'none', '1', 'quit']);
    expect(out).toContain('Next: [1] Traffic x10 | [2] Traffic ÷10 | [3] Twice as long | [4] Show the math | [5] Start over');
    expect(out).toMatch(/What changed\n {2}\* Verdict unchanged: fit\n {2}\* Traffic: 1 req\/day -> 10 req\/day average/);
    expect(query<{ reassessment: number }>(db, 'select reassessment from assessments order by at').map((a) => a.reassessment)).toEqual([0, 1]);
  });

  it('answer a reopened review: its open question is shown again, numbered, and "1" picks its first choice', () => {
    const db = join(dir, 'reopened-review.db');
    chat(db, ['review shop', 'add image pipeline: resize uploads, 2 s, 3k/day', 'add checkout api: REST API, 50 rps 24/7, 80 ms', 'quit']);
    const [review] = query<{ id: string }>(db, 'select id from reviews');
    const { out } = chat(db, [`review ${review?.id}`, '1', 'quit']);
    const reopened = out.slice(out.indexOf('Design review: shop'));
    expect(reopened).toMatch(/^image pipeline: Anything special\?.*\(then 1 more component to ask about\)\n {2}so far: .*\n {2}choices: \[1\] None of these \|/m);
    expect(out).toMatch(/Assessed image pipeline: fit, AWS Lambda/);
    expect(out).not.toMatch(/1 what\?|could not read/i);
    const changes = query<{ kind: string; component: string; text: string }>(db, 'select kind, component, text from review_changes where review_id = ? order by seq', review?.id);
    expect(changes.at(-1)).toEqual({ kind: 'answer', component: 'image pipeline', text: 'none' });
  });

  it('the "so far" line sits under the question of the component it describes, not under what was just added', () => {
    const db = join(dir, 'so-far.db');
    const { out } = chat(db, ['review shop', 'add image pipeline: resize uploads, 2 s, 3k/day', 'add checkout api: REST API', 'quit']);
    const lines = out.split('\n');
    const added = lines.indexOf('Added checkout api.');
    expect(added).toBeGreaterThan(0);
    expect(lines[added + 1]).toMatch(/^image pipeline: Anything special\?/);
    expect(lines[added + 2]).toBe('  so far: trigger: storage event (upload); traffic: 3,000 requests/day (2.08 req/min average); duration: 2 s; work: cpu-bound');
  });
});

describe('a chat killed with kill -9 is resumed in a new process', () => {
  it('history shows its id, resume <id> asks the open question again, and it finishes where it stopped', async () => {
    const db = join(dir, 'killed.db');
    const first = startChat(db);
    await first.waitFor(/Describe it in a sentence/);
    first.send('resize images when they are uploaded');
    await first.waitFor(/How much traffic does it get\?/);
    first.send('3000 a day');
    await first.waitFor(/How long does one run take/);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();

    const second = startChat(db);
    await second.waitFor(/Describe it in a sentence/);
    second.send('history');
    const listed = await second.waitFor(/"resume <id>" continues one/);
    const id = /^([0-9a-f]{8}) {2}.* in progress {2}resize images when they are uploaded$/m.exec(listed)?.[1];
    expect(id).toBeDefined();
    second.send(`resume ${id}`);
    await second.waitFor(/Resumed [0-9a-f]{8}: "resize images when they are uploaded"\.\n\nHow long does one run take[^\n]*\n {2}so far: [^\n]*3,000 requests\/day[^\n]*\n {2}choices: \[1\] ~100 ms \| \[2\] ~1 s/);
    second.send('2');
    await second.waitFor(/Anything special\?/);
    second.send('none');
    await second.waitFor(/\[FIT\] Fit: run it on AWS Lambda/);
    second.send('quit');
    expect(await second.exited).toBe(0);

    const conversations = query<{ id: string; status: string }>(db, 'select id, status from conversations');
    expect(conversations).toEqual([{ id: expect.stringMatching(new RegExp(`^${id}`)), status: 'complete' }]);
    // A picked choice is saved as what it stands for, with its question.
    expect(userTurns(db)).toEqual(['resize images when they are uploaded', '3000 a day', 'duration:1 s', 'none']);
  });

  it('a finished conversation resumes for what-ifs', () => {
    const db = join(dir, 'finished.db');
    chat(db, ['nightly cleanup job, 3 minutes', 'none', 'quit']);
    const [conversation] = query<{ id: string }>(db, 'select id from conversations');
    const { out } = chat(db, [`resume ${conversation?.id.slice(0, 8)}`, 'what if it takes 20 minutes', 'quit']);
    expect(out).toContain(`Resumed ${conversation?.id.slice(0, 8)}: "nightly cleanup job, 3 minutes". Last result: fit, AWS Lambda.`);
    expect(out).toMatch(/What changed[\s\S]*Duration: 3 min -> 20 min/);
    expect(query(db, 'select id from conversations')).toHaveLength(1);
  });
});
