import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/advisor-types.js';
import { createReviewHarness, type ReviewHarness } from '../helpers/review-harness.js';
import { fixturePath, readTemplateText } from '../helpers/template-fixtures.js';

// A template file dropped into a review, through the one entry point: every
// function and service becomes a component, only traffic (and duration where
// no timeout bounds it) is asked, "assume defaults for the rest" finishes in
// one answer, and a changed template dropped again says what changed.

let h: ReviewHarness;
beforeEach(async () => {
  h = createReviewHarness();
  await h.send({ kind: 'review-open', name: 'shop' });
});
afterEach(() => h.close());

const SHOP = readFileSync(fixturePath('shop/serverless.yml'), 'utf8');

async function drop(text: string, file = 'serverless.yml'): Promise<Reply> {
  return await h.send({ kind: 'template', file, read: await readTemplateText(file, text) });
}

function textOf(reply: Reply): string {
  if (reply.kind === 'question') return [reply.question.hint ?? '', reply.question.text].join('\n');
  if (reply.kind === 'notice') return reply.text;
  return reply.card.headline;
}

const review = async () => {
  const found = await h.reviews.findByThread(h.key);
  if (!found) throw new Error('no review');
  return found;
};

describe('importing a template into a review', () => {
  it('makes every function and service a component and asks only for traffic', async () => {
    const reply = await drop(SHOP);
    expect(textOf(reply)).toContain('serverless.yml (Serverless Framework (serverless.yml)): 3 functions');
    expect((await review()).components.map((c) => c.name)).toEqual(['api', 'worker', 'nightly', 'web']);
    // The nightly cron is traffic the template states; every other component waits on traffic, none on duration or constraints.
    expect((await review()).components.map((c) => [c.name, c.pending])).toEqual([
      ['api', 'traffic'],
      ['worker', 'traffic'],
      ['nightly', null],
      ['web', 'traffic'],
    ]);
    expect(reply.kind === 'question' && reply.question.id).toBe('traffic');
    expect((await h.reviews.changes('W1', (await review()).id)).map((c) => [c.kind, c.component])).toEqual([
      ['open', null],
      ['change', null],
      ['add', 'api'],
      ['add', 'worker'],
      ['add', 'nightly'],
      ['add', 'web'],
    ]);
  });

  it('"assume defaults for the rest" finishes the interview in one answer and shows the plan with totals', async () => {
    await drop(SHOP);
    await h.say('3k requests a day');
    const reply = await h.say('assume defaults for the rest');
    expect(reply.kind === 'notice' && reply.review?.show).toBe(true);
    expect((await review()).components.every((c) => c.pending === null && c.last !== null)).toBe(true);
    expect(textOf(reply)).toMatch(/Recommended hybrid plan: \$[\d,.]+\/month/);
    expect((await review()).components.find((c) => c.name === 'api')?.facts.traffic?.echo).toMatch(/3k|3,000|3000/);
  });

  it('a changed template says what changed, keeps answered traffic and records it in the trail', async () => {
    await drop(SHOP);
    await h.say('3k requests a day');
    await h.say('assume defaults for the rest');
    const changed = SHOP.replace('memorySize: 256', 'memorySize: 2048')
      .replace('timeout: 300', 'timeout: 1200')
      .replace(/ {2}worker:\n[\s\S]*?(?= {2}nightly:)/, '')
      .replace('functions:\n', 'functions:\n  mailer:\n    handler: src/mail.handler\n    events:\n      - sns: order-placed\n');
    const reply = await drop(changed);
    const text = textOf(reply);
    expect(text).toContain('3 functions (1 event, 1 HTTP, 1 schedule) and 1 container service.');
    expect(text).toContain('Added mailer.');
    expect(text).toContain('Removed worker.');
    expect(text).toContain('Changed nightly: memory 256 MB -> 2048 MB; timeout 300 s -> 1200 s (now over 15 min).');
    expect(text).toContain('Traffic answered before is kept for api, web.');
    expect((await review()).components.map((c) => c.name)).toEqual(['api', 'nightly', 'web', 'mailer']);
    expect((await review()).components.find((c) => c.name === 'api')?.facts.traffic?.echo).toMatch(/3k|3,000|3000/);
    expect((await review()).components.find((c) => c.name === 'mailer')?.pending).toBe('traffic');
    const trail = (await h.reviews.changes('W1', (await review()).id)).slice(-4).map((c) => [c.kind, c.component]);
    expect(trail).toEqual([
      ['change', null],
      ['add', 'mailer'],
      ['change', 'nightly'],
      ['remove', 'worker'],
    ]);
  });

  it('the same template dropped again changes nothing', async () => {
    await drop(SHOP);
    const before = (await review()).components;
    const reply = await drop(SHOP);
    expect(textOf(reply)).toContain('Nothing the template states has changed.');
    expect((await review()).components.map((c) => [c.name, c.facts])).toEqual(before.map((c) => [c.name, c.facts]));
  });

  it('a template outside a review, or a closed review, imports nothing', async () => {
    await h.say('close');
    const closed = await drop(SHOP);
    expect(textOf(closed)).toContain('closed');
    expect((await review()).components).toHaveLength(0);
    const elsewhere = await h.advisor.handle({ key: { ...h.key, thread: 'T-other' }, event: { kind: 'template', file: 'serverless.yml', read: await readTemplateText('serverless.yml', SHOP) }, actor: 'bob' });
    expect(elsewhere).toMatchObject({ kind: 'notice', level: 'error' });
    expect(textOf(elsewhere)).toContain("templates are read in a design review's thread");
  });
});
