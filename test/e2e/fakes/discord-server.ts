/* eslint-disable @typescript-eslint/no-explicit-any -- request bodies are arbitrary JSON that the fake, like Discord, reads field by field and checks as it goes */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { validateCallback, validateMessage, type Problem } from './discord-limits.js';

// A fake Discord: the REST routes the bot uses and a v10 JSON gateway, on
// 127.0.0.1. It records every REST call and answers the way Discord does,
// including 50035 Invalid Form Body when a limit is broken, 10062 for an
// expired interaction and 50027 for an expired webhook token.

export interface RecordedCall {
  method: string;
  /** Path after /api/v10, URL-decoded ("/webhooks/app/token/messages/@original"). */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  /** JSON body, or the parsed payload_json of a multipart body. */
  body: any;
  files: { field: string; name: string; size: number; type: string; bytes: Buffer }[];
  status: number;
}

export interface GatewayLog {
  identifies: any[];
  resumes: any[];
  heartbeats: number;
  connections: number;
  /** Connection attempts turned away while the gateway is down. */
  refused: number;
}

export interface StoredMessage {
  id: string;
  channel_id: string;
  /** The nonce it was posted with, when enforced (Discord keeps one message per nonce for a few minutes). */
  nonce?: string;
  content: string;
  embeds: unknown[];
  components: unknown[];
  attachments: unknown[];
  flags: number;
  /** Set when the message was posted as a reply to another. */
  message_reference?: { message_id: string };
}

export const BOT_USER = { id: '900000000000000001', username: 'serverless-fit', discriminator: '0', avatar: null, bot: true, global_name: null };

export interface InteractionInit {
  guildId: string | null;
  channelId: string;
  /** 11 = public thread, 0 = guild text, 1 = DM. */
  channelType?: number;
  userId?: string;
  /** Bitfield string; defaults to everything a bot in a normal channel has. */
  appPermissions?: string;
  /** The token is already dead when the bot answers (over 15 minutes, or past the 3 s window). */
  expired?: boolean;
}

/** A file a person attached to a message, as the gateway lists it and the CDN serves it. */
export interface FakeAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type: string;
}

export interface FakeDiscord {
  apiUrl: string;
  /** The fake CDN's base URL (DISCORD_CDN_URL), where attachments are served. */
  cdnUrl: string;
  /** Makes a file downloadable from the fake CDN; returns it as a message's attachment lists it. */
  hostAttachment(channelId: string, filename: string, bytes: Buffer): FakeAttachment;
  /** Every download from the fake CDN, by path. */
  cdnDownloads: string[];
  token: string;
  applicationId: string;
  calls: RecordedCall[];
  gateway: GatewayLog;
  messages: Map<string, StoredMessage>;
  threads: Map<string, { id: string; parent_id: string; name: string }>;
  /** Interaction ids whose callback Discord should refuse as expired. */
  expire(interactionId: string): void;
  /** The next call matching `predicate` is answered with this error instead. */
  failNext(predicate: (call: RecordedCall) => boolean, error: { status: number; code: number; message: string }): void;
  /** Makes the guild known to the bot (GUILD_CREATE), as the Guilds intent does on connect. */
  addGuild(guildId: string, channels: { id: string; type: number; name: string }[]): void;
  /** Sends an earlier INTERACTION_CREATE again, as Discord does when it replays events after a resume. */
  replay(interactionId: string): void;
  slashCommand(init: InteractionInit, subCommand: string, options?: Record<string, string>): Promise<string>;
  /** A sub-command of a group, as `/serverless-fit review list` sends it. */
  groupCommand(init: InteractionInit, group: string, subCommand: string, options?: Record<string, string>): Promise<string>;
  /** An autocomplete request (type 4) while `focused` is typed; `path` is the sub-command, or group and sub-command. */
  autocomplete(init: InteractionInit, path: [string] | [string, string], options: Record<string, string>, focused: string): Promise<string>;
  /** The suggestions the bot answered an autocomplete with (callback type 8). */
  suggestionsFor(interactionId: string): Promise<{ name: string; value: string }[]>;
  button(init: InteractionInit, message: StoredMessage, customId: string): Promise<string>;
  select(init: InteractionInit, message: StoredMessage, customId: string, values: string[]): Promise<string>;
  modalSubmit(init: InteractionInit, message: StoredMessage | null, customId: string, fields: Record<string, string>): Promise<string>;
  dispatch(t: string, d: unknown): void;
  /** Closes the gateway socket with `code` (4000 = resumable) and waits for the bot to come back. */
  dropConnection(code: number): Promise<void>;
  /** The gateway goes away: the socket is cut and every new connection is refused, as with a network outage. */
  gatewayDown(): void;
  /** The message that answers an interaction (its reply or deferred reply), once there is one. */
  originalOf(interactionId: string): StoredMessage | undefined;
  /** Whether the interaction's first answer (reply, defer or modal) was accepted. */
  acknowledged(interactionId: string): boolean;
  waitForCall(predicate: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  close(): Promise<void>;
}

const ALL_TEXT_PERMISSIONS = (
  (1n << 10n) | // view channel
  (1n << 11n) | // send messages
  (1n << 14n) | // embed links
  (1n << 15n) | // attach files
  (1n << 35n) | // create public threads
  (1n << 38n) // send messages in threads
).toString();

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  /** Refuse an interaction's first answer (10062) once this many ms have passed since it was sent, as Discord does after 3 s. */
  ackWindowMs?: number;
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = options.token ?? 'fake-bot-token';
  const applicationId = options.applicationId ?? '900000000000000001';
  let snowflake = 1_300_000_000_000_000_000n;
  const nextId = () => (snowflake += 1n).toString();

