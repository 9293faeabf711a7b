import { describe, expect, it } from 'vitest';
import { buildReviewCard } from '../../src/core/review/review-card.js';
import type { ComponentResult, Review, ReviewComponent, ReviewChange } from '../../src/core/review/review-types.js';
import { decodeCustomId } from '../../src/adapters/discord/render-card.js';
import { renderReviewDiscord } from '../../src/adapters/discord/render-review.js';
import { renderReviewSlack } from '../../src/adapters/slack/render-review.js';
import { renderReviewMarkdown, renderReviewText } from '../../src/render/review-text.js';
import { decodeActionValue } from '../../src/adapters/slack/render-card.js';
import { validateMessage } from '../e2e/fakes/discord-limits.js';
import { blockKitError } from '../e2e/fakes/slack-block-kit-rules.js';

// The summary card on every platform: figures a person can add up, and
// within each platform's limits however big the review gets.

function result(overrides: Partial<ComponentResult>): ComponentResult {
  return {
    verdict: 'fit',
    platform: 'AWS Lambda',
    score: 80,
    monthlyUsd: {},
    averageRps: 0.03,
    durationMs: 2000,
    memoryMb: 1024,
    recommendedPlatform: 'aws-lambda',
    recommendedUsd: 3.06,
    serverlessPlatform: 'aws-lambda',
    serverlessUsd: 3.06,
    containersPlatform: 'aws-ec2',
    containersUsd: 33.95,
    layer: 'functions',
    risks: [],
    ...overrides,
  };
}

function component(id: number, name: string, last: ComponentResult | null, kind: ReviewComponent['kind'] = 'workload'): ReviewComponent {
  return { id: `c${id}`, name, kind, facts: {}, pending: last || kind === 'data' ? null : 'traffic', misses: 0, last, addedBy: 'U1', addedAt: '2026-11-26T10:00:00.000Z', updatedAt: '2026-11-26T10:00:00.000Z' };
}

function review(components: ReviewComponent[], status: Review['status'] = 'open'): Review {
  return {
    id: 'ab12cd34',
    key: { platform: 'slack', workspace: 'T1', channel: 'C1', thread: '1700.1', user: 'U1' },
    name: 'checkout platform',
    status,
    components,
    nextComponent: components.length,
    anchor: null,
    createdAt: '2026-11-26T10:00:00.000Z',
    updatedAt: '2026-11-26T10:00:00.000Z',
  };
}

const TRAIL = { changes: 7, lastActor: 'U2', lastAt: '2026-11-26T10:30:00.000Z' };

const SMALL = review([
  component(1, 'image pipeline', result({})),
  component(2, 'checkout api', result({ verdict: 'avoid', platform: 'Amazon EC2', recommendedPlatform: 'aws-ec2', recommendedUsd: 211.92, serverlessUsd: 958.56, containersUsd: 211.92, layer: 'containers', risks: [{ text: '4.5x the cost at 200 req/s', weight: 30, blocker: false }] })),
  component(3, 'nightly report', result({ verdict: 'avoid', platform: 'AWS Batch', recommendedPlatform: null, recommendedUsd: null, serverlessUsd: null, containersUsd: 11.52, layer: 'containers', risks: [{ text: '45 min is 3x the 15-minute limit', weight: 50, blocker: true }] })),
  component(4, 'edge redirects', result({ platform: 'Cloudflare Workers', recommendedUsd: 5, serverlessUsd: 5, containersUsd: 40, layer: 'edge' })),
  component(5, 'orders db', null, 'data'),
  component(6, 'search api', null),
]);

