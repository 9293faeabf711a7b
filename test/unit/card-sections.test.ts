import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/assess.js';
import { buildCard, mathText } from '../../src/core/build-card.js';
import type { Card } from '../../src/core/card.js';
import { parseWorkload } from '../../src/core/parse/parse-workload.js';
import { renderCardMarkdown } from '../../src/render/card-markdown.js';
import { outlineCard, SECTION_HEADINGS, type CardOutline } from '../../src/render/card-sections.js';
import { renderResult } from '../../src/adapters/discord/render-card.js';
import { renderCardBlocks, SLACK_LIMITS, type SlackMessage } from '../../src/adapters/slack/render-card.js';
import { renderCard } from '../../src/render/text.js';
import { sampleCard } from '../helpers/card-fixture.js';
import { shippedCatalog } from '../helpers/cost-fixtures.js';
import { blockKitError } from '../e2e/fakes/slack-block-kit-rules.js';

// One card layout, three markups: the Slack, Discord and terminal cards say the
// same things in the same order, because all three render card-sections' outline.

const catalog = shippedCatalog();
const TODAY = new Date('2026-12-01T00:00:00Z');

function cardFor(text: string): Card {
  const facts = { ...parseWorkload(text).facts, description: text, constraintsAnswered: true };
  return buildCard(assess(facts, catalog), null, TODAY);
}

// Written the way engineers type them: servers win, functions win, n/a rows, jobs, connections.
const WORKLOADS = [
  'REST API for orders, 400 req/s steady all day, 150 ms each, 512 MB',
  'resize images on upload, 2 s each, 3k a day',
  'Stripe webhook handler, 300 ms, 20k events a month',
  'video transcoding, 45 minutes per video, 200 videos a day, 4 GB',
  'WebSocket chat server for 5000 concurrent users, 50 messages/s',
  'nightly cleanup job, 3 minutes',
  'ML inference API on a GPU, 50 req/s, 200 ms',
];

const CARDS: [name: string, card: Card][] = [
  ...WORKLOADS.map((text): [string, Card] => [text, cardFor(text)]),
  ['a card with what changed', sampleCard({ changes: ['Traffic: 2 req/s -> 20 req/s average', 'AWS Lambda: $1.52/month -> $15.20/month'], reasons: [{ rule: 'event-driven', polarity: 'pro', text: 'Uploads trigger the work.' }] })],
];

const SERVERS = new Set(['aws-ec2', 'aws-fargate', 'aws-batch']);

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function slackText(message: SlackMessage): string {
  return unescape(
    message.blocks
      .flatMap((b) => {
        if (b.type === 'header') return [b.text.text];
        if (b.type === 'section') return [...(b.text ? [b.text.text] : []), ...('fields' in b ? b.fields.map((f) => f.text) : [])];
        if (b.type === 'context') return b.elements.map((e) => e.text);
        return [];
      })
      .join('\n'),
  );
}

function discordText(card: Card): string {
  const embed = renderResult('c1', card, { hasChart: true }).embeds[0];
  return [embed?.title, embed?.description, ...(embed?.fields ?? []).flatMap((f) => [f.name, f.value]), embed?.footer?.text].join('\n');
}

/** What a reader must find, in order: the headline, then each section's heading and every figure and sentence in it. */
function needles(outline: CardOutline, headings: (id: string) => boolean): string[] {
  const out = [outline.title, outline.headline];
  for (const section of outline.sections) {
    if (headings(section.id)) out.push(section.heading);
    for (const line of section.lines) {
      if (line.row) out.push(line.row.label, line.row.monthly, line.row.band, line.row.marks, line.row.note);
      else if (line.label !== null) out.push(line.label, line.value ?? '');
      else out.push(line.text);
    }
  }
  out.push(outline.moreHint, outline.pricing);
  return out.filter(Boolean);
}

function inOrder(text: string, wanted: string[]): string[] {
  const missing: string[] = [];
  let at = 0;
  for (const needle of wanted) {
    const found = text.indexOf(needle, at);
    if (found < 0) missing.push(needle);
    else at = found + needle.length;
  }
  return missing;
}

