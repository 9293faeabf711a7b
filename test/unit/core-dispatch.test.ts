import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_DESCRIPTION_CHARS } from '../../commands/serverless-fit.js';
import { ACTION_IDS } from '../../src/core/action-ids.js';
import type { ActionInput, ActionRef, CommandOutcome, Reply } from '../../src/core/advisor-types.js';
import type { ConversationKey } from '../../src/core/conversation.js';
import { answerDigest } from '../../src/core/dispatch/answer-digest.js';
import { CONVERSATION_GONE, notSetUpText, tooLongText, UNKNOWN_SUB_COMMAND } from '../../src/core/dispatch/answers.js';
import { readCommand, type Command } from '../../src/core/dispatch/read-command.js';
import { NOT_YOURS } from '../../src/core/may-act.js';
import { REVIEW_ACTIONS } from '../../src/core/review/review-actions.js';
import { createAdvisorHarness } from '../helpers/advisor-harness.js';
import { createReviewHarness, type ReviewHarness } from '../helpers/review-harness.js';

// The core reads `/serverless-fit <text>` and every control's action ref the
// same way for every platform: which sub-command, whose button, open or
// reopen, and the answers for what is not set up or too long.

describe('the command text, typed the way people type it', () => {
  const cases: [string, Command][] = [
    ['help', { kind: 'help' }],
    ['Help', { kind: 'help' }],
    ['  help  ', { kind: 'help' }],
    ['help me size a webhook', { kind: 'help' }],
    ['history', { kind: 'history' }],
    ['forget-me', { kind: 'forget-me' }],
    ['forget me', { kind: 'forget-me' }],
    ['Forget me!', { kind: 'forget-me' }],
    ['forget me the cache warmer, runs hourly', { kind: 'assess', text: 'forget me the cache warmer, runs hourly' }],
    ['  assess   a lambda that resizes images, 2 s each', { kind: 'assess', text: 'a lambda that resizes images, 2 s each' }],
    ['ASSESS nightly cleanup job, 3 minutes', { kind: 'assess', text: 'nightly cleanup job, 3 minutes' }],
    ['resize images on upload, about 2 s each, a few thousand a day', { kind: 'assess', text: 'resize images on upload, about 2 s each, a few thousand a day' }],
    ['REST API\nfor the mobile app,\t1000 rps 24/7', { kind: 'assess', text: 'REST API for the mobile app, 1000 rps 24/7' }],
    ['assess', { kind: 'assess', text: '' }],
    ['', { kind: 'assess', text: '' }],
    ['   ', { kind: 'assess', text: '' }],
    ['digest subscribe mondays 9am', { kind: 'digest', text: 'subscribe mondays 9am' }],
    ['Digest  subscribe monday 09:00 Europe/Berlin', { kind: 'digest', text: 'subscribe monday 09:00 Europe/Berlin' }],
    ['digest', { kind: 'digest', text: '' }],
    ['digests of weekly sales, every monday, 2 minutes', { kind: 'assess', text: 'digests of weekly sales, every monday, 2 minutes' }],
    ['review checkout platform', { kind: 'review', event: { kind: 'review-open', name: 'checkout platform' } }],
    ['review open checkout platform', { kind: 'review', event: { kind: 'review-open', name: 'checkout platform' } }],
    ['review open', { kind: 'review', event: { kind: 'review-open', name: '' } }],
    ['review', { kind: 'review', event: { kind: 'review-open', name: '' } }],
    ['Review  reopen abc123', { kind: 'review', event: { kind: 'review-reopen', id: 'abc123' } }],
    ['review open 3f9c2a1b', { kind: 'review', event: { kind: 'review-reopen', id: '3f9c2a1b' } }],
    ['review list', { kind: 'review', event: { kind: 'review-list' } }],
    ['review ls', { kind: 'review', event: { kind: 'review-list' } }],
    ['reviews of pull requests, webhook, 300 ms', { kind: 'assess', text: 'reviews of pull requests, webhook, 300 ms' }],
  ];
  it.each(cases)('%j', (text, command) => {
    expect(readCommand(text)).toEqual(command);
  });

  const picked: [string, string, Command][] = [
    ['assess', 'help me size a webhook', { kind: 'assess', text: 'help me size a webhook' }],
    ['assess', '', { kind: 'assess', text: '' }],
    ['help', '', { kind: 'help' }],
    ['digest', 'subscribe monday 09:00', { kind: 'digest', text: 'subscribe monday 09:00' }],
    ['review', 'checkout platform', { kind: 'review', event: { kind: 'review-open', name: 'checkout platform' } }],
    ['review', 'list', { kind: 'review', event: { kind: 'review-list' } }],
    ['bogus', 'anything', { kind: 'unknown', name: 'bogus' }],
    ['constructor', '', { kind: 'unknown', name: 'constructor' }],
  ];
  it.each(picked)('picked from a menu: %s with %j', (subCommand, text, command) => {
    expect(readCommand(text, subCommand)).toEqual(command);
  });
});

