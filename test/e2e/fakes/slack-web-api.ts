import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { blockKitError, messageError, parseMaybeJson } from './slack-block-kit-rules.js';
import { createFakeOAuth, type FakeOAuth } from './slack-oauth.js';

// A fake Slack Web API on 127.0.0.1. It records every call, keeps the messages
// it was asked to post, answers like Slack (ts values, upload URLs, errors) and
// refuses what Slack would refuse. Tests can make the next calls of a method
// fail with a Slack error or a 429 rate limit.

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** Whether the fake accepted the call. */
  ok: boolean;
  error?: string;
  /** The token the call carried (Authorization: Bearer, or a `token` argument), if any. */
  token?: string;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  text: string;
  blocks: unknown;
  edits: number;
  /** Message metadata (event_type, event_payload) as posted, if any. */
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/** A file shared into a channel or thread by files.completeUploadExternal. */
export interface FakeFileShare {
  channel: string;
  threadTs?: string;
  ts: string;
  files: { id: string; name: string; bytes: Buffer }[];
}

/** A file a person shared, served from the fake's file host with the bot token only. */
export interface FakeHostedFile {
  id: string;
  name: string;
  bytes: Buffer;
  /** What files.info says its size is (a lie, to test the download's own count); its real size otherwise. */
  statedSize?: number;
  /** A download link files.info gives instead of the file host's own. */
  url?: string;
}

export interface InjectedFailure {
  /** Slack's `error` string in a 200 `ok: false` reply. */
  error: string;
  /** Answer with this body (and status) instead of Slack JSON: whatever a broken proxy sends. */
  raw?: { status: number; body: string };
  /** 429 with Retry-After (seconds) for rate limits. */
  retryAfter?: number;
  /** How many calls fail; default 1. */
  times?: number;
}

