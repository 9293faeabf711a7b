import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { eventually } from '../fakes/chat-driver.js';
import { fixturePath } from '../../helpers/template-fixtures.js';
import type { PlatformDriver, Posted } from './platform-driver.js';
import { nextIn, say } from './review-scenarios.js';

// A template file dropped into a design review's thread, written once for
// every platform whose people can share files: hostile and non-template files
// are refused with one sentence and import nothing; the shop's serverless.yml
// becomes its components, the interview asks only for traffic, "assume
// defaults for the rest" finishes it, and a changed version dropped again
// says what changed and keeps the traffic already answered.

const SHOP = readFileSync(fixturePath('shop/serverless.yml'), 'utf8');
/** The shop a week later: the worker gone, a mailer added, the nightly report bigger and longer. */
const SHOP_NEXT_WEEK = SHOP.replace('memorySize: 256', 'memorySize: 2048')
  .replace('timeout: 300', 'timeout: 1200')
  .replace(/ {2}worker:\n[\s\S]*?(?= {2}nightly:)/, '')
  .replace('functions:\n', 'functions:\n  mailer:\n    handler: src/mail.handler\n    events:\n      - sns: order-placed\n');
/** Nine levels of aliases, each nine of the one before: about 387 million values if expanded. */
const ANCHOR_BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** What a person reads: Slack's mrkdwn escapes are shown as the characters they stand for. */
const textOf = (d: PlatformDriver, message: Posted) => d.read(message).text.replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');

async function drop(d: PlatformDriver, root: Posted, user: string, name: string, text: string): Promise<Posted> {
  const seen = d.thread(root).length;
  await d.upload?.(user, root, name, Buffer.from(text));
  return nextIn(d, root, seen);
}

async function refused(d: PlatformDriver, root: Posted, user: string, name: string, bytes: Buffer): Promise<string> {
  const told = d.toldInThread?.(root).length ?? 0;
  await d.upload?.(user, root, name, bytes);
  return eventually(() => d.toldInThread?.(root)[told], `what the bot said about ${name}`);
}

export async function templateDroppedIntoAReviewAndDroppedAgain(d: PlatformDriver): Promise<void> {
  if (!d.upload || !d.toldInThread) throw new Error(`${d.platform}: the driver cannot share files`);
  const alice = d.user('alice');
  const bob = d.user('bob');
  const channel = d.channel();
  await d.command(alice, channel, 'review shop');
  const root = await eventually(() => d.roots(channel).find((m) => textOf(d, m).includes('Design review: shop')), 'the review card');
  await nextIn(d, root, 0);
  const review = () => d.app.ports.reviews.findByThread({ platform: d.platform, workspace: d.workspace, channel, thread: root.id });

  // Hostile and foreign files: one sentence each, naming the format and where reading stopped; nothing imported.
  expect(await refused(d, root, alice, 'bomb.yml', Buffer.from(ANCHOR_BOMB))).toMatch(/Reading bomb\.yml as YAML stopped at line \d+: its anchors and aliases expand to more than [\d,]+ values\. Nothing was imported\./);
  expect(await refused(d, root, alice, 'diagram.png', PNG)).toMatch(/diagram\.png is not a serverless\.yml, SAM\/CloudFormation .* nothing was imported\./);
  expect(await refused(d, root, bob, 'include.yml', Buffer.from('service: x\nfunctions: !Include /etc/passwd\n'))).toMatch(/include\.yml reads as Serverless Framework .* but defines no Lambda functions or ECS services\. Nothing was imported\./);
  expect((await review())?.components).toHaveLength(0);

  // The shop's template: four components, the interview asks the first for its traffic.
  const first = await drop(d, root, alice, 'serverless.yml', SHOP);
  expect(textOf(d, first)).toContain('serverless.yml (Serverless Framework (serverless.yml)): 3 functions (1 HTTP, 1 queue, 1 schedule) and 1 container service; 3 need traffic.');
  expect(textOf(d, first)).toContain('api: How much traffic does it get?');
  await eventually(() => textOf(d, root).includes('4 components, 1 assessed, 3 in interview'), 'the card with the template components');

  // Traffic for the API by one person; "assume defaults for the rest" by another finishes the interview.
  expect(textOf(d, await say(d, root, bob, '3k requests a day'))).toContain('worker: How much traffic does it get?');
  const plan = await say(d, root, alice, 'assume defaults for the rest');
  expect(textOf(d, plan)).toMatch(/Recommended hybrid plan: \$[\d,.]+\/month/);
  await eventually(() => textOf(d, root).includes('4 components, 4 assessed'), 'the card with every component assessed');
  expect((await review())?.components.every((c) => c.last !== null)).toBe(true);

  // The template a week later: what changed is said, the API keeps its answered traffic, the trail has it all.
  const again = textOf(d, await drop(d, root, bob, 'serverless.yml', SHOP_NEXT_WEEK));
  expect(again).toContain('Added mailer.');
  expect(again).toContain('Removed worker.');
  expect(again).toContain('Changed nightly: memory 256 MB -> 2048 MB; timeout 300 s -> 1200 s (now over 15 min).');
  expect(again).toContain('mailer: How much traffic does it get?');
  const api = (await review())?.components.find((c) => c.name === 'api');
  expect(api?.facts.traffic?.echo).toBe('3,000 requests/day');
  expect((await review())?.components.map((c) => c.name)).toEqual(['api', 'nightly', 'web', 'mailer']);
  const trail = await d.app.ports.reviews.changes(d.workspace, (await review())?.id ?? '');
  expect(trail.filter((c) => c.actor === bob).map((c) => [c.kind, c.component])).toEqual(expect.arrayContaining([['add', 'mailer'], ['remove', 'worker'], ['change', 'nightly']]));
}
