import { describe, expect, it } from 'vitest';
import { sampleCard } from '../helpers/card-fixture.js';
import type { Reply } from '../../src/core/advisor-types.js';
import type { Card, CardAction, QuestionCard } from '../../src/core/card.js';
import {
  CHART_FILE_NAME,
  DISCORD_LIMITS,
  VERDICT_COLOURS,
  decodeCustomId,
  decodeSelectValue,
  encodeCustomId,
  encodeSelectValue,
  renderAnswerModal,
  renderNotice,
  renderChartMessage,
  renderQuestion,
  renderResult,
  type CustomId,
  type DiscordMessage,
} from '../../src/adapters/discord/render-card.js';
import { validateMessage, validateModal } from '../e2e/fakes/discord-limits.js';

const CONV = '6f1c2a9e-4b7d-4f0a-9a43-2d8e5b1c7f10';
const long = (n: number, word = 'lorem ipsum ') => word.repeat(Math.ceil(n / word.length)).slice(0, n);

function card(overrides: Partial<Card> = {}): Card {
  return sampleCard({
    reasons: [
      { rule: 'event-driven', polarity: 'pro', text: 'Uploads trigger the work: event-driven.' },
      { rule: 'timeout', polarity: 'blocker', text: '45 min per job is 3x the 15-minute limit.' },
    ],
    actions: [
      { id: 'what-if', label: 'What if traffic doubles?', value: 'traffic x2' },
      { id: 'start-over', label: 'Start over', style: 'danger' },
    ],
    ...overrides,
  });
}

function hugeCard(): Card {
  return card({
    title: long(400),
    headline: long(5000),
    breakEven: long(500),
    fields: Array.from({ length: 30 }, (_, i) => ({ label: `Field ${i} ${long(300)}`, value: long(3000) })),
    costs: Array.from({ length: 60 }, (_, i) => ({
      platform: 'aws-ec2' as const,
      label: `Option ${i}`,
      monthly: '$1,234.56',
      band: '$1,000-$2,000',
      cheapest: false,
      recommended: i === 0,
      note: long(120),
    })),
    reasons: Array.from({ length: 50 }, () => ({ rule: 'steady-traffic', polarity: 'con' as const, text: long(300) })),
    changeIf: Array.from({ length: 40 }, () => long(200)),
    assumptions: Array.from({ length: 40 }, () => long(1500)),
    changes: Array.from({ length: 20 }, () => long(100)),
    pricing: long(3000),
    actions: Array.from({ length: 40 }, (_, i) => ({ id: `a${i}`, label: long(200), value: `v${i}` })),
  });
}

function question(choices: CardAction[], overrides: Partial<QuestionCard> = {}): QuestionCard {
  return { id: 'traffic', text: 'How much traffic?', heard: ['Resize images on upload'], hint: null, example: 'about 3k a day', choices, ...overrides };
}

const choices = (n: number): CardAction[] => Array.from({ length: n }, (_, i) => ({ id: 'answer', label: `Choice ${i}`, value: `value ${i}` }));

function customIds(message: DiscordMessage): string[] {
  return message.components.flatMap((row) => row.components.map((c) => ('custom_id' in c ? c.custom_id : '')));
}

function buttons(message: DiscordMessage) {
  return message.components.flatMap((row) => row.components.filter((c) => c.type === 2));
}