  const calls: RecordedCall[] = [];
  const gateway: GatewayLog = { identifies: [], resumes: [], heartbeats: 0, connections: 0, refused: 0 };
  const messages = new Map<string, StoredMessage>();
  const threads = new Map<string, { id: string; parent_id: string; name: string }>();
  const interactions = new Map<string, { id: string; token: string; channelId: string; acknowledged: boolean; expired: boolean; original: string | null; sentAt: number }>();
  const expiredIds = new Set<string>();
  const failures: { predicate: (call: RecordedCall) => boolean; error: { status: number; code: number; message: string } }[] = [];
  const payloads = new Map<string, unknown>();
  const guilds = new Map<string, { id: string; type: number; name: string }[]>();
  const listeners = new Set<() => void>();
  let socket: WebSocket | null = null;
  let seq = 0;
  const sessionId = 'fake-session';

  const cdnFiles = new Map<string, Buffer>();
  const cdnDownloads: string[] = [];
  let attachmentSeq = 1_500_000_000_000_000_000n;
  const server: Server = createServer((req, res) => {
    const cdnPath = new URL(req.url ?? '/', 'http://x').pathname;
    if (cdnPath.startsWith('/cdn/')) {
      cdnDownloads.push(cdnPath);
      const bytes = cdnFiles.get(cdnPath);
      res.writeHead(bytes ? 200 : 404, { 'content-type': 'application/octet-stream', 'content-length': String(bytes?.length ?? 0) });
      res.end(bytes ?? Buffer.alloc(0));
      return;
    }
    void handleRest(req, res).catch((error: unknown) => {
      send(res, 500, { message: String(error), code: 0 });
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  let gatewayUp = true;
  server.on('upgrade', (req, sock, head) => {
    if (!gatewayUp) {
      gateway.refused += 1;
      sock.destroy();
      return;
    }
    wss.handleUpgrade(req, sock, head, (ws) => wss.emit('connection', ws, req));
  });
  // Discord keeps idle connections open for a long time; Node's 5 s default would make a client
  // under load reuse a connection the server is closing, a failure the real API does not produce this way.
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;

  wss.on('connection', (ws, req) => {
    const url = new URL(req.url ?? '/', base);
    // The bot must ask for plain JSON: this fake speaks no zlib-stream.
    if (url.searchParams.get('encoding') !== 'json' || url.searchParams.get('v') !== '10' || url.searchParams.has('compress')) {
      ws.close(4002, 'unsupported encoding or version');
      return;
    }
    gateway.connections += 1;
    socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41250 }, s: null, t: null }));
    ws.on('message', (raw) => {
      const payload = JSON.parse(raw.toString()) as { op: number; d: any };
      if (payload.op === 1) {
        gateway.heartbeats += 1;
        ws.send(JSON.stringify({ op: 11 }));
      } else if (payload.op === 2) {
        gateway.identifies.push(payload.d);
        sendDispatch('READY', {
          v: 10,
          user: BOT_USER,
          guilds: [],
          session_id: sessionId,
          resume_gateway_url: `ws://127.0.0.1:${port}/gateway`,
          shard: [0, 1],
          application: { id: applicationId, flags: 0 },
        });
        // A new session learns its guilds again, as Discord sends them after READY.
        for (const guildId of guilds.keys()) sendDispatch('GUILD_CREATE', guildJson(guildId));
      } else if (payload.op === 6) {
        gateway.resumes.push(payload.d);
        sendDispatch('RESUMED', {});
      }
      notify();
    });
  });

