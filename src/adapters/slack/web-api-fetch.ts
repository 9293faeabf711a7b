import http from 'node:http';
import https from 'node:https';

// The fetch Bolt's Web API client makes its calls with. Node's own fetch
// (undici) builds web streams, a Request and a Response for every call, which
// under a busy inbox costs more CPU than the rest of posting a message. The
// client sends a form-encoded string body and reads the answer as text, which
// node:http over kept-alive connections does at a fraction of the cost; a
// body of another kind (a file upload's form data) goes to Node's fetch as before.

type Fetch = typeof globalThis.fetch;

/** Like undici's defaults: a peer that never answers is given up on after five minutes. */
const SILENCE_LIMIT_MS = 300_000;

export function createWebApiFetch(fallback: Fetch = globalThis.fetch): Fetch {
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  } as const;
  return ((input: Parameters<Fetch>[0], init?: RequestInit) => {
    const body = init?.body;
    if ((body !== undefined && body !== null && typeof body !== 'string') || !(typeof input === 'string' || input instanceof URL)) return fallback(input, init);
    const url = new URL(input);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return fallback(input, init);
    return send(url, init ?? {}, body ?? undefined, agents[url.protocol]);
  }) as Fetch;
}

function send(url: URL, init: RequestInit, body: string | undefined, agent: http.Agent): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return reject(abortReason(signal));
    const headers = new Headers(init.headers);
    if (body !== undefined) headers.set('content-length', String(Buffer.byteLength(body)));
    const request = (url.protocol === 'https:' ? https : http).request(url, { method: init.method ?? 'GET', headers: Object.fromEntries(headers), agent }, (response) => {
      const status = response.statusCode ?? 0;
      if (init.redirect === 'error' && status >= 300 && status < 400) {
        response.resume();
        return reject(new TypeError(`fetch failed: ${url.href} redirected (${status}) where no redirect was allowed`));
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(answer(url, status, response.statusMessage ?? '', response.rawHeaders, Buffer.concat(chunks)));
      });
    });
    const onAbort = () => {
      // Rejected with the signal's reason, as fetch is; the socket is closed after.
      reject(abortReason(signal!));
      request.destroy();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    request.setTimeout(SILENCE_LIMIT_MS, () => request.destroy(new Error(`no answer from ${url.origin} within ${SILENCE_LIMIT_MS / 1000} s`)));
    request.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new TypeError('fetch failed', { cause: error }));
    });
    request.end(body);
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** The parts of a Response the Web API client reads, over a body already in memory. */
function answer(url: URL, status: number, statusText: string, rawHeaders: string[], bytes: Buffer): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) headers.append(rawHeaders[i]!, rawHeaders[i + 1]!);
  const text = () => Promise.resolve(bytes.toString('utf8'));
  const response = {
    ok: status >= 200 && status < 300,
    status,
    statusText,
    url: url.href,
    redirected: false,
    headers,
    text,
    json: async () => JSON.parse(await text()) as unknown,
    arrayBuffer: () => Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
  };
  return response as unknown as Response;
}