describe.each(CARDS)('the card for "%s"', (_name, card) => {
  const outline = outlineCard(card);
  const slack = renderCardBlocks(card, 'c1');

  it('reads the same on Slack, Discord, the terminal and in a Markdown export', () => {
    const all = needles(outline, () => true);
    // Discord shows "What I used" as inline fields named by their labels: no heading of its own.
    const discord = needles(outline, (id) => id !== 'fields');
    expect(inOrder(slackText(slack), all)).toEqual([]);
    expect(inOrder(discordText(card), discord)).toEqual([]);
    expect(inOrder(renderCard(card, { color: false }), all)).toEqual([]);
    // The export keeps the arithmetic and assumptions in the document itself, after the card's sections.
    const markdown = renderCardMarkdown(card, { conversationId: 'c1', at: '2026-12-01T10:00:00.000Z' }).replace(/\\([\\`*_[\]<>#|])/g, '$1');
    expect(inOrder(markdown, needles({ ...outline, moreHint: '' }, () => true).map((n) => n.replace(/^range /, '')))).toEqual([]);
  });

  it('puts the sections in the one order every platform uses', () => {
    const order = Object.keys(SECTION_HEADINGS);
    const ids = outline.sections.map((s) => s.id);
    expect(ids).toEqual([...ids].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(ids).toContain('costs');
  });

  it('marks the recommended row in one wording, with its sizing when it is servers', () => {
    const recommended = card.costs.filter((c) => c.recommended);
    expect(recommended.length).toBeLessThanOrEqual(1);
    for (const row of recommended) {
      const line = outline.sections.find((s) => s.id === 'costs')?.lines.find((l) => l.row?.label === row.label);
      expect(line?.row?.marks).toMatch(/^(cheapest, )?recommended$/);
      // "c5.large x 17" beside "$1,118.00, cheapest, recommended", not only behind "Show the math".
      if (SERVERS.has(row.platform)) expect(line?.row?.note).toBe(row.note);
      if (SERVERS.has(row.platform)) expect(row.note).not.toBe('');
    }
  });

  it('fits Slack: a valid message, nothing shortened, the math and assumptions left to "Show the math"', () => {
    expect(blockKitError(slack.blocks)).toBeNull();
    expect(slack.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    const text = slackText(slack);
    expect(text).not.toContain('Shortened');
    for (const line of card.math.flatMap((m) => m.lines)) expect(text).not.toContain(line);
    for (const assumption of card.assumptions) expect(text).not.toContain(assumption);
    // A card read in ten seconds: the old one carried every platform's math and ran to about 7,600 characters.
    expect(text.length).toBeLessThan(3_000);
  });

  it('gives "Show the math" every platform\'s arithmetic and every assumption', () => {
    const math = mathText(card);
    for (const line of card.math.flatMap((m) => m.lines)) expect(math).toContain(line);
    for (const assumption of card.assumptions) expect(math).toContain(assumption);
  });
});

describe('one number style in the cost rows', () => {
  const heavy = 'REST API, 50000 req/s at peak, 100 ms, 1 GB';
  it.each([...WORKLOADS, heavy])('"%s": amounts in dollars and cents, every count grouped', (text) => {
    const card = cardFor(text);
    for (const row of card.costs) expect(row.monthly).toMatch(/^(n\/a|\$\d{1,3}(,\d{3})*(\.\d\d)?)$/);
    // "2-200000 tasks" beside "146,000,000 task-hours" was two styles in one sentence.
    for (const row of card.costs) expect(row.note, row.label).not.toMatch(/(^|[^\d,.])\d{4,}/);
  });

  it('groups the task counts of a large Fargate service', () => {
    expect(cardFor(heavy).costs.find((c) => c.platform === 'aws-fargate')?.note).toMatch(/\d+-\d{1,3},\d{3} tasks/);
  });
});