describe('the review card', () => {
  it('adds up the per-component figures, naming what a total leaves out', () => {
    const card = buildReviewCard(SMALL, TRAIL);
    expect(card.totals).toEqual({
      recommendedUsd: 3.06 + 211.92 + 11.52 + 5,
      serverlessUsd: 3.06 + 958.56 + 5,
      containersUsd: 33.95 + 211.92 + 11.52 + 40,
      serverlessExcludes: ['nightly report'],
      containersExcludes: [],
      assessed: 4,
    });
    expect(card.totalLines).toEqual([
      'Recommended hybrid plan: $231.50/month',
      'All serverless: $966.62/month (without nightly report: no functions platform can run them)',
      'All containers: $297.39/month',
      'The hybrid plan saves $65.89/month against all containers.',
      'Not yet counted: 1 component still in interview.',
      'Data stores are listed, not costed.',
    ]);
    expect(card.headline).toBe('6 components, 4 assessed, 1 in interview; recommended plan $231.50/month');
    expect(card.risks).toEqual(['nightly report: 45 min is 3x the 15-minute limit', 'checkout api: 4.5x the cost at 200 req/s']);
    expect(card.interviewing.map((c) => [c.name, c.platform])).toEqual([['search api', 'interviewing: traffic?']]);
    expect(card.layers.map((l) => l.title)).toEqual(['Edge', 'Core services on containers', 'Event processing on functions', 'Data']);
  });

  it('says how to start when empty, and offers reopen once closed', () => {
    expect(buildReviewCard(review([]), TRAIL).headline).toMatch(/^No components yet/);
    expect(buildReviewCard(review([], 'closed'), TRAIL)).toMatchObject({ title: 'Final design review: checkout platform', actions: [{ id: 'review-reopen' }] });
  });
});

describe('renderers', () => {
  const card = buildReviewCard(SMALL, TRAIL);

  it('text lists every component with the figures behind the totals', () => {
    const text = renderReviewText(card);
    expect(text).toContain('  * checkout api: avoid, Amazon EC2, $211.92/month (serverless $958.56, containers $211.92)');
    expect(text).toContain('  * nightly report: avoid, AWS Batch, $11.52/month (serverless n/a, containers $11.52)');
    expect(text).toContain('Recommended hybrid plan: $231.50/month');
  });

  it('Markdown has a heading per section and the trail as a table, with people\'s text escaped', () => {
    const trail: ReviewChange[] = [{ reviewId: 'ab12cd34', seq: 1, at: '2026-11-26T10:01:00.000Z', actor: 'U2', kind: 'add', component: 'image pipeline', text: 'resize | crop *fast*' }];
    const md = renderReviewMarkdown(card, trail);
    expect(md).toMatch(/^# Design review: checkout platform\n/);
    expect(md).toContain('## Core services on containers');
    expect(md).toContain('| 2026-11-26 10:01 | U2 | add | image pipeline | resize \\| crop \\*fast\\* |');
  });

  it('Slack: a valid Block Kit message whose buttons carry the review id', () => {
    const message = renderReviewSlack(card);
    expect(blockKitError(message.blocks)).toBeNull();
    const buttons = message.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
    expect(buttons.map((b) => decodeActionValue(b.value))).toEqual([
      { conversationId: 'ab12cd34', actionId: 'review-add' },
      { conversationId: 'ab12cd34', actionId: 'review-summary' },
      { conversationId: 'ab12cd34', actionId: 'review-close' },
    ]);
    expect(JSON.stringify(message.blocks)).toContain(':red_circle: checkout api: avoid');
  });

  it('Discord: a valid embed whose buttons carry the review id', () => {
    const message = renderReviewDiscord(card);
    expect(validateMessage(message, 0)).toEqual([]);
    const ids = message.components.flatMap((r) => r.components).map((c) => ('custom_id' in c ? decodeCustomId(c.custom_id) : null));
    expect(ids).toEqual([
      { kind: 'action', conversationId: 'ab12cd34', actionId: 'review-add' },
      { kind: 'action', conversationId: 'ab12cd34', actionId: 'review-summary' },
      { kind: 'action', conversationId: 'ab12cd34', actionId: 'review-close' },
    ]);
    expect(message.shortened).toBe(false);
  });

  it.each([10, 40])('stays within both platforms\' limits with %i long-named components', (n) => {
    const long = 'x'.repeat(55);
    const big = review(
      Array.from({ length: n }, (_, i) => component(i + 1, `${long}${i}`, result({ layer: i % 2 ? 'functions' : 'containers', risks: [{ text: 'r'.repeat(400), weight: i, blocker: false }] }))),
    );
    const bigCard = buildReviewCard(big, TRAIL);
    const slack = renderReviewSlack(bigCard);
    expect(blockKitError(slack.blocks)).toBeNull();
    expect(JSON.stringify(slack.blocks)).toContain('Recommended hybrid plan');
    const discord = renderReviewDiscord(bigCard);
    expect(validateMessage(discord, 0)).toEqual([]);
    expect(discord.embeds[0]?.fields?.[0]?.value).toContain('Recommended hybrid plan');
  });
});
