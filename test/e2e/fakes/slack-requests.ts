import crypto from 'node:crypto';

// Builds and signs the HTTP requests Slack sends to an app: slash commands and
// interactivity (form-encoded), Events API callbacks (JSON). Signing is Slack's
// v0 scheme: HMAC-SHA256 over `v0:<timestamp>:<body>` with the signing secret.

export interface SendOptions {
  secret: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Replaces the computed signature (forgeries). */
  signature?: string;
  retryNum?: number;
}

export interface SlackResponse {
  status: number;
  body: string;
  /** Milliseconds from sending to the full response. */
  elapsedMs: number;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${crypto.createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function postToSlackApp(url: string, body: string, contentType: string, options: SendOptions): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    // Exactly this: Bolt refuses the form type with a charset parameter.
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? sign(options.secret, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const started = Date.now();
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, body: await response.text(), elapsedMs: Date.now() - started };
}

let triggerSeq = 0;
export const nextTriggerId = () => {
  triggerSeq += 1;
  return `${triggerSeq}.1111.trigger${triggerSeq}`;
};

export interface SlashCommandInput {
  text: string;
  team: string;
  channel: string;
  user: string;
  responseUrl: string;
  triggerId?: string;
}

export function slashCommandBody(input: SlashCommandInput): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: input.team,
    team_domain: 'example',
    channel_id: input.channel,
    channel_name: 'general',
    user_id: input.user,
    user_name: input.user.toLowerCase(),
    command: '/serverless-fit',
    text: input.text,
    api_app_id: 'A0000001',
    response_url: input.responseUrl,
    trigger_id: input.triggerId ?? nextTriggerId(),
  }).toString();
}

export interface MessageEventInput {
  team: string;
  channel: string;
  user?: string;
  text: string;
  ts: string;
  threadTs?: string;
  eventId: string;
  botId?: string;
  subtype?: string;
  /** A file_share's files, as the event lists them. */
  files?: { id: string; name: string; size: number }[];
}

export function messageEventBody(input: MessageEventInput): string {
  const event: Record<string, unknown> = {
    type: 'message',
    channel: input.channel,
    text: input.text,
    ts: input.ts,
    event_ts: input.ts,
    channel_type: 'channel',
    team: input.team,
  };
  if (input.user) event.user = input.user;
  if (input.threadTs) event.thread_ts = input.threadTs;
  if (input.botId) event.bot_id = input.botId;
  if (input.subtype) event.subtype = input.subtype;
  if (input.files) event.files = input.files.map((f) => ({ ...f, mode: 'hosted', filetype: f.name.split('.').pop() ?? 'text' }));
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: input.team,
    api_app_id: 'A0000001',
    event,
    type: 'event_callback',
    event_id: input.eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: input.team, user_id: 'UBOT0001', is_bot: true }],
  });
}

/** Any Events API event, wrapped as Slack delivers it. */
export function eventCallbackBody(team: string, eventId: string, event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: team,
    api_app_id: 'A0000001',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: team, user_id: 'UBOT0001', is_bot: true }],
  });
}

/** An `app_mention` event: someone wrote @serverless-fit in a channel (or in a thread of it). */
export function appMentionBody(input: { team: string; channel: string; user: string; text: string; ts: string; threadTs?: string; eventId: string; edited?: boolean }): string {
  return eventCallbackBody(input.team, input.eventId, {
    type: 'app_mention',
    channel: input.channel,
    user: input.user,
    text: input.text,
    ts: input.ts,
    event_ts: input.ts,
    team: input.team,
    ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    ...(input.edited ? { edited: { user: input.user, ts: input.ts } } : {}),
  });
}

/** A message in the person's direct conversation with the bot (`message.im`). */
export function directMessageBody(input: MessageEventInput): string {
  const body = JSON.parse(messageEventBody(input)) as { event: Record<string, unknown> };
  body.event.channel_type = 'im';
  return JSON.stringify(body);
}

export function appHomeOpenedBody(input: { team: string; user: string; eventId: string; tab?: 'home' | 'messages' }): string {
  return eventCallbackBody(input.team, input.eventId, { type: 'app_home_opened', user: input.user, channel: `D${input.user.slice(1)}`, tab: input.tab ?? 'home', event_ts: `${Math.floor(Date.now() / 1000)}.000100` });
}

export interface BlockActionInput {
  team: string;
  channel: string;
  user: string;
  /** The message holding the button. */
  messageTs: string;
  threadTs?: string;
  actionId: string;
  value: string;
  responseUrl: string;
  triggerId?: string;
}

export function blockActionPayload(input: BlockActionInput): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: input.team, domain: 'example' },
    user: { id: input.user, username: input.user.toLowerCase(), team_id: input.team },
    api_app_id: 'A0000001',
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: input.messageTs,
      channel_id: input.channel,
      is_ephemeral: false,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    },
    trigger_id: input.triggerId ?? nextTriggerId(),
    channel: { id: input.channel, name: 'general' },
    message: { type: 'message', ts: input.messageTs, ...(input.threadTs ? { thread_ts: input.threadTs } : {}), text: '' },
    response_url: input.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: 'b1',
        value: input.value,
        text: { type: 'plain_text', text: 'x' },
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
}

export interface ViewSubmissionInput {
  team: string;
  user: string;
  callbackId: string;
  privateMetadata: string;
  values: Record<string, Record<string, { type: 'plain_text_input'; value: string | null }>>;
}

export function viewSubmissionPayload(input: ViewSubmissionInput): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: input.team, domain: 'example' },
    user: { id: input.user, username: input.user.toLowerCase(), team_id: input.team },
    api_app_id: 'A0000001',
    token: 'deprecated-verification-token',
    trigger_id: nextTriggerId(),
    view: {
      id: 'V000001',
      team_id: input.team,
      type: 'modal',
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata,
      blocks: [],
      state: { values: input.values },
      hash: 'h',
      title: { type: 'plain_text', text: 'Serverless fit' },
      app_id: 'A0000001',
      bot_id: 'BBOT0001',
    },
  };
}

/** Interactivity arrives as `payload=<urlencoded JSON>`. */
export function interactivityBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
