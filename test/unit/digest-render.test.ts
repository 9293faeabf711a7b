import { describe, expect, it } from 'vitest';
import { builtInPlatforms } from '../../src/adapters/platforms.js';
import { buildDigest, type BuildDigestInput } from '../../src/core/digest/build-digest.js';
import { threadLinksOf } from '../../src/core/digest/thread-link.js';
import type { WeekFigures } from '../../src/core/digest/digest-types.js';
import { renderDigestChart } from '../../src/render/digest-chart.js';
import { renderDigestDiscord } from '../../src/adapters/discord/render-digest.js';
import { renderDigestSlack } from '../../src/adapters/slack/render-digest.js';
import { renderDigestText } from '../../src/render/digest-text.js';
import type { RepricedDecision } from '../../src/core/reprice/reprice-history.js';
import { assessmentFixture } from '../contract/conversation-store.contract.js';
import { FIXTURE_FIGURES, FIXTURE_REVIEWS, FIXTURE_WINDOW, NO_REVIEWS } from '../contract/digest-store.contract.js';
import { validateMessage } from '../e2e/fakes/discord-limits.js';
import { blockKitError } from '../e2e/fakes/slack-block-kit-rules.js';

// The digest value from hand-computed figures, and its three renderings
// within each platform's limits.

const EMPTY: WeekFigures = {
  assessments: 0,
  byVerdict: { fit: 0, marginal: 0, avoid: 0 },
  workloads: 0,
  recommendedMonthlyUsd: 0,
  alternativeMonthlyUsd: 0,
  savingMonthlyUsd: 0,
  byPlatform: [],
  top: [],
  flipCount: 0,
  flips: [],
  reviews: NO_REVIEWS,
};

const WITH_REVIEWS: WeekFigures = { ...FIXTURE_FIGURES, reviews: FIXTURE_REVIEWS };

function input(overrides: Partial<BuildDigestInput> = {}): BuildDigestInput {
  return {
    workspace: 'T-acme',
    platform: 'slack',
    window: FIXTURE_WINDOW,
    figures: FIXTURE_FIGURES,
    previous: { assessments: 2, workloads: 2, recommendedMonthlyUsd: 10 },
    catalog: { version: '2026-11-01.1', asOf: '2026-11-01' },
    today: new Date('2026-11-23T08:00:00Z'),
    threadLink: threadLinksOf(builtInPlatforms),
    ...overrides,
  };
}

describe('buildDigest', () => {
  it('adds the change since last week and a link to each thread', () => {
    const digest = buildDigest(input());
    expect(digest.change).toEqual({ assessments: 6, recommendedMonthlyUsd: 376 });
    expect(digest.label).toBe('16 Nov - 22 Nov 2026');
    expect(digest.quiet).toBe(false);
    expect(digest.reviews).toEqual([]);
    expect(digest.top[0]).toEqual({ item: FIXTURE_FIGURES.top[0], link: 'https://slack.com/app_redirect?team=T-acme&channel=C-eng&message_ts=17000000.c8' });
    expect(digest.flips.map((f) => f.link)).toEqual([
      'https://slack.com/app_redirect?team=T-acme&channel=C-eng&message_ts=17000000.c8',
      'https://slack.com/app_redirect?team=T-acme&channel=C-eng&message_ts=17000000.c1',
    ]);
  });

  it.each([
    ['2026-11-01', false],
    ['2026-05-27', false], // 180 days before 23 Nov
    ['2026-05-26', true],
    ['not a date', true],
  ])('catalog as of %s is stale: %s', (asOf, stale) => {
    expect(buildDigest(input({ catalog: { version: 'v', asOf } })).catalog.stale).toBe(stale);
  });

  it('a week without assessments is quiet', () => {
    expect(buildDigest(input({ figures: EMPTY })).quiet).toBe(true);
  });

  it('a week with review changes but no assessments is not quiet', () => {
    expect(buildDigest(input({ figures: { ...EMPTY, reviews: FIXTURE_REVIEWS } })).quiet).toBe(false);
  });

  it('links each review to its thread', () => {
    const digest = buildDigest(input({ figures: WITH_REVIEWS }));
    expect(digest.reviews.map((r) => [r.item.reviewId, r.link])).toEqual([
      ['r-reopened', 'https://slack.com/app_redirect?team=T-acme&channel=C-eng&message_ts=17000000.r-reopened'],
      ['r-closed', 'https://slack.com/app_redirect?team=T-acme&channel=C-eng&message_ts=17000000.r-closed'],
      ['r-new', 'https://slack.com/app_redirect?team=T-acme&channel=C-eng&message_ts=17000000.r-new'],
    ]);
  });
});

