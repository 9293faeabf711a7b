import { randomUUID } from 'node:crypto';
import type { ChatPlatform } from '../../../src/adapters/chat-platform.js';
import { eventually } from '../fakes/chat-driver.js';
import { blockKitError } from '../fakes/slack-block-kit-rules.js';
import { buttons } from '../fakes/slack-messages.js';
import { blockActionPayload, interactivityBody, messageEventBody, postToSlackApp, slashCommandBody, viewSubmissionPayload } from '../fakes/slack-requests.js';
import { FAKE_BOT, startFakeSlackWebApi, type FakeMessage } from '../fakes/slack-web-api.js';
import type { PlatformDriver, Posted } from './platform-driver.js';
import { serveApp, type AppOptions } from './serve-app.js';

// The scenarios' driver for Slack: the app served over HTTP, signed requests
// as Slack sends them, and what the bot posted read from the fake Web API.

const SECRET = '0123456789abcdef0123456789abcdef';
const TEAM = FAKE_BOT.team;

/** Every string under a `text` key, in order: what a person reads in blocks. */
export function slackText(value: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown, key: string | null) => {
    if (typeof node === 'string') {
      if (key === 'text') out.push(node);
    } else if (Array.isArray(node)) node.forEach((item) => walk(item, key));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, k);
  };
  walk(value, null);
  return out.join('\n');
}

function parseBlocks(blocks: unknown): unknown {
  try {
    return typeof blocks === 'string' ? (JSON.parse(blocks) as unknown) : blocks;
  } catch {
    return null;
  }
}

/** Slack's driver, plus what only Slack does: delivering the same event again, as Slack retries one. */
export interface SlackScenarioDriver extends PlatformDriver {
  /** Sends the last file share again with Slack's retry headers. */
  retryLastUpload(): Promise<void>;
  fake: Awaited<ReturnType<typeof startFakeSlackWebApi>>;
}