describe('custom_id codec', () => {
  const cases: { id: CustomId; encoded: string }[] = [
    { id: { kind: 'action', conversationId: CONV, actionId: 'answer', value: 'steady' }, encoded: `sf|${CONV}|a|answer|steady` },
    { id: { kind: 'action', conversationId: CONV, actionId: 'start-over' }, encoded: `sf|${CONV}|a|start-over` },
    { id: { kind: 'action', conversationId: CONV, actionId: 'what-if', value: 'a|b' }, encoded: `sf|${CONV}|a|what-if|a|b` },
    { id: { kind: 'action', conversationId: null, actionId: 'answer', value: '' }, encoded: 'sf|-|a|answer|' },
    { id: { kind: 'select', conversationId: CONV }, encoded: `sf|${CONV}|s` },
    { id: { kind: 'type', conversationId: CONV }, encoded: `sf|${CONV}|t` },
    { id: { kind: 'modal', conversationId: null }, encoded: 'sf|-|m' },
  ];
  it.each(cases)('$encoded round-trips', ({ id, encoded }) => {
    expect(encodeCustomId(id)).toBe(encoded);
    expect(decodeCustomId(encoded)).toEqual(id);
  });

  it.each([
    ['an id over 100 characters', { kind: 'action', conversationId: CONV, actionId: 'answer', value: long(80) } as CustomId],
    ['a conversation id with the separator', { kind: 'type', conversationId: 'a|b' } as CustomId],
  ])('refuses %s', (_name, id) => {
    expect(encodeCustomId(id)).toBeNull();
  });

  it.each(['', 'other|x|a|y', 'sf', 'sf|c|zz', 'sf|c|a'])('does not recognise %j', (raw) => {
    expect(decodeCustomId(raw)).toBeNull();
  });

  it('select values carry the action id and value, within 100 characters', () => {
    expect(encodeSelectValue({ id: 'answer', label: 'x', value: 'spiky|bursty' })).toBe('answer|spiky|bursty');
    expect(decodeSelectValue('answer|spiky|bursty')).toEqual({ actionId: 'answer', value: 'spiky|bursty' });
    expect(decodeSelectValue('start-over')).toEqual({ actionId: 'start-over' });
    expect(encodeSelectValue({ id: 'answer', label: 'x', value: long(120) })).toBeNull();
  });
});

