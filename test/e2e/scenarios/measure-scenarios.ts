import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadRecordedSeries } from '../fakes/aws-recorded-series.js';
import { startFakeAws, type FakeAws } from '../fakes/aws-server.js';
import { eventually } from '../fakes/chat-driver.js';
import type { PlatformDriver, Posted } from './platform-driver.js';
import type { AppOptions } from './serve-app.js';

// Measured traffic in chat, written once for every platform: the app served
// with the AWS settings from its environment (the endpoint override pointing
// at a fake CloudWatch and Lambda started here, the SDK's default credential
// chain reading keys from the process environment), the real SDK clients
// reading the recorded series. A measured card in a thread of its own, a
// design review's component measured, and each failure told only to the asker.

export interface AwsScene {
  fake: FakeAws;
  /** What the app is served with: the region and the fake's endpoint. */
  options: AppOptions;
  /** Runs `work` with the SDK finding no credentials at all. */
  withoutCredentials<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIAFAKEKEYID0000002', AWS_SECRET_ACCESS_KEY: 'scenario/secret+never+shown' };

export async function startAwsScene(): Promise<AwsScene> {
  const fake = await startFakeAws();
  loadRecordedSeries(fake, Date.now());
  const home = mkdtempSync(join(tmpdir(), 'sf-aws-scene-'));
  const saved = { ...process.env };
  // The SDK reads credentials from the process environment itself; no profile files, no instance metadata.
  Object.assign(process.env, CREDENTIALS, {
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  return {
    fake,
    options: { env: { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: fake.url } },
    async withoutCredentials(work) {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      try {
        return await work();
      } finally {
        Object.assign(process.env, CREDENTIALS);
      }
    },
    async close() {
      process.env = saved;
      await fake.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

const textOf = (d: PlatformDriver, message: Posted) => d.read(message).text;

/** The measured card: the root message (Discord) or the newest in its thread (Slack). */
function measuredCard(d: PlatformDriver, channel: string): Posted | undefined {
  const root = d.roots(channel)[0];
  if (!root) return undefined;
  return [root, ...d.thread(root)].find((m) => textOf(d, m).includes('Monthly cost'));
}

export async function measuredAssessmentInChat(d: PlatformDriver, aws: AwsScene): Promise<void> {
  const alice = d.user('alice');
  const channel = d.channel();
  await d.command(alice, channel, 'assess from lambda notify-api eu-west-1');
  const card = await eventually(() => measuredCard(d, channel), 'the measured card');
  const text = textOf(d, card);
  expect(text).toMatch(/measured over 14 days/);
  expect(text).toMatch(/Measured requests/);
  expect(text).toMatch(/256 MB \(configured on the function\)/);
  // The real SDK signed its calls for CloudWatch and Lambda in the region asked for.
  expect(aws.fake.requests.some((r) => r.service === 'cloudwatch' && r.operation === 'GetMetricData' && /\/eu-west-1\/monitoring\//.test(r.authorization))).toBe(true);
  // Saved like any assessment: the history lists it.
  const saved = await d.app.ports.store.list(d.workspace, { channel, platform: d.platform });
  expect(saved.map((c) => [c.status, c.description])).toEqual([['complete', 'lambda:notify-api (measured)']]);
  expect(await d.privately(alice, channel, 'history')).toContain('lambda:notify-api (measured)');
  // No secret reaches the log.
  expect(JSON.stringify(d.app.logger.entries)).not.toContain('scenario/secret');
}

export async function measuredComponentInAReview(d: PlatformDriver): Promise<void> {
  const alice = d.user('alice');
  const channel = d.channel();
  await d.command(alice, channel, 'review notification platform');
  const root = await eventually(() => d.roots(channel).find((m) => textOf(d, m).includes('Design review: notification platform')), 'the review card');
  // The how-to note in the thread: the thread exists before anyone writes in it.
  await eventually(() => d.thread(root)[0], 'the first message in the review thread');
  /** Says `text` in the thread; the bot's answer is the first message after it that matches `answer`. */
  const say = async (text: string, answer: RegExp) => {
    const seen = d.thread(root).length;
    await d.say(alice, root, text);
    return eventually(() => d.thread(root).slice(seen).find((m) => answer.test(textOf(d, m))), `the answer to "${text}"`);
  };
  await say('add push api: sends push notifications, 3k/day, 200 ms', /Anything special/);
  await say('none', /Assessed push api/);
  const edits = d.read(root).edits;

  const measured = await say('measure push api from lambda notify-api', /Measured push api/);
  const text = textOf(d, measured);
  expect(text).toMatch(/Measured push api from lambda notify-api in eu-west-1, measured over 14 days\./);
  expect(text).toMatch(/Traffic was 91,250 requests\/month \(3,000 requests\/day\); now 3\.11 M requests\/month \(1\.43 M requests measured over 14 days/);
  expect(text).toMatch(/Cost was \$[\d,.]+\/month \(fit, AWS Lambda\); now \$[\d,.]+\/month \(\w+, [^)]+\)\./);
  // The living summary at the top of the thread follows.
  await eventually(() => (d.read(root).edits > edits ? true : undefined), 'the summary card to be updated');
  const review = await d.app.ports.reviews.findByThread({ platform: d.platform, workspace: d.workspace, channel, thread: root.id });
  expect(review?.components[0]?.facts.traffic?.echo).toMatch(/measured over 14 days \(lambda:notify-api/);

  await say('measure payments from lambda notify-api', /There is no component called "payments"\. Components: push api\./);
}

/** Each kind of failure: one sentence, only to the asker, nothing posted in the channel and nothing saved. */
export async function measuringFailuresAnswerOnlyTheAsker(d: PlatformDriver, aws: AwsScene): Promise<void> {
  const alice = d.user('alice');
  const channel = d.channel();
  const ask = (words: string) => d.privately(alice, channel, words);

  // Discord's own "from" sub-command with its options; typed on Slack.
  expect(await ask('from lambda legacy-export eu-west-1')).toMatch(/^(?::warning: |⚠️ )?lambda:legacy-export has no Invocations in eu-west-1 in the 14 days to .+: it did not run in that time, or the name or region is wrong\.$/m);
  expect(await ask('assess from lambda no-such-function')).toMatch(/no-such-function.*check the name and the region\./);
  aws.fake.denyMetrics(true);
  expect(await ask('assess from lambda notify-api')).toMatch(/^(?::warning: |⚠️ )?Access denied: these credentials may not call cloudwatch:GetMetricData/);
  aws.fake.denyMetrics(false);
  aws.fake.throttleNext(10);
  expect(await ask('assess from sqs orders')).toMatch(/^(?::warning: |⚠️ )?CloudWatch is throttling these requests .+ try again in a minute\.$/m);
  aws.fake.throttleNext(0);
  expect(await aws.withoutCredentials(() => ask('assess from lambda notify-api'))).toMatch(/^(?::warning: |⚠️ )?No AWS credentials were found/);
  expect(await ask('assess from lambda')).toMatch(/^(?::warning: |⚠️ )?Name the function: from lambda <function-name> \[region\]/);

  expect(d.roots(channel)).toEqual([]);
  expect(await d.app.ports.store.list(d.workspace, { platform: d.platform })).toEqual([]);
}
