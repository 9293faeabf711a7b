import { describe, expect, it } from 'vitest';
import { leadingName, mentionedName, parseReviewMessage } from '../../src/core/review/parse-review-message.js';
import { reviewEventFor } from '../../src/core/review/review-command-text.js';

const NAMES = ['image pipeline', 'checkout api', 'image'];

describe('a message in a review thread', () => {
  it.each([
    ['summary', { kind: 'summary' }],
    ['Summary.', { kind: 'summary' }],
    ['close', { kind: 'close' }],
    ['history', { kind: 'history' }],
    ['reopen', { kind: 'reopen' }],
    ['help', { kind: 'help' }],
    ['add image pipeline: resize uploads, 2 s, 3k/day', { kind: 'add', components: [{ name: 'image pipeline', text: 'resize uploads, 2 s, 3k/day' }], unread: [] }],
    ['add billing', { kind: 'add', components: [{ name: 'billing', text: '' }], unread: [] }],
    ['add nightly export, every night, 40 min', { kind: 'add', components: [{ name: 'nightly export', text: 'every night, 40 min' }], unread: [] }],
    ['add search api - 50 rps, 120 ms', { kind: 'add', components: [{ name: 'search api', text: '50 rps, 120 ms' }], unread: [] }],
    ['- stripe webhook: 5k/day, 300 ms', { kind: 'add', components: [{ name: 'stripe webhook', text: '5k/day, 300 ms' }], unread: [] }],
    ['remove image pipeline', { kind: 'remove', name: 'image pipeline' }],
    ['drop the checkout api.', { kind: 'remove', name: 'checkout api' }],
    ['what if all traffic triples', { kind: 'what-if', component: null, text: 'what if all traffic triples' }],
    ['what if image pipeline traffic doubles', { kind: 'what-if', component: 'image pipeline', text: 'what if image pipeline traffic doubles' }],
    ['image pipeline takes 20 min now', { kind: 'about', component: 'image pipeline', text: 'takes 20 min now' }],
    ['The image pipeline: 9k/day', { kind: 'about', component: 'image pipeline', text: '9k/day' }],
    ['checkout api, p99 under 100 ms', { kind: 'about', component: 'checkout api', text: 'p99 under 100 ms' }],
    ['image resizing is slow', { kind: 'about', component: 'image', text: 'resizing is slow' }],
    ['3000 a day', { kind: 'answer', text: '3000 a day' }],
    ['none', { kind: 'answer', text: 'none' }],
  ])('%j', (text, expected) => {
    expect(parseReviewMessage(text, NAMES)).toEqual(expected);
  });

  it('reads a pasted list, one component per line, bullets, numbers and a header allowed', () => {
    const text = ['Components:', '- image pipeline: resize uploads, 2 s, 3k/day', '* checkout api: REST, 200 rps, 80 ms', '3. stripe webhook - 5k/day', 'nightly report: 45 min every night'].join('\n');
    expect(parseReviewMessage(text, [])).toEqual({
      kind: 'add',
      components: [
        { name: 'image pipeline', text: 'resize uploads, 2 s, 3k/day' },
        { name: 'checkout api', text: 'REST, 200 rps, 80 ms' },
        { name: 'stripe webhook', text: '5k/day' },
        { name: 'nightly report', text: '45 min every night' },
      ],
      unread: [],
    });
  });

  it('reports the lines of a list it could not read instead of guessing', () => {
    expect(parseReviewMessage('- a: one\n- b: two\njust some words', [])).toEqual({
      kind: 'add',
      components: [
        { name: 'a', text: 'one' },
        { name: 'b', text: 'two' },
      ],
      unread: ['just some words'],
    });
  });

  it.each([
    ['image pipeline takes 20 min', 'image pipeline'],
    ['image takes 20 min', 'image'],
    ['images are big', null],
  ])('the longest known name leads %j', (text, name) => {
    expect(leadingName(text, NAMES)?.name ?? null).toBe(name);
  });

  it('finds a name anywhere, longest first', () => {
    expect(mentionedName('what if the image pipeline doubles', NAMES)).toBe('image pipeline');
    expect(mentionedName('what if traffic doubles', NAMES)).toBeNull();
  });
});

describe('the words after "review"', () => {
  it.each([
    ['checkout platform', { kind: 'review-open', name: 'checkout platform' }],
    ['list', { kind: 'review-list' }],
    ['reopen ab12cd34', { kind: 'review-reopen', id: 'ab12cd34' }],
    ['', { kind: 'review-open', name: '' }],
  ])('%j', (rest, event) => {
    expect(reviewEventFor(rest)).toEqual(event);
  });
});
