import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/core/action-ids.js';
import type { AdvisorEvent, Reply } from '../../src/core/advisor-types.js';
import type { ConversationKey } from '../../src/core/conversation.js';
import { createAdvisorHarness, type AdvisorHarness } from '../helpers/advisor-harness.js';

// The advisor over real SQLite on a temp file: the interview, corrections,
// what-ifs and persistence, as an adapter would drive it.

const key = (thread: string, workspace = 'T1'): ConversationKey => ({ platform: 'slack', workspace, channel: 'C1', thread, user: 'U1' });

let harness: AdvisorHarness;
afterEach(() => harness?.close());

function send(thread: string, event: AdvisorEvent, actor = 'U1'): Promise<Reply> {
  return harness.advisor.handle({ key: key(thread), event, actor });
}
const say = (thread: string, text: string, actor = 'U1') => send(thread, { kind: 'message', text }, actor);

function questionId(reply: Reply): string {
  if (reply.kind !== 'question') throw new Error(`expected a question, got ${reply.kind}: ${JSON.stringify(reply).slice(0, 300)}`);
  return reply.question.id;
}

describe('the interview', () => {
  it('asks only what it was not told, then gives a result', async () => {
    harness = createAdvisorHarness();
    const first = await send('t1', { kind: 'start', text: 'resize images on upload, about 2 s each' });
    expect(questionId(first)).toBe('traffic');
    expect(first.kind === 'question' && first.question.heard.join(' ')).toMatch(/duration: 2 s/);
    expect(questionId(await say('t1', 'a few thousand a day'))).toBe('constraints');
    const result = await say('t1', 'none');
    expect(result.kind).toBe('result');
    if (result.kind !== 'result') return;
    expect(result.card.verdict).toBe('fit');
    expect(result.card.headline).toContain('AWS Lambda');
  });

  it('skips the whole interview when the description says everything', async () => {
    harness = createAdvisorHarness();
    const reply = await send('t1', { kind: 'start', text: 'nightly cleanup job, 3 minutes, stateless, 512MB, no latency target, 20 MB package' });
    expect(reply.kind).toBe('result');
  });

  it('asks for a description when the command had none', async () => {
    harness = createAdvisorHarness();
    expect(questionId(await send('t1', { kind: 'start', text: '   ' }))).toBe('description');
    expect(questionId(await say('t1', 'webhook that syncs orders into the CRM'))).toBe('traffic');
  });

  it('asks again with a hint when an answer cannot be read, never guessing', async () => {
    harness = createAdvisorHarness();
    await send('t1', { kind: 'start', text: 'sync orders webhook' });
    const again = await say('t1', 'banana');
    expect(questionId(again)).toBe('traffic');
    expect(again.kind === 'question' && again.question.hint).toBeTruthy();
    const conversation = await harness.store.findByThread({ platform: 'slack', workspace: 'T1', channel: 'C1', thread: 't1' });
    expect(conversation?.facts.traffic).toBeUndefined();
    expect(conversation?.misses).toBe(1);
  });

  it('offers a stated default after repeated misses, and uses it only when pressed', async () => {
    harness = createAdvisorHarness();
    await send('t1', { kind: 'start', text: 'sync orders webhook' });
    await say('t1', 'banana');
    const third = await say('t1', 'still banana');
    expect(third.kind === 'question' && third.question.choices.some((c) => c.id === ACTION_IDS.assumeDefault)).toBe(true);
    const next = await send('t1', { kind: 'action', actionId: ACTION_IDS.assumeDefault, value: 'traffic' });
    expect(questionId(next)).toBe('duration');
  });

  it('takes a quick-reply button as an answer', async () => {
    harness = createAdvisorHarness();
    const first = await send('t1', { kind: 'start', text: 'thumbnail generator for uploads' });
    if (first.kind !== 'question') throw new Error('expected question');
    const choice = first.question.choices[1];
    expect(choice).toBeDefined();
    expect(questionId(await send('t1', { kind: 'action', actionId: choice!.id, value: choice!.value }, 'U2'))).toBe('duration');
  });

  it('lets anyone in the thread answer and records who did', async () => {
    harness = createAdvisorHarness();
    const first = await send('t1', { kind: 'start', text: 'image thumbnails on upload' });
    await say('t1', '3000 a day', 'U2');
    const turns = await harness.store.turns('T1', first.conversationId as string);
    expect(turns.filter((t) => t.role === 'user').map((t) => t.actor)).toEqual(['U1', 'U2']);
  });

  it('accepts a correction of an earlier answer mid-interview', async () => {
    harness = createAdvisorHarness();
    await send('t1', { kind: 'start', text: 'video transcoding, 2 minutes per job' });
    const reply = await say('t1', 'actually it takes 45 minutes');
    expect(questionId(reply)).toBe('traffic');
    expect(reply.kind === 'question' && reply.question.heard.join(' ')).toMatch(/45 min/);
  });
});

