import { afterEach, describe, expect, it } from 'vitest';
import { SlackHarness, blocksText } from './fakes/slack-harness.js';
import { startDiscordHarness, type DiscordHarness } from './fakes/discord-harness.js';
import { answered, latestIn, pressOnToResult } from './fakes/discord-messages.js';
import type { InteractionInit } from './fakes/discord-server.js';

// `/serverless-fit settings region` on both chat platforms, through the real
// Bolt app and discord.js client against the fake servers: the answer is
// private, the default is kept per workspace, and the next assessment that
// names no region is priced there, its card saying so.

let slack: SlackHarness | null = null;
let discord: DiscordHarness | null = null;
afterEach(async () => {
  await slack?.close();
  await discord?.close();
  slack = null;
  discord = null;
});

/** The private answer to a slash command: in the acknowledgement, or posted to its response_url. */
/** Asks about one small workload in a thread, answers its question, and returns the card. */
async function webhookReceiverCard(h: SlackHarness) {
  const before = h.rootMessages().length;
  await h.command('webhook receiver, 20 rps steady, 150 ms each');
  const root = await h.fake.waitFor(() => h.rootMessages()[before]);
  await h.nextInThread(root.ts, 0);
  await h.say(root.ts, 'none');
  return h.fake.waitFor(() => h.thread(root.ts).find((m) => blocksText(m).includes('*Monthly cost*')));
}

async function slackAnswer(h: SlackHarness, text: string): Promise<string> {
  const before = h.fake.responses.length;
  const ack = await h.command(text);
  expect(ack.status).toBe(200);
  if (ack.body) {
    const body = JSON.parse(ack.body) as { response_type?: string; text?: string };
    if (body.text) {
      expect(body.response_type).toBe('ephemeral');
      return body.text;
    }
  }
  const told = await h.fake.waitFor(() => h.fake.responses[before]);
  expect(told.body).toMatchObject({ response_type: 'ephemeral' });
  return (told.body as { text: string }).text;
}

describe('Slack', () => {
  it('shows, sets and clears the default region privately, and the next card is priced there', async () => {
    const h = (slack = await SlackHarness.start());
    const table: [string, RegExp][] = [
      ['settings region', /No default region is set for this workspace: assessments that name no region are priced in us-east-1/],
      ['settings region Frankfurt', /default region is now eu-central-1 \(Europe \(Frankfurt\)\).*pricing refresh --region eu-central-1/],
      ['settings region', /This workspace's default region is eu-central-1/],
      ['settings region the moon', /"the moon" is not a region I know/],
    ];
    for (const [text, says] of table) expect(await slackAnswer(h, text), text).toMatch(says);

    const card = await webhookReceiverCard(h);
    expect(blocksText(card)).toContain('region eu-central-1 (workspace default), priced at us-east-1');

    expect(await slackAnswer(h, 'settings region clear')).toMatch(/Default region cleared/);
    expect(await slackAnswer(h, 'settings region')).toMatch(/No default region is set/);
  });

  it('shows, sets and clears the standing commitment privately, and the next card says it was asked for by the setting', async () => {
    const h = (slack = await SlackHarness.start());
    const table: [string, RegExp][] = [
      ['settings commitment', /No commitment is set for this workspace: assessments are priced on-demand/],
      ['settings commitment 1y CSP no-upfront', /standing commitment is now a 1-year Compute Savings Plan, no upfront: .*has no published rate for it.*pricing refresh/],
      ['settings commitment', /This workspace's standing commitment is a 1-year Compute Savings Plan, no upfront/],
      ['settings commitment on spot', /Spot is for work that can be interrupted/],
      ['settings commitment lots', /"lots" is not a commitment I can price/],
    ];
    for (const [text, says] of table) expect(await slackAnswer(h, text), text).toMatch(says);

    const card = await webhookReceiverCard(h);
    expect(blocksText(card)).toContain("This workspace's commitment setting asks for a 1-year Compute Savings Plan, no upfront, but catalog");

    expect(await slackAnswer(h, 'settings commitment clear')).toMatch(/Standing commitment cleared/);
    expect(await slackAnswer(h, 'settings commitment')).toMatch(/No commitment is set/);
  });

  it('a design review prices each component in the workspace default region unless its words name one', async () => {
    const h = (slack = await SlackHarness.start());
    expect(await slackAnswer(h, 'settings region eu-west-1')).toMatch(/default region is now eu-west-1/);
    const before = h.rootMessages().length;
    await h.command('review checkout platform');
    const root = await h.fake.waitFor(() => h.rootMessages()[before]);
    await h.say(root.ts, ['- stripe webhook: 5k/day, 300 ms', '- tokyo sync: 2k/day, 2 s, runs in ap-northeast-1'].join('\n'));
    const card = () => blocksText(h.rootMessages()[before]!);
    await h.say(root.ts, 'assume defaults for the rest');
    await h.fake.waitFor(() => (card().includes('tokyo sync') && card().includes('stripe webhook') && !card().includes('interviewing') ? true : undefined));
    const rows: [string, string][] = [
      ['stripe webhook', '(eu-west-1, workspace default; AWS priced at us-east-1)'],
      ['tokyo sync', '(ap-northeast-1; AWS priced at us-east-1)'],
    ];
    // One row per component ("stripe webhook: fit, AWS Lambda (...), $x/month ..."), up to the escaped line break.
    for (const [name, priced] of rows) expect(new RegExp(`${name}: [a-z]+, [^\\\\]*`).exec(card())?.[0], name).toContain(priced);
  });
});

describe('Discord', () => {
  it('the settings sub-command with its choices sets the default for this workspace only, and the card says so', async () => {
    const h = (discord = await startDiscordHarness());
    const dm: InteractionInit = { guildId: null, channelId: '820000000000000001', channelType: 1, userId: '830000000000000001' };
    const otherDm: InteractionInit = { guildId: null, channelId: '820000000000000002', channelType: 1, userId: '830000000000000002' };
    const say = async (init: InteractionInit, value?: string) => {
      const id = await h.fake.slashCommand(init, 'settings', value === undefined ? { setting: 'region' } : { setting: 'region', value });
      await answered(h.fake, id);
      return JSON.stringify(h.fake.originalOf(id));
    };
    expect(await say(dm, 'ap-northeast-1')).toMatch(/default region is now ap-northeast-1 \(Asia Pacific \(Tokyo\)\)/);
    expect(await say(dm)).toMatch(/default region is ap-northeast-1/);
    // Each person's direct messages are a workspace of their own.
    expect(await say(otherDm)).toMatch(/No default region is set/);

    const commitment = await h.fake.slashCommand(dm, 'settings', { setting: 'commitment', value: 'reserved instances, partial upfront, 3 years' });
    await answered(h.fake, commitment);
    expect(JSON.stringify(h.fake.originalOf(commitment))).toMatch(/standing commitment is now 3-year Reserved Instances, partial upfront/);
    const first = await h.fake.slashCommand(dm, 'assess', { description: 'webhook receiver, 20 rps steady, 150 ms each' });
    await pressOnToResult(h.fake, dm, first);
    const card = JSON.stringify(latestIn(h.fake, dm.channelId));
    expect(card).toContain('region ap-northeast-1 (workspace default), priced at us-east-1');
    expect(card).toContain("This workspace's commitment setting asks for 3-year Reserved Instances, partial upfront, but catalog");
  });
});