export async function slackScenarioDriver(platforms: readonly ChatPlatform[], options: AppOptions = {}): Promise<SlackScenarioDriver> {
  const fake = await startFakeSlackWebApi();
  const app = await serveApp(platforms, { SLACK_BOT_TOKEN: 'xoxb-scenario', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, SLACK_FILES_URL: `${fake.baseUrl}/` }, options);
  const url = () => `http://127.0.0.1:${app.httpPort()}/slack/events`;
  let channels = 0;
  let messages = 0;
  let modal: { metadata: string; callbackId: string; blockId: string } | null = null;
  let lastUpload: string | null = null;

  const send = async (body: string, type: string) => {
    const response = await postToSlackApp(url(), body, type, { secret: SECRET });
    if (response.status !== 200) throw new Error(`Slack request refused: ${response.status} ${response.body}`);
    return response;
  };
  const find = (message: Posted): FakeMessage => {
    const found = fake.messages.find((m) => m.ts === message.id && m.channel === message.channel);
    if (!found) throw new Error(`slack: no message ${message.id}`);
    return found;
  };
  const posted = (m: FakeMessage): Posted => ({ id: m.ts, channel: m.channel });
  const command = async (user: string, channel: string, text: string) => {
    const id = `scenario-${randomUUID()}`;
    await send(slashCommandBody({ text, team: TEAM, channel, user, responseUrl: fake.responseUrl(id) }), 'application/x-www-form-urlencoded');
    return `/response/${id}`;
  };

  return {
    platform: 'slack',
    workspace: TEAM,
    app,
    user: (name) => (name === 'alice' ? 'U100' : 'U200'),
    channel: () => `CSCENE${++channels}`,
    async command(user, channel, words) {
      await command(user, channel, words);
    },
    async privately(user, channel, words) {
      const path = await command(user, channel, words);
      const answer = await eventually(() => fake.responses.find((r) => r.path === path), `the private answer to "${words}"`);
      if (answer.body.response_type !== 'ephemeral') throw new Error(`"${words}" was not answered privately`);
      const problem = blockKitError(answer.body.blocks ?? []);
      if (problem) throw new Error(`the answer to "${words}" breaks Block Kit: ${problem}`);
      return slackText(answer.body);
    },
    roots: (channel) => fake.messages.filter((m) => m.channel === channel && !m.threadTs).map(posted),
    thread: (root) => fake.messages.filter((m) => m.channel === root.channel && m.threadTs === root.id).map(posted),
    read(message) {
      const m = find(message);
      return { text: slackText(m.blocks ?? m.text), buttons: buttons(m).map((b) => b.label), edits: m.edits };
    },
    async press(user, message, label) {
      const m = find(message);
      const found = buttons(m).find((b) => label.test(b.label));
      if (!found) throw new Error(`slack: no button ${label} in ${buttons(m).map((b) => b.label).join(', ')}`);
      const views = fake.callsTo('views.open').length;
      const payload = blockActionPayload({
        team: TEAM,
        channel: m.channel,
        user,
        messageTs: m.ts,
        ...(m.threadTs ? { threadTs: m.threadTs } : {}),
        actionId: found.actionId,
        value: found.value,
        responseUrl: fake.responseUrl(`press-${randomUUID()}`),
      });
      await send(interactivityBody(payload), 'application/x-www-form-urlencoded');
      // A button that opens a modal: wait for it, so submitForm can fill it in.
      if (/add component/i.test(found.label)) {
        const open = await eventually(() => fake.callsTo('views.open')[views], 'the modal');
        const view = JSON.parse(String(open.args.view)) as { private_metadata: string; callback_id: string; blocks: { block_id?: string; type: string }[] };
        const input = view.blocks.find((b) => b.type === 'input');
        modal = { metadata: view.private_metadata, callbackId: view.callback_id, blockId: input?.block_id ?? 'component' };
      }
    },
    async say(user, root, text) {
      messages += 1;
      const eventId = `EvScene${messages}`;
      await send(messageEventBody({ team: TEAM, channel: root.channel, user, text, ts: `1800000000.${String(messages).padStart(6, '0')}`, threadTs: root.id, eventId }), 'application/json');
    },
    async upload(user, root, name, bytes) {
      messages += 1;
      const file = fake.hostFile(name, bytes);
      const body = messageEventBody({ team: TEAM, channel: root.channel, user, text: '', subtype: 'file_share', files: [file], ts: `1800000000.${String(messages).padStart(6, '0')}`, threadTs: root.id, eventId: `EvScene${messages}` });
      lastUpload = body;
      await send(body, 'application/json');
    },
    async retryLastUpload() {
      if (!lastUpload) throw new Error('slack: nothing was uploaded');
      const response = await postToSlackApp(url(), lastUpload, 'application/json', { secret: SECRET, retryNum: 1 });
      if (response.status !== 200) throw new Error(`Slack retry refused: ${response.status}`);
    },
    fake,
    toldInThread: (root) => fake.callsTo('chat.postEphemeral').filter((c) => c.args.channel === root.channel && c.args.thread_ts === root.id).map((c) => slackText(parseBlocks(c.args.blocks) ?? c.args.text)),
    async submitForm(user, text) {
      if (!modal) throw new Error('slack: no modal is open');
      const payload = viewSubmissionPayload({
        team: TEAM,
        user,
        callbackId: modal.callbackId,
        privateMetadata: modal.metadata,
        values: { [modal.blockId]: { text: { type: 'plain_text_input', value: text } } },
      });
      const response = await send(interactivityBody(payload), 'application/x-www-form-urlencoded');
      return response.body && (JSON.parse(response.body) as { response_action?: string }).response_action === 'errors' ? 'refused' : 'accepted';
    },
    threadLink: (root) => `https://slack.com/app_redirect?team=${TEAM}&channel=${root.channel}&message_ts=${root.id}`,
    limitProblem: (message) => blockKitError(find(message).blocks),
    async close() {
      await app.close();
      await fake.close();
    },
  };
}
