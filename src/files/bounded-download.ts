// Downloads a file a person shared in chat, from the platform's own file host
// only, and never more than the caller allows: the stated length is checked
// before the body is read, and the body is counted while it arrives, so a
// host that lies about the size (or states none) is cut off at the limit.
// No redirects are followed: a redirect could lead off the file host with
// the bot token attached.

export interface DownloadRequest {
  url: string;
  /** The file host's base URL (https://files.slack.com/); the file's URL must start with it. */
  allowedBase: string;
  headers?: Record<string, string>;
  maxBytes: number;
  /** Per download; a host that stops sending is given up on. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export type Download =
  | { ok: true; bytes: Uint8Array }
  /** `why` finishes "could not be read: ..." for the person who shared it. */
  | { ok: false; why: string; tooLarge: boolean };

const DEFAULT_TIMEOUT_MS = 30_000;

export async function downloadBounded(request: DownloadRequest): Promise<Download> {
  const { maxBytes } = request;
  if (!onHost(request.url, request.allowedBase)) return failed(`it is not stored on the chat platform's file host (${hostOf(request.allowedBase)})`);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    const response = await (request.fetch ?? fetch)(request.url, { headers: request.headers ?? {}, redirect: 'manual', signal: abort.signal });
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      return failed(`the file host answered ${response.status}`);
    }
    const stated = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(stated) && stated > maxBytes) {
      abort.abort();
      return tooLarge(maxBytes, 0);
    }
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return tooLarge(maxBytes, total);
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    return { ok: true, bytes };
  } catch (error) {
    return failed(abort.signal.aborted ? 'the file host stopped sending it' : `the download failed (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    clearTimeout(timer);
  }
}

function onHost(url: string, base: string): boolean {
  try {
    const file = new URL(url);
    const host = new URL(base);
    if (file.protocol !== 'https:' && file.protocol !== 'http:') return false;
    const prefix = host.pathname.endsWith('/') ? host.pathname : `${host.pathname}/`;
    return file.origin === host.origin && (file.pathname.startsWith(prefix) || prefix === '/') && !file.username && !file.password;
  } catch {
    return false;
  }
}

function hostOf(base: string): string {
  try {
    return new URL(base).host;
  } catch {
    return base;
  }
}

function tooLarge(maxBytes: number, readBytes: number): Download {
  const limit = `${maxBytes / 1e6} MB`;
  return { ok: false, tooLarge: true, why: readBytes > 0 ? `reading stopped at ${limit}, the most a template may be` : `it is over ${limit}, the most a template may be` };
}

function failed(why: string): Download {
  return { ok: false, why, tooLarge: false };
}