describe('question', () => {
  const table = [
    { choices: 0, rows: [1], select: false, shortened: false },
    { choices: 3, rows: [3, 1], select: false, shortened: false },
    { choices: 5, rows: [5, 1], select: false, shortened: false },
    { choices: 6, rows: [1, 1], select: true, shortened: false },
    { choices: 25, rows: [1, 1], select: true, shortened: false },
    { choices: 30, rows: [1, 1], select: true, shortened: true },
  ];
  it.each(table)('$choices choices -> rows of $rows, select: $select', (row) => {
    const message = renderQuestion(CONV, question(choices(row.choices)));
    expect(message.components.map((r) => r.components.length)).toEqual(row.rows);
    expect(message.components.some((r) => r.components.some((c) => c.type === 3))).toBe(row.select);
    expect(message.shortened).toBe(row.shortened);
    expect(validateMessage(message, 0)).toEqual([]);
    // The last row is always the free-text way in, which needs no privileged intent.
    const last = message.components.at(-1)?.components[0];
    expect(last && 'custom_id' in last ? decodeCustomId(last.custom_id) : null).toEqual({ kind: 'type', conversationId: CONV });
  });

  it('a choice button sends back its action id and value', () => {
    const message = renderQuestion(CONV, question(choices(2)));
    expect(decodeCustomId(customIds(message)[1] ?? '')).toEqual({ kind: 'action', conversationId: CONV, actionId: 'answer', value: 'value 1' });
  });

  it('a select offers at most 25 options and says some were left out', () => {
    const message = renderQuestion(CONV, question(choices(30)));
    const select = message.components[0]?.components[0];
    expect(select?.type).toBe(3);
    expect(select && 'options' in select ? select.options.length : 0).toBe(25);
    expect(message.content).toContain('did not fit');
  });

  it('shows what was heard, the hint and the example', () => {
    const message = renderQuestion(CONV, question([], { hint: 'I could not read "lots".', heard: ['3k/day', '2 s'] }));
    expect(message.content).toBe('**How much traffic?**\n> 3k/day\n> 2 s\n_I could not read "lots"._\ne.g. about 3k a day');
  });

  it('shortens text over 2000 characters and long labels', () => {
    const message = renderQuestion(CONV, question([{ id: 'answer', label: long(200), value: 'v' }], { text: long(3000) }));
    expect(message.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(message.content.endsWith('…')).toBe(true);
    expect(message.shortened).toBe(true);
    expect(buttons(message)[0]).toMatchObject({ label: expect.stringMatching(/…$/) });
    expect(validateMessage(message, 0)).toEqual([]);
  });

  it('leaves out a choice whose id cannot fit and says so', () => {
    const message = renderQuestion(CONV, question([{ id: 'answer', label: 'Long', value: long(90) }, ...choices(1)]));
    expect(buttons(message)).toHaveLength(2);
    expect(message.content).toContain('type your answer');
  });
});

describe('result', () => {
  it.each([
    ['fit', VERDICT_COLOURS.fit],
    ['marginal', VERDICT_COLOURS.marginal],
    ['avoid', VERDICT_COLOURS.avoid],
  ] as const)('%s is coloured %i', (verdict, colour) => {
    expect(renderResult(CONV, card({ verdict }), { hasChart: false }).embeds[0]?.color).toBe(colour);
  });

  it('lays out headline, key figures, cost table, reasons, what would change it and pricing date; the math and assumptions are behind Show the math', () => {
    const message = renderResult(CONV, card(), { hasChart: false });
    const embed = message.embeds[0];
    expect(embed?.title).toBe('Resize images on upload');
    expect(embed?.description).toContain('**Fit: run it on AWS Lambda**');
    expect(embed?.fields?.map((f) => f.name)).toEqual(['Traffic', 'Duration', 'Monthly cost', 'Why', 'What would change the answer']);
    expect(embed?.fields?.find((f) => f.name === 'Monthly cost')?.value).toBe(
      '★ **AWS Lambda (x86)**: $1.52/month, range $0.76-$3.04, cheapest, recommended\n**EC2 t3.medium**: $30.37/month\nServers get cheaper above 40 req/s (you are at 0.03 req/s).',
    );
    expect(embed?.fields?.find((f) => f.name === 'Why')?.value).toBe('✅ Uploads trigger the work: event-driven.\n⛔ 45 min per job is 3x the 15-minute limit.');
    expect(embed?.footer?.text).toBe('The arithmetic behind each cost and every assumption: Show the math.\nPrices as of 2025-10-01 (catalog 2025-10-01.1)');
    expect(message.shortened).toBe(false);
    expect(validateMessage(message, 0)).toEqual([]);
  });

  it('warns when prices are stale', () => {
    expect(renderResult(CONV, card({ pricingStale: true }), { hasChart: false }).embeds[0]?.footer?.text).toContain('out of date');
  });

  it('offers the card actions and a free-text what-if, all carrying the conversation id', () => {
    const message = renderResult(CONV, card(), { hasChart: false });
    expect(customIds(message).map((id) => decodeCustomId(id))).toEqual([
      { kind: 'action', conversationId: CONV, actionId: 'what-if', value: 'traffic x2' },
      { kind: 'action', conversationId: CONV, actionId: 'start-over' },
      { kind: 'type', conversationId: CONV },
    ]);
    expect(buttons(message).map((b) => b.style)).toEqual([2, 4, 1]);
  });

  it('points the embed image at the attached chart', () => {
    const message = renderResult(CONV, card(), { hasChart: true });
    expect(message.chartFileName).toBe(CHART_FILE_NAME);
    expect(message.embeds[0]?.image?.url).toBe('attachment://chart.png');
    expect(renderResult(CONV, card(), { hasChart: false }).embeds[0]?.image).toBeUndefined();
  });

  it('fits an oversized card into every Discord limit, keeping costs and saying it was shortened', () => {
    const message = renderResult(CONV, hugeCard(), { hasChart: true });
    expect(validateMessage(message, 1)).toEqual([]);
    const embed = message.embeds[0];
    expect(message.shortened).toBe(true);
    expect(embed?.fields?.some((f) => f.name === 'Assumptions')).toBe(false);
    expect(embed?.fields?.some((f) => f.name === 'Monthly cost')).toBe(true);
    expect(embed?.footer?.text).toContain('Shortened to fit Discord');
    expect(message.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.rows);
    expect(message.components.every((r) => r.components.length <= DISCORD_LIMITS.buttonsPerRow)).toBe(true);
    // The free-text what-if keeps its place even when the card has too many actions.
    expect(decodeCustomId(customIds(message).at(-1) ?? '')).toEqual({ kind: 'type', conversationId: CONV });
  });

  it('splits a long cost table over several fields of at most 1024 characters', () => {
    const costs = hugeCard().costs.slice(0, 20);
    const embed = renderResult(CONV, card({ costs }), { hasChart: false }).embeds[0];
    const costFields = embed?.fields?.filter((f) => f.name.startsWith('Monthly cost')) ?? [];
    expect(costFields.length).toBeGreaterThan(1);
    expect(costFields.every((f) => f.value.length <= DISCORD_LIMITS.fieldValue)).toBe(true);
    // Twenty rows, then the break-even line.
    expect(costFields.map((f) => f.value).join('\n').split('\n')).toHaveLength(21);
  });
});

describe('notice', () => {
  const notice = (overrides: Partial<Extract<Reply, { kind: 'notice' }>> = {}): Extract<Reply, { kind: 'notice' }> => ({
    kind: 'notice',
    conversationId: null,
    level: 'info',
    text: 'Recent assessments:\n1. resize images: fit',
    ...overrides,
  });

  it.each([
    [notice(), 'Recent assessments:\n1. resize images: fit'],
    [notice({ title: 'History' }), '**History**\nRecent assessments:\n1. resize images: fit'],
    [notice({ level: 'error', title: 'Too long', text: 'That is 5000 characters, max 4000.' }), '⚠️ **Too long**\nThat is 5000 characters, max 4000.'],
  ])('renders %#', (input, content) => {
    expect(renderNotice(input).content).toBe(content);
  });

  it('moves a notice over 2000 characters into embeds whole, and keeps its quick replies', () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i}: ${long(80)}`).join('\n');
    const message = renderNotice(notice({ title: 'The arithmetic behind each cost', text, actions: [{ id: 'answer', label: 'Open', value: 'x' }] }));
    expect(message.content).toBe('');
    expect(message.embeds[0]?.title).toBe('The arithmetic behind each cost');
    expect(message.embeds.map((e) => e.description).join('\n')).toBe(text);
    expect(message.shortened).toBe(false);
    expect(decodeCustomId(customIds(message)[0] ?? '')).toEqual({ kind: 'action', conversationId: null, actionId: 'answer', value: 'x' });
    expect(validateMessage(message, 0)).toEqual([]);
  });

  it('cuts a notice past the 6000 characters embeds hold, and says so', () => {
    const message = renderNotice(notice({ text: Array.from({ length: 200 }, () => long(80)).join('\n') }));
    expect(message.embeds.reduce((n, e) => n + (e.description?.length ?? 0), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(message.shortened).toBe(true);
    expect(validateMessage(message, 0)).toEqual([]);
  });
});

describe('answer modal', () => {
  it('has one paragraph input within the modal limits', () => {
    const modal = renderAnswerModal(CONV, { title: long(60), label: long(60), placeholder: long(150) });
    expect(modal).not.toBeNull();
    expect(validateModal(modal)).toEqual([]);
    expect(modal?.components).toHaveLength(1);
    expect(decodeCustomId(modal?.custom_id ?? '')).toEqual({ kind: 'modal', conversationId: CONV });
  });
});

describe('the chart after the card', () => {
  it('is an embed of its own showing the attached chart, in the verdict colour', () => {
    const message = renderChartMessage(card({ verdict: 'avoid' }));
    expect(message.chartFileName).toBe(CHART_FILE_NAME);
    expect(message.embeds).toEqual([{ title: 'Monthly cost as traffic grows', color: 0xe01e5a, image: { url: 'attachment://chart.png' } }]);
    expect(validateMessage(message, 1)).toEqual([]);
  });
});
