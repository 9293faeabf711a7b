import { describe, expect, it } from 'vitest';
import { sampleCard } from '../helpers/card-fixture.js';
import type { Card, CardAction, QuestionCard } from '../../src/core/card.js';
import {
  decodeActionValue,
  escapeMrkdwn,
  renderCardBlocks,
  renderNoticeBlocks,
  renderQuestionBlocks,
  renderRootMessage,
  renderStartModal,
  SLACK_LIMITS,
  truncate,
  type SlackBlock,
  type SlackMessage,
} from '../../src/adapters/slack/render-card.js';
import { blockKitError } from '../e2e/fakes/slack-block-kit-rules.js';

const long = (n: number, word = 'lorem & <ipsum> ') => word.repeat(Math.ceil(n / word.length)).slice(0, n);

function card(overrides: Partial<Card> = {}): Card {
  return sampleCard({
    reasons: [
      { rule: 'event-driven', polarity: 'pro', text: 'Uploads trigger the work: event-driven.' },
      { rule: 'short-lived', polarity: 'pro', text: '2 s per image is far under the 900 s limit.' },
    ],
    math: [{ platform: 'aws-lambda', label: 'AWS Lambda', lines: ['90,000 requests x $0.20/M = $0.02'] }],
    actions: [
      { id: 'what-if:traffic-x2', label: 'What if traffic doubles?' },
      { id: 'start-over', label: 'Start over', style: 'danger' },
      { id: 'share', label: 'Share to channel', style: 'primary' },
    ],
    ...overrides,
  });
}

function hugeCard(): Card {
  const actions: CardAction[] = Array.from({ length: 40 }, (_, i) => ({ id: `a${i}`, label: long(200), value: long(40) }));
  return card({
    title: long(400),
    headline: long(5000),
    fields: Array.from({ length: 30 }, (_, i) => ({ label: `Field ${i}`, value: long(3000) })),
    costs: Array.from({ length: 200 }, (_, i) => ({
      platform: 'aws-ec2' as const,
      label: `Option ${i} ${long(60)}`,
      monthly: '$1,234.56',
      band: '$1,000-$2,000',
      cheapest: i === 3,
      recommended: i === 4,
      note: '',
    })),
    breakEven: long(4000),
    reasons: Array.from({ length: 100 }, () => ({ rule: 'timeout', polarity: 'con' as const, text: long(500) })),
    changeIf: Array.from({ length: 100 }, () => long(200)),
    assumptions: Array.from({ length: 100 }, () => long(200)),
    math: Array.from({ length: 20 }, (_, i) => ({ platform: 'aws-lambda' as const, label: `P${i}`, lines: Array.from({ length: 200 }, () => long(80)) })),
    changes: Array.from({ length: 60 }, () => long(100)),
    actions,
  });
}

const question: QuestionCard = {
  id: 'traffic',
  text: 'How much traffic does it get?',
  heard: ['Trigger: storage upload', 'Duration: 2 s'],
  hint: null,
  example: '3k a day, busiest 9-5',
  choices: [
    { id: 'answer', label: 'A few per minute', value: '5 per minute' },
    { id: 'answer', label: 'Steady 100 req/s', value: '100 req/s' },
  ],
};

const texts = (m: SlackMessage) => JSON.stringify(m.blocks);
const buttonsOf = (blocks: SlackBlock[]) => blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));

describe('every rendered message is one Slack accepts', () => {
  const cases: [string, SlackMessage][] = [
    ['a normal card', renderCardBlocks(card(), 'c1')],
    ['an oversized card', renderCardBlocks(hugeCard(), 'c1')],
    ['a shared card', renderCardBlocks(card(), 'c1', { sharedBy: 'U1' })],
    ['a question', renderQuestionBlocks(question, 'c1')],
    ['an oversized question', renderQuestionBlocks({ ...question, text: long(5000), hint: long(5000), heard: Array.from({ length: 50 }, () => long(300)), example: long(4000), choices: Array.from({ length: 60 }, (_, i) => ({ id: `c${i}`, label: long(100) })) }, 'c1')],
    ['a notice', renderNoticeBlocks({ level: 'info', title: 'History', text: 'one\ntwo' }, null)],
    ['a 100k-character notice', renderNoticeBlocks({ level: 'info', title: 'History', text: Array.from({ length: 1000 }, () => long(100)).join('\n') }, null)],
    ['a notice with one 10k-character line', renderNoticeBlocks({ level: 'warning', text: long(10_000) }, 'c1')],
    ['the root message before a result', renderRootMessage({ asker: 'U1', description: long(10_000) })],
    ['the root message after a result', renderRootMessage({ asker: 'U1', description: 'x', outcome: { verdict: 'avoid', headline: long(5000) } })],
  ];
  it.each(cases)('%s', (_name, message) => {
    expect(blockKitError(message.blocks)).toBeNull();
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(JSON.stringify(message.blocks).length).toBeLessThanOrEqual(SLACK_LIMITS.messageJson);
    expect(message.text.length).toBeGreaterThan(0);
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  });
});

