import { expect } from 'vitest';
import { WEEKDAYS } from '../../../src/core/digest/digest-types.js';
import { eventually } from '../fakes/chat-driver.js';
import { assessmentEndsInACard } from './assessment-scenarios.js';
import type { PlatformDriver } from './platform-driver.js';

// Weekly digests, written once for every platform: the sub-commands answered
// privately, and a digest posted by the scheduler into the subscribed
// channel, linking to the thread of an assessment made before.

export async function weeklyDigestLinksTheAssessment(d: PlatformDriver): Promise<void> {
  const alice = d.user('alice');
  const channel = d.channel();
  const root = await assessmentEndsInACard(d, channel);

  expect(await d.privately(alice, channel, 'digest preview')).toMatch(/Weekly cost digest/);
  expect(await d.privately(alice, channel, 'digest status')).toContain('This channel has no weekly digest');
  // Today at 00:00 UTC: this week's slot, after the subscription (the app's clock is a day behind) and before now,
  // so the scheduler posts it when it starts.
  const today = WEEKDAYS[new Date().getUTCDay()] ?? 'monday';
  expect(await d.privately(alice, channel, `digest subscribe ${today} 00:00 UTC`)).toMatch(/gets the weekly cost digest/);
  expect(await d.privately(alice, channel, 'digest status')).toMatch(new RegExp(`gets the weekly cost digest .*${today}`, 'i'));

  await d.app.restart();
  const digest = await eventually(() => d.roots(channel).find((m) => d.read(m).text.includes('Weekly cost digest')), 'the scheduled digest');
  const text = d.read(digest).text;
  expect(text).toContain('resize images on upload');
  expect(text).toContain(d.threadLink(root));
  // The run is marked sent once the post has returned, a moment after the post is seen.
  const store = d.app.ports.digestStore;
  const subscriptionId = (await store.subscription(d.platform, d.workspace, channel))?.id ?? '';
  let last = await store.lastRun(subscriptionId);
  for (let i = 0; i < 500 && last?.status === 'claimed'; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    last = await store.lastRun(subscriptionId);
  }
  expect(last).toMatchObject({ status: 'sent' });

  expect(await d.privately(alice, channel, 'digest unsubscribe')).toContain('will no longer get the weekly digest');
}

/** The app's clock for the sub-command scenario: the expected "Next:" times and preview window follow from it. */
export const THURSDAY_26_NOVEMBER = { now: () => new Date('2026-11-26T10:00:00Z') };

export async function digestSubCommandsAnswerOnlyTheAsker(d: PlatformDriver): Promise<void> {
  const alice = d.user('alice');
  const channel = d.channel();

  const subscribed = await d.privately(alice, channel, 'digest subscribe friday 16:30 Europe/Berlin');
  expect(subscribed).toContain('This channel gets the weekly cost digest Fridays at 16:30 (Europe/Berlin)');
  expect(subscribed).toContain('Next: 2026-11-27 15:30 UTC.');
  expect(await d.privately(alice, channel, 'digest status')).toMatch(/Fridays at 16:30 \(Europe\/Berlin\); quiet weeks get one line\. No digest posted yet\./);
  expect(await d.privately(alice, channel, 'digest preview')).toContain('Weekly cost digest: 19 Nov - 26 Nov 2026');

  // Subscribing again changes the schedule in place.
  expect(await d.privately(alice, channel, 'digest subscribe tuesday 08:15 America/New_York skip')).toContain(
    'Tuesdays at 08:15 (America/New_York), covering the 7 days before. Quiet weeks are skipped. Next: 2026-12-01 13:15 UTC.',
  );
  expect(await d.privately(alice, channel, 'digest status')).toContain('Tuesdays at 08:15 (America/New_York); quiet weeks skipped. No digest posted yet.');

  expect(await d.privately(alice, channel, 'digest unsubscribe')).toContain('will no longer get the weekly digest');
  expect(await d.privately(alice, channel, 'digest status')).toContain('This channel has no weekly digest.');

  // What cannot be read gets a friendly private refusal.
  for (const [words, refusal] of [
    ['digest subscribe monday 09:00 Mars/Olympus', 'I do not know the time zone "Mars/Olympus"'],
    ['digest fortnightly', '"fortnightly" is not a digest action'],
    ['digest sometimes', '"sometimes" is not a digest action'],
  ] as const) {
    expect(await d.privately(alice, channel, words)).toContain(refusal);
  }
  // Nothing reached the channel itself.
  expect(d.roots(channel)).toEqual([]);
}
