import { randomUUID } from 'node:crypto';
import { eventually, type AssessOutcome, type ChatDriver } from './chat-driver.js';
import { blocksText, buttons } from './slack-messages.js';
import { blockActionPayload, interactivityBody, messageEventBody, postToSlackApp, slashCommandBody } from './slack-requests.js';
import type { FakeSlackSocket } from './slack-socket.js';
import { FAKE_BOT, type FakeMessage, type FakeSlackWebApi } from './slack-web-api.js';

// The chat driver for a spawned bot on Slack: what Slack would send, over
// HTTP (signed) or over the fake Socket Mode connection, and what the bot
// posted, read back from the fake Web API.

export interface SlackTransport {
  command(fields: Record<string, string>): Promise<void>;
  interact(payload: Record<string, unknown>): Promise<void>;
  event(body: Record<string, unknown>): Promise<void>;
}

export function httpTransport(url: () => string, secret: string): SlackTransport {
  const send = async (body: string, type: string) => {
    const response = await postToSlackApp(url(), body, type, { secret });
    if (response.status !== 200) throw new Error(`Slack request refused: ${response.status} ${response.body}`);
  };
  return {
    command: (fields) => send(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded'),
    interact: (payload) => send(interactivityBody(payload), 'application/x-www-form-urlencoded'),
    event: (body) => send(JSON.stringify(body), 'application/json'),
  };
}

export function socketTransport(socket: FakeSlackSocket): SlackTransport {
  const send = async (type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>) => {
    const envelope = socket.send(type, payload);
    await eventually(() => socket.acks.some((a) => a.envelope_id === envelope), `the ack of ${type}`);
  };
  return {
    command: (fields) => send('slash_commands', fields),
    interact: (payload) => send('interactive', payload),
    event: (body) => send('events_api', body),
  };
}

const TEAM = FAKE_BOT.team;
let channelSeq = 0;
let messageSeq = 0;

export function slackDriver(fake: FakeSlackWebApi, transport: SlackTransport): ChatDriver {
  const roots = (channel: string) => fake.messages.filter((m) => m.channel === channel && !m.threadTs);
  const thread = (ts: string) => fake.messages.filter((m) => m.threadTs === ts);

  async function command(user: string, channel: string, text: string): Promise<string> {
    const id = `deployed-${randomUUID()}`;
    const fields = Object.fromEntries(new URLSearchParams(slashCommandBody({ text, team: TEAM, channel, user, responseUrl: fake.responseUrl(id) })));
    await transport.command(fields);
    return `/response/${id}`;
  }

  async function say(user: string, channel: string, threadTs: string, text: string): Promise<void> {
    messageSeq += 1;
    const body = messageEventBody({ team: TEAM, channel, user, text, ts: `1800000000.${String(messageSeq).padStart(6, '0')}`, threadTs, eventId: `EvDeployed${messageSeq}` });
    await transport.event(JSON.parse(body) as Record<string, unknown>);
  }

  async function click(user: string, message: FakeMessage, label: RegExp): Promise<void> {
    const found = buttons(message).find((b) => label.test(b.label));
    if (!found) throw new Error(`no button ${label} in ${blocksText(message)}`);
    await transport.interact(
      blockActionPayload({
        team: TEAM,
        channel: message.channel,
        user,
        messageTs: message.ts,
        ...(message.threadTs ? { threadTs: message.threadTs } : {}),
        actionId: found.actionId,
        value: found.value,
        responseUrl: fake.responseUrl(`click-${randomUUID()}`),
      }),
    );
  }

  /** Waits for the thread to hold more than `seen` messages and returns the newest. */
  const next = (ts: string, seen: number) => eventually(() => (thread(ts).length > seen ? thread(ts).at(-1) : undefined), `message ${seen + 1} in thread ${ts}`);

  return {
    platform: 'slack',
    place: () => `CDEPLOY${++channelSeq}`,
    async assess(user, channel, description): Promise<AssessOutcome> {
      await command(user, channel, description);
      const root = await eventually(() => roots(channel)[0], 'the root message');
      let latest = await next(root.ts, 0);
      for (let step = 0; step < 5 && !blocksText(latest).includes('*Monthly cost*'); step += 1) {
        const seen = thread(root.ts).length;
        await click(user, latest, /None of these/);
        latest = await next(root.ts, seen);
      }
      const share = await eventually(() => fake.fileShares.find((f) => f.threadTs === root.ts), 'the chart in the thread');
      return { cardText: blocksText(latest), chart: share.files[0]?.bytes ?? null };
    },
    async review(user, channel, name, components) {
      await command(user, channel, `review ${name}`);
      const root = await eventually(() => roots(channel).find((m) => blocksText(m).includes(`Design review: ${name}`)), 'the review card');
      await next(root.ts, 0);
      for (const component of components) {
        const seen = thread(root.ts).length;
        await say(user, channel, root.ts, `add ${component}`);
        let latest = await next(root.ts, seen);
        while (blocksText(latest).includes('Anything special?')) {
          const count = thread(root.ts).length;
          await say(user, channel, root.ts, 'none');
          latest = await next(root.ts, count);
        }
      }
      await eventually(() => blocksText(root).includes(`${components.length} components, ${components.length} assessed`), 'every component assessed on the card');
      return blocksText(root);
    },
    async privately(user, channel, words) {
      const path = await command(user, channel, words);
      const answer = await eventually(() => fake.responses.find((r) => r.path === path), `the private answer to "${words}"`);
      return JSON.stringify(answer.body);
    },
  };
}
