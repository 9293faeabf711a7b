import { describe, expect, it } from 'vitest';
import { durableWorkOf, laneOf, requestToKeep, type DurableWork } from '../../src/adapters/slack/durable-work.js';
import { readSlackBody } from '../../src/adapters/slack/read-body.js';
import { verifySlackRequest } from '../../src/adapters/slack/verify-request.js';
import { sign } from '../e2e/fakes/slack-requests.js';

// The pure steps in front of Bolt: the signature and its time, the body, and
// what of it is kept for the work.

const SECRET = '0123456789abcdef0123456789abcdef';
const NOW = 1_800_000_000;

describe('verifySlackRequest', () => {
  const body = Buffer.from('command=%2Fserverless-fit&text=hi');
  it.each<[string, number | string | undefined, string | undefined, string]>([
    ['signed now', NOW, undefined, 'ok'],
    ['signed 300 s ago (the edge)', NOW - 300, undefined, 'ok'],
    ['signed 301 s ago', NOW - 301, undefined, 'stale'],
    ['signed 300 s ahead (the edge)', NOW + 300, undefined, 'ok'],
    ['signed 301 s ahead', NOW + 301, undefined, 'future'],
    ['signed a year ahead', NOW + 365 * 86_400, undefined, 'future'],
    ['no timestamp', undefined, undefined, 'unsigned'],
    ['a timestamp that is not a number', 'tomorrow', undefined, 'unsigned'],
    ['another secret', NOW, 'fedcba9876543210fedcba9876543210', 'forged'],
  ])('%s -> %s', (_name, timestamp, otherSecret, expected) => {
    const signature = typeof timestamp === 'number' ? sign(otherSecret ?? SECRET, timestamp, body.toString()) : 'v0=00';
    const verdict = verifySlackRequest({ signingSecret: SECRET, signature, timestamp: timestamp === undefined ? undefined : String(timestamp), body, nowSeconds: NOW });
    expect(verdict.ok ? 'ok' : verdict.reason).toBe(expected);
  });
});

describe('readSlackBody', () => {
  it.each<[string, string, string, boolean]>([
    ['a slash command', 'application/x-www-form-urlencoded', 'command=%2Fserverless-fit&text=hi', true],
    ['a slash command, with a charset', 'application/x-www-form-urlencoded; charset=utf-8', 'command=%2Fserverless-fit&text=hi', true],
    ['an interaction', 'application/x-www-form-urlencoded', `payload=${encodeURIComponent('{"type":"block_actions"}')}`, true],
    ['payload=null', 'application/x-www-form-urlencoded', 'payload=null', false],
    ['an event', 'application/json', '{"type":"event_callback"}', true],
    ['JSON null', 'application/json', 'null', false],
    ['a JSON string', 'application/json', '"event_callback"', false],
    ['broken JSON', 'application/json', '{"type":', false],
    ['an empty form', 'application/x-www-form-urlencoded', '', false],
  ])('%s', (_name, type, raw, readable) => {
    const read = readSlackBody(type, raw);
    expect(read.ok).toBe(readable);
    if (!read.ok) expect(read.reason).toMatch(/^[A-Z].*\.$/);
  });
});

