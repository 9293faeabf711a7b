import { ServerResponse, type IncomingMessage } from 'node:http';

// Bolt refuses bad requests on the Slack port with a bare status (401, 400,
// 413, 404) and no body. This response class, handed to the HTTP server,
// fills in one sentence saying why, so whoever is debugging a proxy or a
// replayed request sees the reason; Bolt's own warn line goes to the log.

export const REFUSALS: Readonly<Record<number, string>> = {
  400: 'The body is not a Slack payload this endpoint can read (form-encoded command or interaction, or JSON event).',
  401: 'The request is not signed by Slack: X-Slack-Signature is missing or wrong, or X-Slack-Request-Timestamp is more than 5 minutes off.',
  404: 'Nothing here. Slack posts to /slack/events; health checks are GET /healthz and GET /readyz.',
  413: 'The body is larger than a Slack payload can be (4 MB).',
};

export class ExplainedResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
  private explanation: string | null = null;

  // Only a bare writeHead(status) (Bolt's no-body refusal) is explained; every other call passes through.
  override writeHead(...args: unknown[]): this {
    const [status] = args;
    if (args.length === 1 && typeof status === 'number' && REFUSALS[status]) {
      this.explanation = REFUSALS[status];
      return super.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
    }
    return (super.writeHead as (...a: unknown[]) => this)(...args);
  }

  override end(...args: unknown[]): this {
    if (this.explanation !== null && (args.length === 0 || typeof args[0] === 'function')) {
      const body = JSON.stringify({ error: this.explanation });
      this.explanation = null;
      return (super.end as (...a: unknown[]) => this)(body, ...args);
    }
    return (super.end as (...a: unknown[]) => this)(...args);
  }
}