describe('advisor.command: what each command becomes', () => {
  let h: ReviewHarness;
  const here: ConversationKey = { platform: 'slack', workspace: 'T1', channel: 'C1', thread: '', user: 'alice' };
  const command = (text: string, subCommand?: string): Promise<CommandOutcome> =>
    h.advisor.command({ key: here, actor: 'alice', text, ...(subCommand === undefined ? {} : { subCommand }) });
  beforeEach(() => {
    h = createReviewHarness({ platform: 'slack', workspace: 'T1', channel: 'C1', thread: '1700000000.000100' });
  });
  afterEach(() => h.close());

  const cases: [string, string | undefined, Record<string, unknown>][] = [
    ['  assess   a lambda that resizes images', undefined, { kind: 'thread-first', title: 'a lambda that resizes images', then: { kind: 'start', text: 'a lambda that resizes images' } }],
    ['resize images on upload, 2 s, 3k a day', undefined, { kind: 'thread-first', then: { kind: 'start', text: 'resize images on upload, 2 s, 3k a day' } }],
    ['', undefined, { kind: 'thread-first', then: { kind: 'start', text: '' } }],
    ['review checkout platform', undefined, { kind: 'thread-first', title: 'checkout platform', then: { kind: 'review-open', name: 'checkout platform' } }],
    ['review open', undefined, { kind: 'private', reply: { kind: 'notice', level: 'error', text: expect.stringMatching(/^Name the system/) } }],
    ['Review  reopen abc123', undefined, { kind: 'private', reply: { kind: 'notice', level: 'warning', text: expect.stringMatching(/no review "abc123"/) } }],
    ['review list', undefined, { kind: 'private', reply: { kind: 'notice', title: 'Design reviews' } }],
    ['digest subscribe mondays 9am', undefined, { kind: 'digest', text: 'subscribe mondays 9am', subscribing: true }],
    ['digest status', undefined, { kind: 'digest', text: 'status', subscribing: false }],
    ['help', undefined, { kind: 'private', reply: { kind: 'notice', title: expect.stringContaining('serverless-fit') } }],
    ['history', undefined, { kind: 'private', reply: { kind: 'notice', title: 'No assessments here yet' } }],
    ['forget me', undefined, { kind: 'private', reply: { kind: 'notice', title: 'Forgotten', text: 'I had nothing saved from you in this workspace.' } }],
    ['anything', 'bogus', { kind: 'private', reply: { kind: 'notice', text: UNKNOWN_SUB_COMMAND } }],
    ['x'.repeat(MAX_DESCRIPTION_CHARS + 1), undefined, { kind: 'private', reply: { kind: 'notice', level: 'error', text: tooLongText(MAX_DESCRIPTION_CHARS + 1) } }],
  ];
  it.each(cases)('%j (sub-command %s)', async (text, subCommand, outcome) => {
    expect(await command(text, subCommand)).toMatchObject(outcome);
  });

  it('reopens a review named by its id, typed either way, and says where it continues', async () => {
    await h.send({ kind: 'review-open', name: 'checkout platform' });
    const id = (await h.reviews.findByThread(h.key))?.id ?? '';
    await h.say('close');
    for (const text of [`review ${id}`, `Review  reopen ${id.toUpperCase()}`]) {
      const outcome = await command(text);
      expect(outcome).toMatchObject({ kind: 'reopened', note: 'The review "Design review: checkout platform" is open again; it continues in its thread.' });
      if (outcome.kind !== 'reopened' || outcome.reply.kind === 'result') throw new Error('expected a reopened review');
      expect(outcome.reply.review?.thread).toEqual({ platform: 'slack', workspace: 'T1', channel: 'C1', thread: '1700000000.000100' });
    }
  });

  it('opens a new review when the id belongs to another platform', async () => {
    await h.send({ kind: 'review-open', name: 'checkout platform' });
    const id = (await h.reviews.findByThread(h.key))?.id ?? '';
    const outcome = await h.advisor.command({ key: { ...here, platform: 'discord' }, actor: 'alice', text: `review ${id}` });
    expect(outcome).toMatchObject({ kind: 'thread-first', then: { kind: 'review-open', name: id } });
  });

  it('answers that reviews and digests are not set up, in one wording', async () => {
    const plain = createAdvisorHarness();
    try {
      expect(await plain.advisor.command({ key: here, actor: 'alice', text: 'review checkout platform' })).toEqual({
        kind: 'private',
        reply: { kind: 'notice', conversationId: null, level: 'warning', text: notSetUpText('reviews') },
      });
      expect(await answerDigest(undefined, { platform: 'slack', workspace: 'T1', channel: 'C1', user: 'alice', text: 'status' })).toEqual({
        kind: 'notice',
        level: 'warning',
        text: 'Weekly digests are not set up in this bot yet. Ask whoever runs it to enable them.',
      });
    } finally {
      plain.close();
    }
  });
});

