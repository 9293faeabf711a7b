// The body of a signed request to /slack/events, read the way Slack sends
// it: slash commands as a form, interactions as a form with a JSON `payload`,
// Events API callbacks as JSON. Anything else gets one sentence saying why it
// cannot be read, so the sender is told at once instead of waiting on a listener.

export type ReadBody = { ok: true; body: Record<string, unknown> } | { ok: false; reason: string };

const NOT_A_PAYLOAD = 'The body is not a Slack payload this endpoint can read (form-encoded command or interaction, or JSON event).';

export function readSlackBody(contentType: string | undefined, raw: string): ReadBody {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/x-www-form-urlencoded') return readForm(raw);
  if (mediaType === 'application/json') {
    const parsed = parseJson(raw);
    if (parsed === undefined) return { ok: false, reason: 'The body is not valid JSON, so it is not a Slack event.' };
    if (!isObject(parsed)) return { ok: false, reason: 'The JSON body is not an object, so it is not a Slack event.' };
    if (typeof parsed.type !== 'string') return { ok: false, reason: 'The JSON body has no "type", so it is not a Slack event.' };
    return { ok: true, body: parsed };
  }
  return { ok: false, reason: `Slack sends application/x-www-form-urlencoded or application/json; this request is ${mediaType || 'without a content type'}.` };
}

function readForm(raw: string): ReadBody {
  const form = new URLSearchParams(raw);
  const payload = form.get('payload');
  if (payload !== null) {
    const parsed = parseJson(payload);
    if (parsed === undefined) return { ok: false, reason: 'The "payload" field is not valid JSON, so it is not a Slack interaction.' };
    if (!isObject(parsed)) return { ok: false, reason: 'The "payload" field is not a JSON object, so it is not a Slack interaction.' };
    if (typeof parsed.type !== 'string') return { ok: false, reason: 'The "payload" has no "type", so it is not a Slack interaction.' };
    return { ok: true, body: parsed };
  }
  const fields = Object.fromEntries(form);
  if (fields.ssl_check !== undefined || typeof fields.command === 'string') return { ok: true, body: fields };
  return { ok: false, reason: NOT_A_PAYLOAD };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
