import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { builtInPlatforms } from '../../src/adapters/platforms.js';
import { fixturePath } from '../helpers/template-fixtures.js';
import { eventually } from './fakes/chat-driver.js';
import { slackScenarioDriver, type SlackScenarioDriver } from './scenarios/slack-scenario-driver.js';

// A template shared in a review's thread on Slack goes through the durable
// inbox like any delivery: Slack's retry of the same event and a restart
// afterwards import it once and answer it once; the file is fetched with the
// bot token from Slack's file host only.

let d: SlackScenarioDriver | null = null;
afterEach(async () => {
  await d?.close();
  d = null;
}, 30_000);

/** A Slack app with a review named "shop" open in a channel, its how-to note posted. */
async function openShopReview() {
  d = await slackScenarioDriver(builtInPlatforms);
  const driver = d;
  const alice = driver.user('alice');
  const channel = driver.channel();
  await driver.command(alice, channel, 'review shop');
  const root = await eventually(() => driver.roots(channel).find((m) => driver.read(m).text.includes('Design review: shop')), 'the review card');
  await eventually(() => driver.thread(root).length >= 1, 'the how-to note');
  return { driver, alice, channel, root };
}

it('a retried file share and a restart import the template once and answer once', async () => {
  const { driver, alice, channel, root } = await openShopReview();

  await driver.upload?.(alice, root, 'serverless.yml', readFileSync(fixturePath('shop/serverless.yml')));
  await eventually(() => driver.thread(root).some((m) => driver.read(m).text.includes('3 functions')), 'the import summary');
  await driver.retryLastUpload();
  await driver.app.restart();
  await driver.say(alice, root, 'summary');
  await eventually(() => driver.thread(root).some((m) => driver.read(m).text.includes('Recommended hybrid plan')), 'the summary after the restart');

  const summaries = driver.thread(root).filter((m) => driver.read(m).text.includes('serverless.yml (Serverless Framework'));
  expect(summaries).toHaveLength(1);
  const review = await driver.app.ports.reviews.findByThread({ platform: 'slack', workspace: driver.workspace, channel, thread: root.id });
  expect(review?.components.map((c) => c.name)).toEqual(['api', 'worker', 'nightly', 'web']);
  expect((await driver.app.ports.reviews.changes(driver.workspace, review?.id ?? '')).filter((c) => c.text.startsWith('imported serverless.yml'))).toHaveLength(1);
  // Downloaded once, with the bot token, from the file host files.info named.
  expect(driver.fake.downloads).toEqual([{ path: expect.stringMatching(/^\/files-pri\/T\w+-F\d+\/download\/serverless\.yml$/), authorized: true }]);
}, 60_000);

it('a file whose download link leaves Slack\'s file host is not fetched', async () => {
  const { driver, alice, channel, root } = await openShopReview();
  const original = driver.fake.hostFile;
  driver.fake.hostFile = (name, bytes) => original(name, bytes, { url: 'http://169.254.169.254/latest/meta-data/serverless.yml' });
  await driver.upload?.(alice, root, 'serverless.yml', Buffer.from('service: x\n'));
  const told = await eventually(() => driver.toldInThread?.(root)[0], 'the refusal');
  expect(told).toContain("serverless.yml could not be read: it is not stored on the chat platform's file host");
  expect(driver.fake.downloads).toEqual([]);
  expect((await driver.app.ports.reviews.findByThread({ platform: 'slack', workspace: driver.workspace, channel, thread: root.id }))?.components).toEqual([]);
}, 30_000);