describe('after the result', () => {
  async function finished(text: string): Promise<string> {
    const answers: Record<string, string> = { traffic: '1000 a day', duration: '200 ms', constraints: 'none' };
    const reply = await send('t1', { kind: 'start', text });
    let r = reply;
    for (let i = 0; i < 3 && r.kind === 'question'; i++) r = await say('t1', answers[r.question.id] ?? 'none');
    expect(r.kind).toBe('result');
    return reply.conversationId as string;
  }

  it('re-assesses a what-if and says what changed', async () => {
    harness = createAdvisorHarness();
    await finished('REST API for the mobile app, 100 ms, calls Postgres, 100 rps 24/7');
    const reply = await say('t1', 'what if traffic is 10x');
    expect(reply.kind).toBe('result');
    if (reply.kind !== 'result') return;
    expect(reply.reassessment).toBe(true);
    expect(reply.card.changes.join('\n')).toMatch(/Traffic: 100 req\/s -> 1,000 req\/s/);
  });

  it('re-assesses a what-if button', async () => {
    harness = createAdvisorHarness();
    await finished('resize images on upload, 2 s each, 3000 a day');
    const reply = await send('t1', { kind: 'action', actionId: ACTION_IDS.whatIf, value: 'duration:2' });
    expect(reply.kind === 'result' && reply.card.changes.join('\n')).toMatch(/Duration: 2 s -> 4 s/);
  });

  it('answers an unreadable follow-up with a suggestion and keeps the result', async () => {
    harness = createAdvisorHarness();
    const id = await finished('resize images on upload, 2 s each, 3000 a day');
    const reply = await say('t1', 'thanks!');
    expect(reply.kind).toBe('notice');
    expect((await harness.store.get('T1', id))?.status).toBe('complete');
  });

  it('starts over on request', async () => {
    harness = createAdvisorHarness();
    await finished('resize images on upload, 2 s each, 3000 a day');
    expect(questionId(await say('t1', 'start over'))).toBe('description');
  });

  it('shows the arithmetic behind every cost, each platform\'s sizing and every assumption', async () => {
    harness = createAdvisorHarness();
    await finished('resize images on upload, 2 s each, 3000 a day');
    const reply = await send('t1', { kind: 'action', actionId: ACTION_IDS.showMath });
    expect(reply.kind).toBe('notice');
    expect(reply.kind === 'notice' && reply.text).toMatch(/ x \$0\.\d+ = \$/);
    expect(reply.kind === 'notice' && reply.text).toMatch(/\n {2}Sizing: \d+ x [a-z0-9]+\.[a-z0-9]+/);
    expect(reply.kind === 'notice' && reply.text).toMatch(/\nAssumptions\n {2}- /);
  });

  it('records each finished assessment for history and digests', async () => {
    harness = createAdvisorHarness();
    await finished('resize images on upload, 2 s each, 3000 a day');
    await say('t1', 'what if traffic doubles');
    const records = await harness.store.assessments('T1');
    expect(records).toHaveLength(2);
    expect(records.map((r) => r.reassessment).sort()).toEqual([false, true]);
    const history = await send('other', { kind: 'history' });
    expect(history.kind === 'notice' && history.text).toMatch(/fit: AWS Lambda/);
  });
});

describe('persistence and isolation', () => {
  it('resumes an interview after a restart', async () => {
    harness = createAdvisorHarness();
    await send('t1', { kind: 'start', text: 'resize images on upload' });
    await say('t1', '3000 a day');
    const restarted = harness.reopen();
    try {
      const reply = await restarted.advisor.handle({ key: key('t1'), event: { kind: 'message', text: '2 seconds' }, actor: 'U1' });
      expect(questionId(reply)).toBe('constraints');
    } finally {
      restarted.close();
    }
  });

  it('never mixes two threads or two workspaces', async () => {
    harness = createAdvisorHarness();
    await send('a', { kind: 'start', text: 'image resize on upload' });
    await send('b', { kind: 'start', text: 'video transcoding' });
    await say('a', '10 a day');
    const other = await harness.advisor.handle({ key: key('a', 'T2'), event: { kind: 'message', text: '5 seconds' }, actor: 'U9' });
    expect(other.kind).toBe('notice');
    const b = await harness.store.findByThread({ platform: 'slack', workspace: 'T1', channel: 'C1', thread: 'b' });
    expect(b?.facts.traffic).toBeUndefined();
  });

  it('refuses an oversized message without losing the conversation', async () => {
    harness = createAdvisorHarness();
    const first = await send('t1', { kind: 'start', text: 'resize images on upload' });
    const reply = await say('t1', 'x'.repeat(40_000));
    expect(reply.kind === 'notice' && reply.level).toBe('error');
    expect(reply.kind === 'notice' && reply.text).toMatch(/40,000 characters/);
    expect((await harness.store.get('T1', first.conversationId as string))?.pending).toBe('traffic');
  });

  it('forgets what someone saved, and only them', async () => {
    harness = createAdvisorHarness();
    const mine = await send('mine', { kind: 'start', text: 'resize images on upload' }, 'U1');
    const theirs = await harness.advisor.handle({ key: { ...key('theirs'), user: 'U2' }, event: { kind: 'start', text: 'video transcoding' }, actor: 'U2' });
    await say('theirs', '3000 a day', 'U1');
    const reply = await send('anywhere', { kind: 'forget-me' }, 'U1');
    expect(reply.kind === 'notice' && reply.text).toMatch(/Deleted 1 conversation you started .* and 1 message of yours/);
    expect(await harness.store.get('T1', mine.conversationId as string)).toBeNull();
    expect((await harness.store.turns('T1', theirs.conversationId as string)).map((t) => t.actor)).toEqual(['U2', 'bot', 'bot']);
    const again = await send('anywhere', { kind: 'forget-me' }, 'U1');
    expect(again.kind === 'notice' && again.text).toBe('I had nothing saved from you in this workspace.');
  });

  it('saves every turn: user messages, questions and the card', async () => {
    harness = createAdvisorHarness();
    const first = await send('t1', { kind: 'start', text: 'resize images on upload, 2 s, 3000 a day' });
    await say('t1', 'none');
    const kinds = (await harness.store.turns('T1', first.conversationId as string)).map((t) => `${t.role}:${t.kind}`);
    expect(kinds).toEqual(['user:message', 'bot:question', 'user:answer', 'bot:card']);
  });
});
