import { afterEach, expect, it } from 'vitest';
import { blocksText, SlackHarness, TEAM } from './fakes/slack-harness.js';
import { startFakeSlackSocket, type FakeSlackSocket } from './fakes/slack-socket.js';

// Socket Mode: no public URL. Bolt asks apps.connections.open (the fake Web
// API) for a websocket URL, connects to the fake socket server, waits for
// hello, and acknowledges every envelope by its envelope_id.

let harness: SlackHarness | null = null;
let socket: FakeSlackSocket | null = null;
afterEach(async () => {
  await harness?.close();
  await socket?.close();
  harness = null;
  socket = null;
});

it('runs a conversation over Socket Mode, acking each envelope and processing a redelivery once', async () => {
  socket = await startFakeSlackSocket();
  const h = (harness = await SlackHarness.start({ socketUrl: socket.url, config: { appToken: 'xapp-test' } }));
  expect(h.adapter.mode).toBe('socket');
  expect(h.fake.callsTo('apps.connections.open')).toHaveLength(1);
  expect(socket.connected()).toBe(true);

  const commandEnvelope = socket.send('slash_commands', {
    token: 'x',
    team_id: TEAM,
    channel_id: 'C100',
    user_id: 'U100',
    command: '/serverless-fit',
    text: 'resize images on upload',
    api_app_id: 'A0000001',
    response_url: h.fake.responseUrl('socket-cmd'),
    trigger_id: 'socket.trigger.1',
  });
  const s = socket;
  await h.fake.waitFor(() => s.acks.some((a) => a.envelope_id === commandEnvelope));
  const root = await h.fake.waitFor(() => h.rootMessages()[0]);
  const question = await h.nextInThread(root.ts, 0);
  expect(blocksText(question)).toContain('How much traffic');

  const event = {
    team_id: TEAM,
    api_app_id: 'A0000001',
    type: 'event_callback',
    event_id: 'EvSocket0001',
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel: 'C100', user: 'U200', text: '3000 a day', ts: '1800000001.000001', thread_ts: root.ts, channel_type: 'channel' },
  };
  const first = socket.send('events_api', event);
  const next = await h.nextInThread(root.ts, 1);
  expect(blocksText(next)).toContain('3,000 requests/day');

  const again = socket.send('events_api', event, 1);
  await h.fake.waitFor(() => s.acks.some((a) => a.envelope_id === again));
  expect(s.acks.map((a) => a.envelope_id)).toEqual(expect.arrayContaining([commandEnvelope, first, again]));
  // A later, new message is answered; the redelivered one never was.
  socket.send('events_api', { ...event, event_id: 'EvSocket0002', event: { ...event.event, text: '1 s', ts: '1800000001.000002' } });
  await h.nextInThread(root.ts, 2);
  expect(h.thread(root.ts)).toHaveLength(3);
  expect(h.rows("SELECT * FROM turns WHERE text = '3000 a day'")).toHaveLength(1);
});

it('leaves an envelope unacknowledged when it cannot be written down, and answers a command with why', async () => {
  socket = await startFakeSlackSocket();
  const h = (harness = await SlackHarness.start({ socketUrl: socket.url, config: { appToken: 'xapp-test' } }));
  h.db.close();
  const s = socket;
  const event = s.send('events_api', {
    team_id: TEAM,
    api_app_id: 'A0000001',
    type: 'event_callback',
    event_id: 'EvSocketRefused',
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel: 'C100', user: 'U200', text: '3000 a day', ts: '1800000002.000001', thread_ts: '1800000002.000000', channel_type: 'channel' },
  });
  const command = s.send('slash_commands', {
    token: 'x',
    team_id: TEAM,
    channel_id: 'C100',
    user_id: 'U100',
    command: '/serverless-fit',
    text: 'resize images on upload',
    api_app_id: 'A0000001',
    response_url: h.fake.responseUrl('socket-refused'),
    trigger_id: 'socket.trigger.refused',
  });
  const answered = await h.fake.waitFor(() => s.acks.find((a) => a.envelope_id === command));
  expect(answered.payload).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/could not save your request/) });
  // The command's answer came after the event was refused; the event never was acknowledged.
  expect(s.acks.map((a) => a.envelope_id)).not.toContain(event);
  expect(h.fake.messages).toEqual([]);
  expect(h.logger.entries.filter((e) => e.level === 'error' && e.message.startsWith('could not save a Slack delivery'))).toHaveLength(2);
});