describe('renderDigestText', () => {
  it('states the hand-computed figures', () => {
    const text = renderDigestText(buildDigest(input()));
    for (const line of [
      'Weekly cost digest: 16 Nov - 22 Nov 2026',
      '8 assessments of 6 workloads: fit 3 · marginal 2 · avoid 3',
      'Since last week: +6 assessments',
      'Recommended options: $386.00/month (+$376.00 since last week)',
      'Saving against the alternatives: $379.00/month',
      'AWS Fargate: $320.00/month, 2 workloads',
      'AWS EC2: no price, 1 workload',
      '1. $200.00/month · AWS Fargate (avoid) · workload c8 (https://slack.com/app_redirect?team=T-acme&channel=C-eng&message_ts=17000000.c8)',
      '5. $1.00/month · AWS Lambda (fit) · workload c5',
      'fit -> avoid · workload c1',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).not.toMatch(/Warning|late|Design reviews/);
  });

  it('lists the reviews that changed, each plan with its cost, after the workloads', () => {
    const text = renderDigestText(buildDigest(input({ figures: WITH_REVIEWS })));
    for (const line of [
      'Design reviews',
      '3 reviews changed: 1 opened · 1 closed · 6 changes',
      'review r-reopened (open): 0 components, 0 assessed · plan $0.00/month · this week: closed · reopened',
      'review r-closed (closed): 1 component, 1 assessed · plan $100.00/month · this week: closed',
      'review r-new (open): 4 components, 2 assessed · plan $42.77/month · this week: opened · 1 added · 1 answer (https://slack.com/app_redirect?team=T-acme&channel=C-eng&message_ts=17000000.r-new)',
    ]) {
      expect(text).toContain(line);
    }
    expect(text.indexOf('Design reviews')).toBeGreaterThan(text.indexOf('Verdicts that flipped'));
  });

  it.each([
    [{ add: 3, 'what-if': 2, change: 1 }, 'this week: 3 added · 1 change · 2 what-ifs'],
    [{ open: 1, remove: 1, close: 2, reopen: 1 }, 'this week: opened · 1 removed · closed 2 times · reopened'],
  ])('says what changed in a review: %o', (changeKinds, words) => {
    const item = { ...FIXTURE_REVIEWS.items[0]!, changeKinds };
    expect(renderDigestText(buildDigest(input({ figures: { ...FIXTURE_FIGURES, reviews: { ...FIXTURE_REVIEWS, items: [item] } } })))).toContain(words);
  });

  it('a week of review work without assessments leaves out the assessment sections', () => {
    const text = renderDigestText(buildDigest(input({ figures: { ...EMPTY, reviews: { ...FIXTURE_REVIEWS, active: 7 } }, previous: { assessments: 0, workloads: 0, recommendedMonthlyUsd: 0 } })));
    expect(text).not.toMatch(/quiet|Assessments|Monthly cost/);
    expect(text).toContain('7 reviews changed');
    expect(text).toContain('and 4 more');
  });

  it.each([
    ['late', input({ late: { scheduledAt: '2026-11-23T08:00:00.000Z' } }), 'Sent late: it was due 2026-11-23 08:00 UTC while I was offline.'],
    ['stale catalog', input({ catalog: { version: '2025-01-01.1', asOf: '2025-01-01' } }), 'Warning: the pricing catalog (2025-01-01.1, as of 2025-01-01) is out of date'],
    ['quiet week', input({ figures: EMPTY }), 'A quiet week: no assessments (2 the week before).'],
    ['more flips than listed', input({ figures: { ...FIXTURE_FIGURES, flipCount: 9 } }), 'and 7 more'],
  ])('%s', (_, given, line) => {
    expect(renderDigestText(buildDigest(given))).toContain(line);
  });

  it('a quiet week is one line between the title and the footer', () => {
    const lines = renderDigestText(buildDigest(input({ figures: EMPTY, previous: { assessments: 0, workloads: 0, recommendedMonthlyUsd: 0 } }))).split('\n');
    expect(lines.filter(Boolean)).toEqual(['Weekly cost digest: 16 Nov - 22 Nov 2026', 'A quiet week: no assessments.', expect.stringMatching(/^Past 7 days/)]);
  });
});

/** The worst case for size: long descriptions with markup characters, many platforms, flips with links. */
function hugeDigest(platform: 'slack' | 'discord') {
  const long = `<b>&${'x'.repeat(4000)}|]`;
  const top = Array.from({ length: 5 }, (_, i) => ({ ...FIXTURE_FIGURES.top[0]!, platform, conversationId: `c${i}`, description: long }));
  const flips = Array.from({ length: 5 }, (_, i) => ({ ...FIXTURE_FIGURES.flips[0]!, platform, conversationId: `f${i}`, description: long }));
  const byPlatform = Array.from({ length: 40 }, (_, i) => ({ platform: `Platform ${i} ${'y'.repeat(200)}`, workloads: i, monthlyUsd: i }));
  const items = Array.from({ length: 5 }, (_, i) => ({ ...FIXTURE_REVIEWS.items[2]!, platform, reviewId: `r${i}`, name: long }));
  const reviews = { ...FIXTURE_REVIEWS, active: 900, items };
  return buildDigest(input({ platform, workspace: '111', figures: { ...FIXTURE_FIGURES, top, flips, byPlatform, flipCount: 500, reviews }, catalog: { version: 'v'.repeat(3000), asOf: '2020-01-01' }, late: { scheduledAt: '2026-11-23T08:00:00.000Z' } }));
}

describe('renderDigestSlack', () => {
  it.each([
    ['the fixture week', buildDigest(input())],
    ['a quiet week', buildDigest(input({ figures: EMPTY }))],
    ['a week with reviews', buildDigest(input({ figures: WITH_REVIEWS }))],
    ['an oversized week', hugeDigest('slack')],
  ])('%s fits Block Kit', (_, digest) => {
    const message = renderDigestSlack(digest);
    expect(blockKitError(message.blocks)).toBeNull();
    expect(message.text.length).toBeLessThanOrEqual(3000);
  });

  it('links each workload to its thread and escapes what Slack would read as markup', () => {
    const message = renderDigestSlack(buildDigest(input({ figures: { ...FIXTURE_FIGURES, top: [{ ...FIXTURE_FIGURES.top[0]!, description: 'a <b> & c | d' }] } })));
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('<https://slack.com/app_redirect?team=T-acme&channel=C-eng&message_ts=17000000.c8|1. $200.00/month · AWS Fargate (avoid) · a &lt;b&gt; &amp; c / d>');
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Weekly cost digest: 16 Nov - 22 Nov 2026' } });
  });
});

describe('renderDigestDiscord', () => {
  it.each([
    ['the fixture week', buildDigest(input({ platform: 'discord', workspace: '111' }))],
    ['a quiet week', buildDigest(input({ platform: 'discord', figures: EMPTY }))],
    ['a week with reviews', buildDigest(input({ platform: 'discord', workspace: '111', figures: WITH_REVIEWS }))],
    ['an oversized week', hugeDigest('discord')],
  ])('%s fits Discord', (_, digest) => {
    const message = renderDigestDiscord(digest);
    expect(validateMessage({ content: message.content || undefined, embeds: message.embeds, components: message.components }, 0)).toEqual([]);
  });

  it('links each workload to its thread as markdown', () => {
    const figures = { ...FIXTURE_FIGURES, top: [{ ...FIXTURE_FIGURES.top[0]!, platform: 'discord' as const, channel: '222', thread: '333' }] };
    const [embed] = renderDigestDiscord(buildDigest(input({ platform: 'discord', workspace: '111', figures }))).embeds;
    expect(embed?.fields?.find((f) => f.name === 'Most expensive workloads')?.value).toBe(
      '• [1. $200.00/month · AWS Fargate (avoid) · workload c8](https://discord.com/channels/111/333)',
    );
  });
});

describe('renderDigestChart', () => {
  it('draws the cost by platform as a PNG', async () => {
    const png = await renderDigestChart(buildDigest(input()));
    expect(png?.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // 520 px wide plus axes and padding, at twice the size.
    expect(png!.readUInt32BE(16)).toBeGreaterThan(1040);
  });

  it.each([
    ['a quiet week', { ...EMPTY }],
    ['one priced platform', { ...FIXTURE_FIGURES, byPlatform: [{ platform: 'AWS Lambda', workloads: 3, monthlyUsd: 12 }, { platform: 'AWS EC2', workloads: 1, monthlyUsd: 0 }] }],
  ])('draws nothing for %s', async (_, figures) => {
    expect(await renderDigestChart(buildDigest(input({ figures })))).toBeNull();
  });
});

describe('the line "at today\'s prices, N past decisions would change"', () => {
  const changed = (id: string, over: Partial<RepricedDecision> = {}): RepricedDecision => ({
    decision: assessmentFixture({ id, conversationId: id, thread: `17000000.${id}`, description: `workload ${id}`, verdict: 'fit', recommended: 'AWS Lambda', recommendedMonthlyUsd: 12.5 }),
    now: { verdict: 'avoid', recommended: 'ECS on Fargate', recommendedMonthlyUsd: 250, alternativeMonthlyUsd: 12.5 },
    changes: ['verdict', 'platform', 'cost'],
    ...over,
  });
  const costOnly = changed('p', { now: { verdict: 'fit', recommended: 'AWS Lambda', recommendedMonthlyUsd: 13, alternativeMonthlyUsd: 30 }, changes: ['cost'] });

  it.each<[string, BuildDigestInput['repriced'], string[]]>([
    ['none would change: no line', { count: 0, decisions: [] }, []],
    ['not wired in: no line', null, []],
    [
      'one, with what changes and its link',
      { count: 1, decisions: [changed('a')] },
      [
        "Past decisions at today's prices:",
        "  At today's prices, 1 past decision would change (catalog 2026-11-01.1):",
        '  fit -> avoid · AWS Lambda -> ECS on Fargate · $12.50/month -> $250.00/month · workload a (https://slack.com/app_redirect?team=T-acme&channel=C-eng&message_ts=17000000.a)',
      ],
    ],
    [
      'a cost that moved, and more than are listed',
      { count: 12, decisions: [costOnly] },
      [
        "Past decisions at today's prices:",
        "  At today's prices, 12 past decisions would change (catalog 2026-11-01.1):",
        '  $12.50/month -> $13.00/month · workload p (https://slack.com/app_redirect?team=T-acme&channel=C-eng&message_ts=17000000.p)',
        '  and 11 more (serverless-fit reprice lists them all)',
      ],
    ],
  ])('%s', (_, repriced, lines) => {
    const text = renderDigestText(buildDigest(input({ repriced })));
    const at = text.indexOf("Past decisions at today's prices:");
    expect(at === -1 ? [] : text.slice(at).split('\n\n')[0]!.split('\n')).toStrictEqual(lines);
  });

  it('stands in a quiet week too', () => {
    const text = renderDigestText(buildDigest(input({ figures: EMPTY, repriced: { count: 1, decisions: [changed('q')] } })));
    expect(text).toContain("At today's prices, 1 past decision would change");
  });

  it.each([
    ['slack', (d: ReturnType<typeof buildDigest>) => blockKitError(renderDigestSlack(d).blocks)],
    ['discord', (d: ReturnType<typeof buildDigest>) => { const m = renderDigestDiscord(d); return validateMessage({ content: m.content || undefined, embeds: m.embeds, components: m.components }, 0)[0] ?? null; }],
  ] as const)('%s: five long linked decisions stay within the limits', (platform, check) => {
    const decisions = Array.from({ length: 5 }, (_, i) => changed(`l${i}`, { decision: { ...changed(`l${i}`).decision, platform, description: `<b>&${'x'.repeat(4000)}|]` } }));
    expect(check(buildDigest(input({ platform, workspace: '111', repriced: { count: 900, decisions } })))).toBeNull();
  });
});