describe('durableWorkOf keeps what the work needs and nothing else', () => {
  const action = (actionId: string, value: string) => ({
    type: 'block_actions',
    team: { id: 'T1' },
    user: { id: 'U1', team_id: 'T1' },
    channel: { id: 'C1' },
    container: { message_ts: '1.1', thread_ts: '1.0' },
    trigger_id: 'tr1',
    response_url: 'https://hooks.slack.com/x',
    message: { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(10_000) } }] },
    actions: [{ action_id: actionId, value }],
  });
  it.each<[string, Record<string, unknown>, unknown]>([
    [
      'a slash command',
      { command: '/serverless-fit', text: 'resize images', team_id: 'T1', channel_id: 'C1', user_id: 'U1', trigger_id: 'tr1', response_url: 'https://hooks.slack.com/x', token: 'legacy' },
      { deliveryId: 'command:tr1', work: { kind: 'command', workspace: 'T1', channel: 'C1', user: 'U1', text: 'resize images', triggerId: 'tr1', responseUrl: 'https://hooks.slack.com/x' } },
    ],
    [
      'a button of ours (the clicked message is not kept)',
      action('sf|answer', '{"c":"conv-1","a":"answer","v":"traffic:1k"}'),
      { deliveryId: 'action:tr1', work: { kind: 'action', workspace: 'T1', user: 'U1', ref: { conversationId: 'conv-1', actionId: 'answer', value: 'traffic:1k' }, channel: 'C1', thread: '1.0', triggerId: 'tr1', responseUrl: 'https://hooks.slack.com/x' } },
    ],
    ['a button of another app', action('other-app', '{}'), null],
    ['a button whose value cannot be read', action('sf|answer', 'not json'), null],
    [
      'a reply in a thread',
      { type: 'event_callback', team_id: 'T1', event_id: 'Ev1', event: { type: 'message', channel: 'C1', user: 'U2', text: '3000 a day', ts: '2.0', thread_ts: '1.0' } },
      { deliveryId: 'event:Ev1', work: { kind: 'message', workspace: 'T1', channel: 'C1', user: 'U2', text: '3000 a day', threadTs: '1.0' } },
    ],
    ['a message outside a thread', { type: 'event_callback', team_id: 'T1', event_id: 'Ev2', event: { type: 'message', channel: 'C1', user: 'U2', text: 'hi', ts: '2.0' } }, null],
    ['the bot itself', { type: 'event_callback', team_id: 'T1', event_id: 'Ev3', event: { type: 'message', channel: 'C1', user: 'UBOT', text: 'hi', ts: '2.0', thread_ts: '1.0' } }, null],
    ['an event of another kind', { type: 'event_callback', team_id: 'T1', event_id: 'Ev4', event: { type: 'reaction_added' } }, null],
  ])('%s', (_name, body, expected) => {
    expect(durableWorkOf(body, 'UBOT')).toStrictEqual(expected);
  });
});

describe('laneOf: the conversation whose deliveries are worked one at a time', () => {
  const ref = { actionId: 'answer', conversationId: 'c-1' } as never;
  it.each<[string, DurableWork, string]>([
    ['a command: the person, in that channel', { kind: 'command', workspace: 'T1', channel: 'C1', user: 'U1', text: 'x', triggerId: 't', responseUrl: 'r' }, 'T1/C1/by:U1'],
    ['a command in a DM', { kind: 'command', workspace: 'T1', channel: 'D9', user: 'U1', text: 'x', triggerId: 't', responseUrl: 'r' }, 'T1/D9/by:U1'],
    ['the start form: like a command', { kind: 'start-modal', workspace: 'T1', channel: 'C1', user: 'U1', description: 'x' }, 'T1/C1/by:U1'],
    ['a thread reply: the thread', { kind: 'message', workspace: 'T1', channel: 'C1', user: 'U2', text: 'x', threadTs: '100.1' }, 'T1/C1/100.1'],
    ['a button in that thread: the same thread', { kind: 'action', workspace: 'T1', user: 'U3', ref, channel: 'C1', thread: '100.1', triggerId: 't', responseUrl: 'r' }, 'T1/C1/100.1'],
    ['a review form: the review thread', { kind: 'review-modal', workspace: 'T1', user: 'U1', origin: { reviewId: 'r1', channel: 'C2', thread: '200.2' }, text: 'x' }, 'T1/C2/200.2'],
  ])('%s', (_name, work, lane) => {
    expect(laneOf(work)).toBe(lane);
  });

  it('keeps the request for Bolt without the deprecated verification token', () => {
    expect(requestToKeep({ token: 'secret-ish', command: '/serverless-fit', text: 'hi', team_id: 'T1' })).toStrictEqual({ command: '/serverless-fit', text: 'hi', team_id: 'T1' });
  });
});
