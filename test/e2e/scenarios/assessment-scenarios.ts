import { expect } from 'vitest';
import { eventually } from '../fakes/chat-driver.js';
import type { PlatformDriver, Posted } from './platform-driver.js';

// An assessment, written once for every platform: the interview answered by
// quick replies until the card, saved complete; and the commands answered
// only to the asker (help, history, forget-me).

/** The conversation's newest bot message: its first message or the last in its thread. */
const newest = (d: PlatformDriver, root: Posted): Posted => d.thread(root).at(-1) ?? root;

export async function assessmentEndsInACard(d: PlatformDriver, channel: string): Promise<Posted> {
  const alice = d.user('alice');
  await d.command(alice, channel, 'resize images on upload, about 2 s each, 3000 a day');
  const root = await eventually(() => d.roots(channel)[0], 'the first answer');
  let latest = await eventually(() => (d.read(newest(d, root)).buttons.length > 0 ? newest(d, root) : undefined), 'the first question');
  for (let step = 0; step < 5 && !d.read(latest).text.includes('Monthly cost'); step += 1) {
    const seen = latest.id;
    await d.press(alice, latest, /None of these/);
    latest = await eventually(() => (newest(d, root).id !== seen ? newest(d, root) : undefined), 'the next answer');
  }
  const card = d.read(latest).text;
  expect(card).toMatch(/Monthly cost/);
  expect(card).toMatch(/fit|marginal|avoid/i);
  const saved = await d.app.ports.store.list(d.workspace, { channel, platform: d.platform });
  expect(saved.map((c) => c.status)).toEqual(['complete']);
  return root;
}

export async function helpHistoryAndForgetMeAnswerPrivately(d: PlatformDriver): Promise<void> {
  const alice = d.user('alice');
  const channel = d.channel();
  await assessmentEndsInACard(d, channel);
  const posted = d.roots(channel).length;

  expect(await d.privately(alice, channel, 'help')).toContain('/serverless-fit history');
  const history = await d.privately(alice, channel, 'history');
  expect(history).toContain('fit: AWS Lambda');
  expect(history).toContain('resize images on upload');
  // Nothing private was posted in the channel.
  expect(d.roots(channel)).toHaveLength(posted);

  expect(await d.privately(alice, channel, 'forget-me')).toMatch(/Deleted 1 conversation you started/);
  expect(await d.privately(alice, channel, 'history')).toContain('No assessments here yet');
  expect(await d.app.ports.store.list(d.workspace, { platform: d.platform })).toEqual([]);
}