describe('advisor.act: whose control it is and what it does', () => {
  let h: ReviewHarness;
  const pressedIn = (channel: string, thread: string, actor = 'bob'): ConversationKey => ({ platform: 'slack', workspace: 'T1', channel, thread, user: actor });
  const act = (ref: ActionRef, key: ConversationKey, options: Partial<ActionInput> = {}) =>
    h.advisor.act({ ref, key, actor: key.user, direct: false, canOpenForm: true, ...options });
  beforeEach(() => {
    h = createReviewHarness({ platform: 'slack', workspace: 'T1', channel: 'C1', thread: 'R1' });
  });
  afterEach(() => h.close());

  function startConversation(thread: string, text: string): Promise<Reply> {
    return h.advisor.handle({ key: { platform: 'slack', workspace: 'T1', channel: 'C1', thread, user: 'alice' }, event: { kind: 'start', text }, actor: 'alice' });
  }

  it.each([
    ['a conversation that is gone', { target: 'no-such-id', kind: 'action', actionId: ACTION_IDS.showMath } as ActionRef, { kind: 'refused', notYours: false, reply: { text: CONVERSATION_GONE } }],
    ['a control tied to nothing, where nothing lives', { target: null, kind: 'action', actionId: ACTION_IDS.showMath } as ActionRef, { kind: 'reply', reply: { kind: 'notice', text: expect.stringMatching(/no serverless-fit conversation here/) } }],
  ])('%s', async (_name, ref, outcome) => {
    expect(await act(ref, pressedIn('C1', 'T9'))).toMatchObject(outcome);
  });

  it('a conversation\'s button: refused from another channel, a form with its pending question, the turn in its own thread', async () => {
    const first = await startConversation('T1', 'resize images on upload');
    const id = first.conversationId ?? '';
    expect(await act({ target: id, kind: 'action', actionId: ACTION_IDS.startOver }, pressedIn('C2', 'T2'))).toMatchObject({ kind: 'refused', notYours: true, reply: { text: NOT_YOURS } });
    expect(await act({ target: id, kind: 'form' }, pressedIn('C1', 'T1'))).toMatchObject({ kind: 'form', form: 'answer', target: id, prompt: 'traffic', thread: { channel: 'C1', thread: 'T1' } });
    const typed = await act({ target: id, kind: 'typed', text: '3k a day' }, pressedIn('C1', 'T1'));
    expect(typed).toMatchObject({ kind: 'reply', key: { channel: 'C1', thread: 'T1', user: 'alice' }, share: false, reply: { kind: 'question', conversationId: id } });
    expect(await act({ target: id, kind: 'typed', text: 'x'.repeat(MAX_DESCRIPTION_CHARS + 5) }, pressedIn('C1', 'T1'))).toMatchObject({ kind: 'refused', reply: { level: 'error' } });
  });

  it('"share" on a finished conversation asks for the card in the channel', async () => {
    const done = await startConversation('T3', 'REST API for the mobile app, 1000 rps 24/7, 100 ms, calls Postgres, no special constraints');
    const id = done.conversationId ?? '';
    let reply = done;
    for (let i = 0; i < 4 && reply.kind === 'question'; i++) reply = await h.advisor.handle({ key: { platform: 'slack', workspace: 'T1', channel: 'C1', thread: 'T3', user: 'alice' }, event: { kind: 'message', text: 'none' }, actor: 'alice' });
    expect(reply.kind).toBe('result');
    expect(await act({ target: id, kind: 'action', actionId: ACTION_IDS.share }, pressedIn('C1', 'T3'))).toMatchObject({ kind: 'reply', share: true, reply: { kind: 'result' } });
  });

  it('a review\'s button: the add form where one can open, the turn in the review\'s thread otherwise', async () => {
    await h.send({ kind: 'review-open', name: 'checkout platform' });
    const id = (await h.reviews.findByThread(h.key))?.id ?? '';
    const add: ActionRef = { target: id, kind: 'action', actionId: REVIEW_ACTIONS.add };
    expect(await act(add, pressedIn('C1', 'R1'))).toMatchObject({ kind: 'form', form: 'review-add', target: id, thread: { channel: 'C1', thread: 'R1' } });
    expect(await act(add, pressedIn('C1', 'R1'), { canOpenForm: false })).toMatchObject({ kind: 'reply', reply: { kind: 'notice', text: expect.stringMatching(/^Type "add/) } });
    expect(await act({ ...add, value: 'image pipeline: resize uploads, 2 s, 3k/day' }, pressedIn('C1', 'R1'))).toMatchObject({
      kind: 'reply',
      key: { thread: 'R1' },
      reply: { review: { reviewId: id, updated: true } },
    });
    expect(await act({ target: id, kind: 'form' }, pressedIn('C1', 'R1'))).toMatchObject({ kind: 'form', form: 'review-answer', target: id });
    expect(await act({ target: id, kind: 'action', actionId: REVIEW_ACTIONS.summary }, pressedIn('C9', 'X'))).toMatchObject({ kind: 'refused', notYours: true });
  });
});