describe('an oversized card degrades instead of failing', () => {
  const message = renderCardBlocks(hugeCard(), 'c1');

  it('says it was shortened', () => {
    expect(texts(message)).toContain("Shortened to fit Slack's message limits");
  });
  it('keeps the most important parts: title, verdict, costs and buttons', () => {
    const types = message.blocks.map((b) => b.type);
    expect(types[0]).toBe('header');
    expect(texts(message)).toContain(':large_green_circle:');
    expect(texts(message)).toContain('*Monthly cost*');
    expect(types.at(-1)).toBe('actions');
  });
  it('drops the itemised math before the reasons', () => {
    expect(texts(message)).not.toContain('The math: P19');
  });
  it('keeps every cost code block closed', () => {
    const cost = message.blocks.find((b) => b.type === 'section' && 'text' in b && b.text?.text.startsWith('*Monthly cost*'));
    const text = cost && 'text' in cost ? (cost.text?.text ?? '') : '';
    expect(text.match(/```/g)).toHaveLength(2);
    expect(text.endsWith('```')).toBe(true);
  });
  it('shortens button labels to 75 characters', () => {
    for (const button of buttonsOf(message.blocks)) expect(button.text.text.length).toBeLessThanOrEqual(75);
  });
});

describe('a normal card', () => {
  it('is not marked as shortened', () => {
    expect(texts(renderCardBlocks(card(), 'c1'))).not.toContain('Shortened');
  });
  it.each([
    ['fit', ':large_green_circle:'],
    ['marginal', ':large_yellow_circle:'],
    ['avoid', ':red_circle:'],
  ] as const)('shows a %s verdict with %s', (verdict, emoji) => {
    const blocks = renderCardBlocks(card({ verdict }), 'c1').blocks;
    const headline = blocks[1];
    expect(headline && 'text' in headline ? headline.text?.text : '').toBe(`${emoji} *Fit: run it on AWS Lambda*`);
  });
  it('prints the costs as a monospace table with the cheapest and recommended marked', () => {
    const t = texts(renderCardBlocks(card(), 'c1'));
    expect(t).toContain('```');
    expect(t).toMatch(/AWS Lambda \(x86\) +\$1\.52 {2}range \$0\.76-\$3\.04 {2}&lt;- cheapest, recommended/);
    expect(t).toMatch(/EC2 t3\.medium +\$30\.37/);
  });
  it('lists what changed on a re-assessment', () => {
    const t = texts(renderCardBlocks(card({ changes: ['Traffic doubled: Lambda $1.52 -> $3.04'] }), 'c1'));
    expect(t).toContain('*What changed*');
    expect(t).toContain('Lambda $1.52 -&gt; $3.04');
  });
  it('warns when prices are stale', () => {
    expect(texts(renderCardBlocks(card({ pricingStale: true }), 'c1'))).toContain(':warning: Prices as of');
  });
  it('credits whoever shared it', () => {
    expect(texts(renderCardBlocks(card(), 'c1', { sharedBy: 'U42' }))).toContain('Shared by <@U42>');
  });
  it('splits more than 10 fields across sections', () => {
    const fields = Array.from({ length: 25 }, (_, i) => ({ label: `F${i}`, value: 'v' }));
    const sections = renderCardBlocks(card({ fields }), 'c1').blocks.filter((b) => b.type === 'section' && 'fields' in b);
    expect(sections.map((s) => ('fields' in s ? s.fields.length : 0))).toEqual([10, 10, 5]);
  });
});

describe('buttons', () => {
  const blocks = renderCardBlocks(card(), 'conv-123').blocks;
  const buttons = buttonsOf(blocks);

  it('carry the conversation id, the action id and the value back', () => {
    expect(buttons.map((b) => decodeActionValue(b.value))).toEqual([
      { conversationId: 'conv-123', actionId: 'what-if:traffic-x2' },
      { conversationId: 'conv-123', actionId: 'start-over' },
      { conversationId: 'conv-123', actionId: 'share' },
    ]);
    const q = buttonsOf(renderQuestionBlocks(question, 'conv-9').blocks);
    expect(decodeActionValue(q[1]?.value)).toEqual({ conversationId: 'conv-9', actionId: 'answer', value: '100 req/s' });
  });
  it('have action_ids unique within the message even when CardAction ids repeat', () => {
    const q = buttonsOf(renderQuestionBlocks(question, 'conv-9').blocks);
    expect(new Set(q.map((b) => b.action_id)).size).toBe(q.length);
  });
  it('keep their style', () => {
    expect(buttons.map((b) => b.style)).toEqual([undefined, 'danger', 'primary']);
  });
  it('leave out a button whose value cannot fit in 2000 characters, and say so', () => {
    const message = renderCardBlocks(card({ actions: [{ id: 'ok', label: 'OK' }, { id: 'big', label: 'Big', value: long(2500) }] }), 'c1');
    expect(buttonsOf(message.blocks).map((b) => b.text.text)).toEqual(['OK']);
    expect(texts(message)).toContain('Shortened');
  });
  it.each([
    ['not json', null],
    ['{"c":"x"}', null],
    ['{"c":1,"a":"x"}', null],
    ['{"c":null,"a":"history:open"}', { conversationId: null, actionId: 'history:open' }],
  ])('decoding %s gives %j', (raw, expected) => {
    expect(decodeActionValue(raw)).toEqual(expected);
  });
});

describe('mrkdwn text', () => {
  it.each([
    ['a & b', 'a &amp; b'],
    ['<!channel> hi', '&lt;!channel&gt; hi'],
    ['x > y < z', 'x &gt; y &lt; z'],
    ['*bold* stays', '*bold* stays'],
  ])('escapes %j as %j', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });
  it.each([
    ['short', 10, 'short'],
    ['0123456789abc', 10, '012345678…'],
    ['abcdef &amp; more', 9, 'abcdef …'],
  ])('truncates %j to %i characters as %j', (input, max, expected) => {
    expect(truncate(input, max)).toBe(expected);
  });
  it('neutralises mentions smuggled into a workload description', () => {
    const root = renderRootMessage({ asker: 'U1', description: 'ping <!here> & <@U999>' });
    expect(texts(root)).toContain('ping &lt;!here&gt; &amp; &lt;@U999&gt;');
    expect(texts(root)).toContain('<@U1> asked');
  });
});

describe('questions and notices', () => {
  it('a question shows the hint first, the question in bold, what was heard and an example', () => {
    const blocks = renderQuestionBlocks({ ...question, hint: 'I could not read "lots".' }, 'c1').blocks;
    expect(blocks.map((b) => b.type)).toEqual(['section', 'section', 'context', 'context', 'actions']);
    expect(texts({ text: '', blocks })).toContain('*How much traffic does it get?*');
    expect(texts({ text: '', blocks })).toContain('Trigger: storage upload');
  });
  it('a long notice is split on line breaks into several sections, none over 3000 characters', () => {
    const text = Array.from({ length: 100 }, (_, i) => `${i}. ${long(90)}`).join('\n');
    const sections = renderNoticeBlocks({ level: 'info', title: 'History', text }, null).blocks.filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(2);
    for (const s of sections) expect('text' in s ? (s.text?.text.length ?? 0) : 0).toBeLessThanOrEqual(3000);
  });
});

describe('the start modal', () => {
  it('asks for the description within the limits of a plain_text_input', () => {
    const modal = renderStartModal('{"channel":"C1"}') as { callback_id: string; private_metadata: string; blocks: { element: { max_length: number } }[] };
    expect(modal.callback_id).toBe('sf-start');
    expect(modal.private_metadata).toBe('{"channel":"C1"}');
    expect(modal.blocks[0]?.element.max_length).toBe(3000);
  });
});

describe("the fake Slack's Block Kit rules refuse what Slack refuses", () => {
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const btn = (label: string, id: string) => ({ type: 'button', text: { type: 'plain_text', text: label }, action_id: id, value: 'v' });
  it.each([
    ['51 blocks', Array.from({ length: 51 }, () => section('x'))],
    ['a 3001-character section', [section('x'.repeat(3001))]],
    ['an empty section', [section('')]],
    ['11 fields', [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }]],
    ['a 2001-character field', [{ type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] }]],
    ['a 151-character header', [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }]],
    ['a 76-character button label', [{ type: 'actions', elements: [btn('b'.repeat(76), 'a')] }]],
    ['26 buttons in one actions block', [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => btn('b', `a${i}`)) }]],
    ['two buttons with one action_id', [{ type: 'actions', elements: [btn('b', 'same')] }, { type: 'actions', elements: [btn('c', 'same')] }]],
    ['a mrkdwn button label', [{ type: 'actions', elements: [{ ...btn('b', 'a'), text: { type: 'mrkdwn', text: 'b' } }] }]],
  ])('%s', (_name, blocks) => {
    expect(blockKitError(blocks)).toBe('invalid_blocks');
  });
  it('and accept a plain valid message', () => {
    expect(blockKitError([section('ok'), { type: 'actions', elements: [btn('b', 'a')] }])).toBeNull();
  });
});