export interface FakeSlackWebApi {
  /** Base URL for WebClient's slackApiUrl, ends in /api/. */
  apiUrl: string;
  baseUrl: string;
  calls: RecordedCall[];
  messages: FakeMessage[];
  /** Bodies POSTed to response_url endpoints (respond()). */
  responses: { path: string; body: Record<string, unknown> }[];
  /** Bytes received by the upload URLs, by file id. */
  uploads: Map<string, number>;
  /** Files shared into channels and threads, with what was uploaded. */
  fileShares: FakeFileShare[];
  /** Methods as their requests arrive (before any delay), so a test can see a call in flight. */
  arrivals: string[];
  /** Channels where the bot is not a member (not_in_channel). */
  notInChannel: Set<string>;
  /** Channels that do not exist (channel_not_found); any other name exists. */
  missingChannels: Set<string>;
  /** What apps.connections.open returns as the websocket URL. */
  socketUrl: string | null;
  /** App Home views published (views.publish), the latest per user. */
  homeViews: Map<string, { type: string; blocks: unknown[] }>;
  /** Messages the bot deleted (chat.delete), as they were when deleted. */
  deleted: FakeMessage[];
  /** Milliseconds to wait before answering a method (a slow Slack). */
  delays: Map<string, number>;
  /**
   * Holds back the calls it returns a promise for (one conversation's posts,
   * say) until that promise settles; set it to null to hold nothing.
   */
  hold: ((method: string, body: string) => Promise<void> | undefined) | null;
  /** Installs through OAuth: the authorize page, oauth.v2.access, and the tokens issued per workspace. */
  oauth: FakeOAuth;
  /** Files people shared, by id; add one with `hostFile`. */
  hostedFiles: Map<string, FakeHostedFile>;
  /** Every request to the file host: the path and whether it carried the bot token. */
  downloads: { path: string; authorized: boolean }[];
  /** Makes a file downloadable; returns it as a file_share event lists it. */
  hostFile(name: string, bytes: Buffer, options?: { statedSize?: number; url?: string }): { id: string; name: string; size: number };
  failNext(method: string, failure: InjectedFailure): void;
  callsTo(method: string): RecordedCall[];
  responseUrl(id: string): string;
  /** Resolves once `predicate` holds; rejects after `timeoutMs` with what was recorded. */
  /** The first truthy value `predicate` gives or resolves to (storage reads are asynchronous). */
  waitFor<T>(predicate: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export const FAKE_BOT = { userId: 'UBOT0001', botId: 'BBOT0001', team: 'T0000001' } as const;

/** Methods Slack answers without a bot token: the code exchange carries the app's own credentials. */
const TOKENLESS = new Set(['oauth.v2.access']);

export async function startFakeSlackWebApi(): Promise<FakeSlackWebApi> {
  const calls: RecordedCall[] = [];
  const messages: FakeMessage[] = [];
  const responses: FakeSlackWebApi['responses'] = [];
  const uploads = new Map<string, number>();
  const uploadBodies = new Map<string, Buffer>();
  const uploadNames = new Map<string, string>();
  const fileShares: FakeFileShare[] = [];
  const arrivals: string[] = [];
  const failures = new Map<string, InjectedFailure[]>();
  const notInChannel = new Set<string>();
  const missingChannels = new Set<string>();
  const delays = new Map<string, number>();
  const homeViews = new Map<string, { type: string; blocks: unknown[] }>();
  const deleted: FakeMessage[] = [];
  const hostedFiles = new Map<string, FakeHostedFile>();
  const downloads: FakeSlackWebApi['downloads'] = [];
  const oauth = createFakeOAuth();
  let seq = 0;
  let fileSeq = 0;
  let baseUrl = '';
  const nextTs = () => {
    seq += 1;
    // Like Slack: the posting time in seconds, then a counter that keeps ts unique and ordered.
    return `${Math.floor(Date.now() / 1000)}.${String(seq).padStart(6, '0')}`;
  };

  const state = { socketUrl: null as string | null, hold: null as FakeSlackWebApi['hold'] };

  const channelError = (channel: unknown): string | null => {
    if (typeof channel !== 'string' || channel === '' || missingChannels.has(channel)) return 'channel_not_found';
    if (notInChannel.has(channel)) return 'not_in_channel';
    return null;
  };

  const handlers: Record<string, (args: Record<string, unknown>, token?: string) => Record<string, unknown>> = {
    'auth.test': (_args, token) => {
      // A token the fake issued through an install answers for its own workspace.
      const installed = oauth.tokens.get(token ?? '');
      if (!installed) return { user_id: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, team_id: FAKE_BOT.team, user: 'serverless-fit' };
      const team = installed.organisationWide ? (installed.enterprise?.id ?? installed.team) : installed.team;
      return { user_id: oauth.botUserOf(team), bot_id: `B${team}`, team_id: installed.organisationWide ? null : installed.team, team: installed.name, user: 'serverless-fit', url: 'https://example.slack.com/', ...(installed.enterprise ? { enterprise_id: installed.enterprise.id } : {}) };
    },
    'oauth.v2.access': (args) => oauth.access(args),
    'chat.postMessage': (args) => {
      const error = channelError(args.channel) ?? messageError(args);
      if (error) return { error };
      if (typeof args.thread_ts === 'string' && !messages.some((m) => m.ts === args.thread_ts && m.channel === args.channel)) {
        return { error: 'thread_not_found' };
      }
      const message: FakeMessage = {
        channel: args.channel as string,
        ts: nextTs(),
        ...(typeof args.thread_ts === 'string' ? { threadTs: args.thread_ts } : {}),
        text: typeof args.text === 'string' ? args.text : '',
        blocks: parseMaybeJson(args.blocks),
        edits: 0,
        ...(args.metadata ? { metadata: parseMaybeJson(args.metadata) as FakeMessage['metadata'] } : {}),
      };
      messages.push(message);
      return { channel: message.channel, ts: message.ts, message: { text: message.text, ts: message.ts } };
    },
    'chat.update': (args) => {
      const error = channelError(args.channel) ?? messageError(args);
      if (error) return { error };
      const message = messages.find((m) => m.channel === args.channel && m.ts === args.ts);
      if (!message) return { error: 'message_not_found' };
      message.text = typeof args.text === 'string' ? args.text : '';
      message.blocks = parseMaybeJson(args.blocks);
      message.edits += 1;
      return { channel: message.channel, ts: message.ts };
    },
    'chat.postEphemeral': (args) => {
      const error = channelError(args.channel) ?? messageError(args);
      if (error) return { error };
      if (typeof args.user !== 'string' || args.user === '') return { error: 'user_not_found' };
      return { message_ts: nextTs() };
    },
    'chat.delete': (args) => {
      const error = channelError(args.channel);
      if (error) return { error };
      const index = messages.findIndex((m) => m.channel === args.channel && m.ts === args.ts);
      if (index < 0) return { error: 'message_not_found' };
      deleted.push(...messages.splice(index, 1));
      return { channel: args.channel, ts: args.ts };
    },
    'views.publish': (args) => {
      // Slack: a Home tab holds up to 100 blocks, each under the same rules as a message's.
      if (typeof args.user_id !== 'string' || args.user_id === '') return { error: 'user_not_found' };
      const view = parseMaybeJson(args.view) as Record<string, unknown> | undefined;
      if (!view || view.type !== 'home') return { error: 'invalid_arguments' };
      const error = blockKitError(view.blocks, 100);
      if (error) return { error };
      if (JSON.stringify(view).length > 250_000) return { error: 'view_too_large' };
      homeViews.set(args.user_id, { type: 'home', blocks: view.blocks as unknown[] });
      return { view: { id: `V${nextTs()}`, type: 'home' } };
    },
    'views.open': (args) => {
      if (typeof args.trigger_id !== 'string' || args.trigger_id === '') return { error: 'invalid_trigger_id' };
      const view = parseMaybeJson(args.view) as Record<string, unknown> | undefined;
      if (!view || view.type !== 'modal' || !Array.isArray(view.blocks)) return { error: 'invalid_arguments' };
      return { view: { id: `V${nextTs()}` } };
    },
    'files.getUploadURLExternal': (args) => {
      if (typeof args.filename !== 'string' || !Number(args.length)) return { error: 'invalid_arguments' };
      fileSeq += 1;
      const id = `F${String(fileSeq).padStart(6, '0')}`;
      uploadNames.set(id, args.filename);
      return { upload_url: `${baseUrl}/upload/${id}`, file_id: id };
    },
    'files.completeUploadExternal': (args) => {
      const files = parseMaybeJson(args.files) as { id: string; title?: string }[] | undefined;
      if (!Array.isArray(files) || files.length === 0) return { error: 'invalid_arguments' };
      if (!files.every((f) => uploads.has(f.id))) return { error: 'file_not_found' };
      if (args.channel_id !== undefined) {
        const error = channelError(args.channel_id);
        if (error) return { error };
        fileShares.push({
          channel: args.channel_id as string,
          ...(typeof args.thread_ts === 'string' ? { threadTs: args.thread_ts } : {}),
          ts: nextTs(),
          files: files.map((f) => ({ id: f.id, name: uploadNames.get(f.id) ?? '', bytes: uploadBodies.get(f.id) ?? Buffer.alloc(0) })),
        });
      }
      return { files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) };
    },
    'files.info': (args) => {
      const file = hostedFiles.get(String(args.file ?? ''));
      if (!file) return { error: 'file_not_found' };
      const url = file.url ?? `${baseUrl}/files-pri/${FAKE_BOT.team}-${file.id}/download/${encodeURIComponent(file.name)}`;
      return { file: { id: file.id, name: file.name, size: file.statedSize ?? file.bytes.length, url_private: url, url_private_download: url } };
    },
    'conversations.history': (args) => {
      const error = channelError(args.channel);
      if (error) return { error };
      const top = messages.filter((m) => m.channel === args.channel && !m.threadTs && Number(m.ts) >= Number(args.oldest ?? 0));
      return { messages: top.reverse().map((m) => asHistory(m, args.include_all_metadata)), has_more: false };
    },
    'conversations.replies': (args) => {
      const error = channelError(args.channel);
      if (error) return { error };
      const parent = messages.find((m) => m.channel === args.channel && m.ts === args.ts);
      if (!parent) return { error: 'thread_not_found' };
      const posts = messages.filter((m) => m.channel === args.channel && m.threadTs === args.ts).map((m) => asHistory(m, args.include_all_metadata));
      const shared = fileShares
        .filter((f) => f.channel === args.channel && f.threadTs === args.ts)
        .map((f) => ({ type: 'message', ts: f.ts, thread_ts: f.threadTs, files: f.files.map((file) => ({ id: file.id, name: file.name })) }));
      const replies = [...posts, ...shared].sort((a, b) => Number(a.ts) - Number(b.ts));
      return { messages: [asHistory(parent, args.include_all_metadata), ...replies], has_more: false };
    },
    'apps.connections.open': () => (state.socketUrl ? { url: state.socketUrl } : { error: 'invalid_auth' }),
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      arrivals.push(path.replace(/^\/api\//, ''));
      const delay = delays.get(path.replace(/^\/api\//, '')) ?? 0;
      const held = state.hold?.(path.replace(/^\/api\//, ''), Buffer.concat(chunks).toString('utf8'));
      void (held ?? Promise.resolve()).then(() => setTimeout(() => answer(path, Buffer.concat(chunks)), delay));
    });
    const answer = (path: string, raw: Buffer) => {
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (path.startsWith('/upload/')) {
        const id = path.slice('/upload/'.length);
        uploads.set(id, raw.length);
        void uploadedFile(raw, req.headers['content-type'] ?? '').then((bytes) => {
          uploadBodies.set(id, bytes);
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end(`OK - ${raw.length}`);
        });
        return;
      }
      if (path.startsWith('/files-pri/')) {
        const authorized = String(req.headers.authorization ?? '').startsWith('Bearer xoxb-');
        downloads.push({ path, authorized });
        const id = /^\/files-pri\/[^/]+-(F[^/]+)\//.exec(path)?.[1] ?? '';
        const file = hostedFiles.get(id);
        // Slack answers an unauthenticated download with its sign-in page, not the file.
        if (!authorized || !file) {
          res.writeHead(authorized ? 404 : 302, authorized ? { 'content-type': 'text/plain' } : { location: 'https://slack.com/signin' });
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.bytes.length) });
        res.end(file.bytes);
        return;
      }
      if (path === '/oauth/v2/authorize') {
        oauth.authorize(req, res);
        return;
      }
      if (path.startsWith('/response/')) {
        responses.push({ path, body: JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown> });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
        return;
      }
      const method = path.replace(/^\/api\//, '');
      const args = parseArgs(raw, req.headers['content-type'] ?? '');
      const bearer = /^Bearer (\S+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
      const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
      // Like Slack: a call without a token, or with one Slack has revoked, is refused before anything else.
      const tokenError = TOKENLESS.has(method) ? null : !token ? 'not_authed' : oauth.revoked.has(token) ? 'token_revoked' : null;
      if (tokenError) {
        calls.push({ method, args, ok: false, error: tokenError, ...(token ? { token } : {}) });
        reply(200, { ok: false, error: tokenError });
        return;
      }
      const queue = failures.get(method);
      const failure = queue?.[0];
      if (queue && failure) {
        failure.times = (failure.times ?? 1) - 1;
        if (failure.times <= 0) queue.shift();
        calls.push({ method, args, ok: false, error: failure.error, ...(token ? { token } : {}) });
        if (failure.raw) {
          res.writeHead(failure.raw.status, { 'content-type': 'text/html' });
          res.end(failure.raw.body);
        } else if (failure.retryAfter !== undefined) {
          reply(429, { ok: false, error: failure.error }, { 'retry-after': String(failure.retryAfter) });
        } else {
          reply(200, { ok: false, error: failure.error });
        }
        return;
      }
      const handler = handlers[method];
      const result = handler ? handler(args, token) : { error: 'unknown_method' };
      const error = typeof result.error === 'string' ? result.error : undefined;
      calls.push({ method, args, ok: !error, ...(error ? { error } : {}), ...(token ? { token } : {}) });
      reply(200, error ? { ok: false, error } : { ok: true, ...result });
    };
  });

  // Slack's API keeps idle connections open for a long time; Node's 5 s default would make a client
  // under load reuse a connection the server is closing, a failure no real Slack produces this way.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    calls,
    messages,
    responses,
    uploads,
    fileShares,
    arrivals,
    notInChannel,
    missingChannels,
    delays,
    homeViews,
    deleted,
    hostedFiles,
    downloads,
    oauth,
    hostFile(name, bytes, options = {}) {
      fileSeq += 1;
      const id = `F${String(fileSeq).padStart(6, '0')}`;
      hostedFiles.set(id, { id, name, bytes, ...options });
      return { id, name, size: options.statedSize ?? bytes.length };
    },
    get socketUrl() {
      return state.socketUrl;
    },
    get hold() {
      return state.hold;
    },
    set hold(hold: FakeSlackWebApi['hold']) {
      state.hold = hold;
    },
    set socketUrl(url: string | null) {
      state.socketUrl = url;
    },
    failNext(method, failure) {
      const queue = failures.get(method) ?? [];
      queue.push({ ...failure });
      failures.set(method, queue);
    },
    callsTo: (method) => calls.filter((c) => c.method === method),
    responseUrl: (id) => `${baseUrl}/response/${id}`,
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await predicate();
        if (value) return value;
        if (Date.now() > deadline) {
          const summary = calls.map((c) => `${c.method}${c.ok ? '' : ` (${c.error})`}`).join(', ');
          throw new Error(`timed out waiting; calls so far: ${summary}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The file in an upload: the multipart part carrying it, or the whole body when it was sent bare. */
async function uploadedFile(raw: Buffer, contentType: string): Promise<Buffer> {
  if (!contentType.startsWith('multipart/form-data')) return raw;
  const form = await new Request('http://fake/', { method: 'POST', body: new Uint8Array(raw), headers: { 'content-type': contentType } }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}

/** A message as conversations.history and .replies return it (metadata only when asked for). */
function asHistory(message: FakeMessage, withMetadata: unknown) {
  return {
    type: 'message',
    ts: message.ts,
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    text: message.text,
    bot_id: FAKE_BOT.botId,
    ...(message.metadata && (withMetadata === true || withMetadata === 'true') ? { metadata: message.metadata } : {}),
  };
}

function parseArgs(raw: Buffer, contentType: string): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (contentType.startsWith('application/json')) return (JSON.parse(text || '{}') as Record<string, unknown>) ?? {};
  if (contentType.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  return {};
}