  function sendDispatch(t: string, d: unknown) {
    seq += 1;
    socket?.send(JSON.stringify({ op: 0, t, s: seq, d }));
  }

  function notify() {
    for (const listener of listeners) listener();
  }

  async function handleRest(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', base);
    const raw = await readBody(req);
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ''));
    const { body, files } = await parseBody(req, raw);
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      authorization: req.headers.authorization,
      body,
      files,
      status: 0,
    };
    const answer = (status: number, json?: unknown) => {
      call.status = status;
      calls.push(call);
      send(res, status, json);
      notify();
    };
    const invalid = (problems: Problem[]) =>
      answer(400, { message: 'Invalid Form Body', code: 50035, errors: Object.fromEntries(problems.map((p) => [p.path, { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: p.message }] }])) });

    const failure = failures.findIndex((f) => f.predicate(call));
    if (failure >= 0) {
      const [{ error }] = failures.splice(failure, 1) as [(typeof failures)[number]];
      return answer(error.status, { message: error.message, code: error.code });
    }

    let m: RegExpMatchArray | null;
    if ((m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/)) && call.method === 'POST') {
      const interaction = interactions.get(m[1] ?? '');
      const late = options.ackWindowMs !== undefined && interaction !== undefined && Date.now() - interaction.sentAt > options.ackWindowMs;
      if (!interaction || interaction.token !== m[2] || interaction.expired || (late && !interaction.acknowledged)) {
        return answer(404, { message: 'Unknown interaction', code: 10062 });
      }
      if (interaction.acknowledged) {
        return answer(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      }
      const problems = validateCallback(body, files.length);
      if (problems.length > 0) return invalid(problems);
      interaction.acknowledged = true;
      const type = body?.type as number;
      if (type === 4 || type === 5) {
        const message = storeMessage(interaction.channelId, type === 5 ? { content: '', flags: 128 | (body.data?.flags ?? 0) } : body.data ?? {}, files);
        interaction.original = message.id;
      }
      if (call.query.get('with_response') === 'true') {
        const message = interaction.original ? messages.get(interaction.original) : undefined;
        return answer(200, {
          interaction: { id: interaction.id, type: 2, activity_instance_id: null, response_message_id: message?.id, response_message_loading: type === 5, response_message_ephemeral: false },
          resource: message ? { type, message: messageJson(message) } : { type },
        });
      }
      return answer(204);
    }

    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)(\/messages\/([^/]+))?$/))) {
      const interaction = [...interactions.values()].find((i) => i.token === m?.[2]);
      if (m[1] !== applicationId || !interaction) return answer(404, { message: 'Unknown Webhook', code: 10015 });
      if (interaction.expired) return answer(401, { message: 'Invalid Webhook Token', code: 50027 });
      if (!interaction.acknowledged) return answer(404, { message: 'Unknown Webhook', code: 10015 });
      const messageRef = m[4];
      if (!messageRef && call.method === 'POST') {
        const problems = validateMessage(body, files.length);
        if (problems.length > 0) return invalid(problems);
        return answer(200, messageJson(storeMessage(interaction.channelId, body, files)));
      }
      const id = messageRef === '@original' ? interaction.original : messageRef;
      const message = id ? messages.get(id) : undefined;
      if (!message) return answer(404, { message: 'Unknown Message', code: 10008 });
      if (call.method === 'GET') return answer(200, messageJson(message));
      if (call.method === 'DELETE') {
        messages.delete(message.id);
        return answer(204);
      }
      if (call.method === 'PATCH') {
        const problems = validateMessage({ ...messageJson(message), ...body }, files.length);
        if (problems.length > 0) return invalid(problems);
        Object.assign(message, pickMessage(body), { flags: message.flags & ~128 });
        if (files.length > 0) message.attachments = attachmentsFor(files);
        return answer(200, messageJson(message));
      }
    }

    // Everything else is a bot route: Discord wants the bot token.
    if (call.authorization !== `Bot ${token}`) return answer(401, { message: '401: Unauthorized', code: 0 });

    if (path === '/users/@me' && call.method === 'GET') return answer(200, BOT_USER);
    if (path === '/gateway/bot' && call.method === 'GET') {
      return answer(200, {
        url: `ws://127.0.0.1:${port}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
    }
    if ((m = path.match(/^\/applications\/(\d+)(\/guilds\/(\d+))?\/commands$/)) && call.method === 'PUT') {
      const commands = Array.isArray(body) ? body : [];
      return answer(200, commands.map((c: any) => ({ ...c, id: nextId(), application_id: m?.[1], version: nextId(), guild_id: m?.[3] })));
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages\/(\d+)\/threads$/)) && call.method === 'POST') {
      const message = messages.get(m[2] ?? '');
      if (!message || message.channel_id !== m[1]) return answer(404, { message: 'Unknown Message', code: 10008 });
      if (threads.has(message.id)) return answer(400, { message: 'A thread has already been created for this message', code: 160004 });
      const name = String(body?.name ?? '');
      if (name.length < 1 || name.length > 100) return invalid([{ path: 'name', message: 'Must be between 1 and 100 in length.' }]);
      // A thread started from a message takes the message's id.
      const thread = { id: message.id, parent_id: message.channel_id, name };
      threads.set(thread.id, thread);
      const guildId = [...guilds.entries()].find(([, channels]) => channels.some((c) => c.id === thread.parent_id))?.[0];
      if (guildId) sendDispatch('THREAD_CREATE', { ...threadJson(thread), guild_id: guildId, newly_created: true });
      return answer(201, threadJson(thread));
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/)) && call.method === 'PATCH') {
      // Editing a message with the bot token (a review's living card).
      const message = messages.get(m[2] ?? '');
      if (!message || message.channel_id !== m[1]) return answer(404, { message: 'Unknown Message', code: 10008 });
      const problems = validateMessage({ ...messageJson(message), ...body }, files.length);
      if (problems.length > 0) return invalid(problems);
      Object.assign(message, pickMessage(body));
      return answer(200, messageJson(message));
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages$/)) && call.method === 'POST') {
      // Ids are unique across kinds: a message id is a channel only once a thread was started from it.
      if (messages.has(m[1] ?? '') && !threads.has(m[1] ?? '')) return answer(404, { message: 'Unknown Channel', code: 10003 });
      const problems = validateMessage(body, files.length);
      if (problems.length > 0) return invalid(problems);
      if (body?.enforce_nonce && body.nonce) {
        const earlier = [...messages.values()].find((message) => message.channel_id === m?.[1] && message.nonce === String(body.nonce));
        if (earlier) return answer(200, messageJson(earlier));
      }
      const stored = storeMessage(m[1] ?? '', body, files);
      if (body?.enforce_nonce && body.nonce) stored.nonce = String(body.nonce);
      return answer(200, messageJson(stored));
    }
    return answer(404, { message: '404: Not Found', code: 0 });
  }

  function storeMessage(channelId: string, body: any, files: RecordedCall['files']): StoredMessage {
    const message: StoredMessage = {
      id: nextId(),
      channel_id: channelId,
      content: '',
      embeds: [],
      components: [],
      attachments: attachmentsFor(files),
      flags: 0,
      ...pickMessage(body),
    };
    messages.set(message.id, message);
    return message;
  }

  function pickMessage(body: any): Partial<StoredMessage> {
    const picked: Partial<StoredMessage> = {};
    for (const key of ['content', 'embeds', 'components', 'flags', 'message_reference'] as const) {
      if (body && body[key] !== undefined) (picked as any)[key] = body[key];
    }
    return picked;
  }

  function attachmentsFor(files: RecordedCall['files']) {
    return files.map((f) => ({ id: nextId(), filename: f.name, size: f.size, url: `${base}/attachments/${f.name}`, proxy_url: `${base}/attachments/${f.name}`, content_type: f.type }));
  }

  function messageJson(message: StoredMessage) {
    return {
      ...message,
      type: 0,
      author: BOT_USER,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      webhook_id: applicationId,
      application_id: applicationId,
    };
  }

  /** A guild as GUILD_CREATE carries it: its channels and, as on Discord, its active threads. */
  function guildJson(guildId: string) {
    const channels = guilds.get(guildId) ?? [];
    return {
      id: guildId,
      name: 'Test guild',
      icon: null,
      owner_id: '700000000000000009',
      unavailable: false,
      member_count: 2,
      features: [],
      roles: [{ id: guildId, name: '@everyone', permissions: '2248473465835073', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
      emojis: [],
      stickers: [],
      members: [],
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      threads: [...threads.values()].filter((t) => channels.some((c) => c.id === t.parent_id)).map((t) => ({ ...threadJson(t), guild_id: guildId })),
      channels: channels.map((c, position) => ({ ...c, guild_id: guildId, position, permission_overwrites: [] })),
    };
  }

  function threadJson(thread: { id: string; parent_id: string; name: string }) {
    return {
      id: thread.id,
      type: 11,
      parent_id: thread.parent_id,
      name: thread.name,
      owner_id: BOT_USER.id,
      message_count: 0,
      member_count: 1,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
    };
  }

  function interactionBase(init: InteractionInit, type: number): Record<string, unknown> & { id: string } {
    const id = nextId();
    const interactionToken = `itoken-${id}`;
    interactions.set(id, { id, token: interactionToken, channelId: init.channelId, acknowledged: false, expired: init.expired ?? false, original: null, sentAt: Date.now() });
    const user = { id: init.userId ?? '700000000000000001', username: 'ada', discriminator: '0', avatar: null, global_name: 'Ada' };
    const channelType = init.channelType ?? (init.guildId ? 0 : 1);
    return {
      id,
      application_id: applicationId,
      type,
      token: interactionToken,
      version: 1,
      locale: 'en-GB',
      app_permissions: init.appPermissions ?? ALL_TEXT_PERMISSIONS,
      entitlements: [],
      authorizing_integration_owners: {},
      context: init.guildId ? 0 : 1,
      channel_id: init.channelId,
      channel: channelType === 1 ? { id: init.channelId, type: 1, recipients: [user] } : { id: init.channelId, type: channelType, guild_id: init.guildId },
      ...(init.guildId
        ? {
            guild_id: init.guildId,
            guild_locale: 'en-GB',
            member: { user, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, permissions: '2248473465835073', nick: null, avatar: null },
          }
        : { user }),
    };
  }

  function dispatchInteraction(payload: Record<string, unknown> & { id: string }): string {
    payloads.set(payload.id, payload);
    sendDispatch('INTERACTION_CREATE', payload);
    return payload.id;
  }

  return {
    apiUrl: `${base}/api`,
    cdnUrl: `${base}/cdn/`,
    cdnDownloads,
    hostAttachment(channelId, filename, bytes) {
      attachmentSeq += 1n;
      const id = attachmentSeq.toString();
      const path = `/cdn/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
      cdnFiles.set(path, bytes);
      const url = `${base}${path}?ex=0&is=0&hm=signed`;
      return { id, filename, size: bytes.length, url, proxy_url: url, content_type: 'application/octet-stream' };
    },
    token,
    applicationId,
    calls,
    gateway,
    messages,
    threads,
    expire(interactionId) {
      expiredIds.add(interactionId);
      const known = interactions.get(interactionId);
      if (known) known.expired = true;
    },
    async slashCommand(init, subCommand, options = {}) {
      const payload = {
        ...interactionBase(init, 2),
        data: {
          id: '910000000000000001',
          name: 'serverless-fit',
          type: 1,
          options: [{ type: 1, name: subCommand, options: Object.entries(options).map(([name, value]) => ({ type: 3, name, value })) }],
        },
      };
      return dispatchInteraction(payload);
    },
    async groupCommand(init, group, subCommand, options = {}) {
      const leaf = { type: 1, name: subCommand, options: Object.entries(options).map(([name, value]) => ({ type: 3, name, value })) };
      return dispatchInteraction({ ...interactionBase(init, 2), data: { id: '910000000000000001', name: 'serverless-fit', type: 1, options: [{ type: 2, name: group, options: [leaf] }] } });
    },
    async autocomplete(init, path, options, focused) {
      const values = Object.entries(options).map(([name, value]) => ({ type: 3, name, value, ...(name === focused ? { focused: true } : {}) }));
      const [first, second] = path;
      const tree = second === undefined ? [{ type: 1, name: first, options: values }] : [{ type: 2, name: first, options: [{ type: 1, name: second, options: values }] }];
      return dispatchInteraction({ ...interactionBase(init, 4), data: { id: '910000000000000001', name: 'serverless-fit', type: 1, options: tree } });
    },
    async suggestionsFor(interactionId) {
      const answer = (c: RecordedCall) => c.path.startsWith(`/interactions/${interactionId}/`) && c.body?.type === 8;
      await waitUntil(() => calls.some(answer), 5000, 'the autocomplete answer');
      return calls.find(answer)?.body.data.choices;
    },
    async button(init, message, customId) {
      return dispatchInteraction({ ...interactionBase(init, 3), message: messageJson(message), data: { custom_id: customId, component_type: 2 } });
    },
    async select(init, message, customId, values) {
      return dispatchInteraction({ ...interactionBase(init, 3), message: messageJson(message), data: { custom_id: customId, component_type: 3, values } });
    },
    async modalSubmit(init, message, customId, fields) {
      const components = Object.entries(fields).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] }));
      return dispatchInteraction({
        ...interactionBase(init, 5),
        ...(message ? { message: messageJson(message) } : {}),
        data: { custom_id: customId, components },
      });
    },
    addGuild(guildId, channels) {
      guilds.set(guildId, channels);
      sendDispatch('GUILD_CREATE', guildJson(guildId));
    },
    failNext(predicate, error) {
      failures.push({ predicate, error });
    },
    replay(interactionId) {
      const payload = payloads.get(interactionId);
      if (payload) sendDispatch('INTERACTION_CREATE', payload);
    },
    dispatch: sendDispatch,
    async dropConnection(code) {
      const before = gateway.resumes.length + gateway.identifies.length;
      socket?.close(code, 'fake disconnect');
      await waitUntil(() => gateway.resumes.length + gateway.identifies.length > before, 10_000, 'the bot to reconnect');
    },
    originalOf(interactionId) {
      const original = interactions.get(interactionId)?.original;
      return original ? messages.get(original) : undefined;
    },
    acknowledged: (interactionId) => interactions.get(interactionId)?.acknowledged ?? false,
    gatewayDown() {
      gatewayUp = false;
      for (const client of wss.clients) client.terminate();
    },
    async waitForCall(predicate, timeoutMs = 5000) {
      let found: RecordedCall | undefined;
      await waitUntil(() => (found = calls.find(predicate)) !== undefined, timeoutMs, 'a matching REST call');
      return found as RecordedCall;
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      server.close();
      await once(server, 'close').catch(() => undefined);
    },
  };

  function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (condition()) return resolve();
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; calls so far:\n${calls.map((c) => `${c.status} ${c.method} ${c.path}`).join('\n')}`));
      }, timeoutMs);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve();
      };
      listeners.add(check);
    });
  }
}

function send(res: ServerResponse, status: number, json?: unknown) {
  if (json === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseBody(req: IncomingMessage, raw: Buffer): Promise<{ body: any; files: RecordedCall['files'] }> {
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: undefined, files: [] };
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake/', { method: 'POST', body: new Uint8Array(raw), headers: { 'content-type': type } }).formData();
    const files: RecordedCall['files'] = [];
    let body: any;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
      } else {
        files.push({ field, name: value.name, size: value.size, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
      }
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}
