import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import { isPortInUse, portInUse } from '../../startup-error.js';
import type { Intake } from './intake.js';
import { readSlackBody } from './read-body.js';
import { verifySlackRequest } from './verify-request.js';

// The HTTP side of Slack, as a Bolt receiver: one port, POST /slack/events for
// commands, interactions and events, and the operator's GET routes. Every
// request Slack would never send gets an answer at once with one sentence
// saying why (too big, unsigned, signed outside five minutes either way,
// unreadable, elsewhere); a signed, readable one goes through the intake:
// work is written into the inbox and acknowledged at once with an empty 200
// (workers hand it to Bolt's listeners), anything else goes to Bolt now.

export interface HttpRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  port: number;
  routes: readonly HttpRoute[];
  intake: Intake;
  /** A delivery was written into the inbox and acknowledged: the workers may take it. */
  onQueued: () => void;
  logger: Logger;
  nowSeconds?: () => number;
  /** Bolt's limit too: no Slack payload comes near it. */
  bodyLimitBytes?: number;
}

export const EVENTS_PATH = '/slack/events';

export const REFUSALS = {
  tooLarge: 'The body is larger than a Slack payload can be (4 MB).',
  unsigned: 'The request is not signed by Slack: X-Slack-Signature or X-Slack-Request-Timestamp is missing (or not a Unix time).',
  forged: 'The request is not signed by Slack: X-Slack-Signature does not match the body and the signing secret.',
  stale: 'The request is not signed by Slack recently: X-Slack-Request-Timestamp is more than 5 minutes off (in the past).',
  future: 'The request is not signed by Slack recently: X-Slack-Request-Timestamp is more than 5 minutes off (in the future).',
  nowhere: 'Nothing here: Slack posts to /slack/events, and health checks are GET /healthz and GET /readyz.',
  stopping: 'The bot is shutting down and takes no new work; Slack will retry events, and a command can be sent again in a moment.',
  failed: 'Something went wrong handling this request; it was logged.',
} as const;

export interface SlackHttpReceiver extends Receiver {
  port(): number | null;
  /** Takes no new deliveries from now on (shutdown); the routes keep answering. */
  stopIntake(): void;
  /** How many Slack requests have been read and not yet answered. */
  receiving(): number;
}

export function createSlackHttpReceiver(options: SlackHttpReceiverOptions): SlackHttpReceiver {
  const { logger } = options;
  const limit = options.bodyLimitBytes ?? 4 * 1024 * 1024;
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  let app: App | null = null;
  let server: Server | null = null;
  let accepting = true;
  let receiving = 0;

  const refuse = (res: ServerResponse, status: number, sentence: string, warning?: string) => {
    if (warning) logger.warn(`slack: refused a request: ${warning}`, { status });
    if (res.headersSent) return;
    res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify({ error: sentence }));
  };

  const answer = (res: ServerResponse, body?: unknown) => {
    if (res.headersSent) return;
    if (body === undefined || body === null || body === '') {
      res.writeHead(200);
      res.end();
    } else if (typeof body === 'string') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(body);
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    }
  };

  async function handleEvent(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!accepting) return refuse(res, 503, REFUSALS.stopping);
    // Too big is refused before anything is parsed or stored; the rest of the body is read and dropped,
    // so the sender gets the answer instead of a connection cut mid-upload.
    const declared = Number(req.headers['content-length'] ?? 0);
    const raw = await readLimited(req, declared > limit ? 0 : limit);
    // From here on the request costs CPU, not waiting on the network: it counts as being received.
    receiving += 1;
    try {
      await handleBody(req, res, raw);
    } finally {
      receiving -= 1;
    }
  }

  async function handleBody(req: IncomingMessage, res: ServerResponse, raw: Buffer | null): Promise<void> {
    if (raw === null) return refuse(res, 413, REFUSALS.tooLarge, `Request body exceeded the maximum allowed size (limit: ${limit} bytes)`);
    const verified = verifySlackRequest({
      signingSecret: options.signingSecret,
      signature: header(req, 'x-slack-signature'),
      timestamp: header(req, 'x-slack-request-timestamp'),
      body: raw,
      nowSeconds: nowSeconds(),
    });
    if (!verified.ok) return refuse(res, 401, REFUSALS[verified.reason], `signature check failed (${verified.reason})`);
    const read = readSlackBody(header(req, 'content-type'), raw.toString('utf8'));
    if (!read.ok) return refuse(res, 400, read.reason, `Malformed request body: ${read.reason}`);
    const body = read.body;
    if (body.ssl_check !== undefined) return answer(res);
    if (body.type === 'url_verification') return answer(res, { challenge: body.challenge });

    const admission = await options.intake.admit(body);
    if (admission.kind === 'retry-later') return refuse(res, 503, admission.reason);
    if (admission.kind === 'queued') {
      answer(res);
      options.onQueued();
      return;
    }
    if (admission.kind === 'answer') {
      answer(res, admission.ack);
      await admission.afterwards?.();
      return;
    }
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => answer(res, response),
      ...retryHeaders(req),
    };
    try {
      await app?.processEvent(event);
      // A payload no listener acknowledges (a shortcut this app does not offer) is still received.
      answer(res);
    } catch (error) {
      logger.error('slack: a request failed before it was acknowledged', { error });
      refuse(res, 500, REFUSALS.failed);
    }
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    if (path === EVENTS_PATH && method === 'POST') {
      handleEvent(req, res).catch((error: unknown) => {
        logger.error('slack: request handling failed', { error });
        refuse(res, 500, REFUSALS.failed);
      });
      return;
    }
    const route = options.routes.find((r) => r.path === path && r.method.includes(method));
    if (route) return route.handler(req, res);
    refuse(res, 404, REFUSALS.nowhere);
  };

  return {
    init(bolt) {
      app = bolt;
    },
    start() {
      const created = http.createServer(listener);
      return new Promise<Server>((resolve, reject) => {
        created.once('error', (error) => reject(isPortInUse(error) ? portInUse(options.port, 'Slack (HTTP mode)') : error));
        created.listen(options.port, () => {
          server = created;
          resolve(created);
        });
      });
    },
    async stop() {
      accepting = false;
      const closing = server;
      server = null;
      if (!closing) return;
      await new Promise<void>((resolve) => {
        closing.close(() => resolve());
        closing.closeIdleConnections();
      });
    },
    stopIntake() {
      accepting = false;
    },
    receiving: () => receiving,
    port() {
      const address = server?.address();
      return address && typeof address === 'object' ? (address as AddressInfo).port : null;
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function retryHeaders(req: IncomingMessage): Pick<ReceiverEvent, 'retryNum' | 'retryReason'> {
  const num = Number(header(req, 'x-slack-retry-num'));
  const reason = header(req, 'x-slack-retry-reason');
  return { ...(Number.isInteger(num) ? { retryNum: num } : {}), ...(reason ? { retryReason: reason } : {}) };
}

/** The body, or null once it grows past `limit` (what follows is read and dropped, not kept). */
function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
