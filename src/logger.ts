// The operator's log. Adapters and main log through this interface; `serve`
// uses the JSON logger (src/json-logger.ts: pino, one object per line, secrets
// redacted), the terminal commands the console one, tests the memory one.

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createConsoleLogger(stream: NodeJS.WritableStream = process.stderr): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    // No stacks here: this log shares the terminal with the person chatting.
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(redactSecrets(fields), withoutStacks)}` : '';
    stream.write(`${new Date().toISOString()} ${level} ${redactText(message)}${extra}\n`);
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** A logger that keeps entries in memory; tests assert on what the operator would see. */
export function createMemoryLogger(): Logger & { entries: { level: string; message: string; fields?: Record<string, unknown> }[] } {
  const entries: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  return {
    entries,
    info: (message, fields) => entries.push({ level: 'info', message, fields }),
    warn: (message, fields) => entries.push({ level: 'warn', message, fields }),
    error: (message, fields) => entries.push({ level: 'error', message, fields }),
  };
}

export const REDACTED = '[redacted]';

// Token shapes that can leak through error messages, URLs and request dumps.
const SECRET_PATTERNS: readonly RegExp[] = [
  /\bxox[abposr]-[A-Za-z0-9-]+/g, // Slack bot, user and legacy tokens
  /\bxapp-[A-Za-z0-9-]+/g, // Slack app-level tokens
  /\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g, // Discord bot tokens
  /\b(Bearer|Bot|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, // Authorization header values
  /\bv0=[0-9a-f]{64}\b/g, // Slack request signatures
];

// Field names whose value is a credential whatever it looks like.
const SECRET_KEY = /^(authorization|proxy-authorization|token|bot_?token|app_?token|access_?token|signing_?secret|secret|password|x-slack-signature|cookie)$/i;

export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, REDACTED);
  return out;
}

/** A copy of `value` with credentials replaced; errors become plain objects; cycles and depth are cut. */
export function redactSecrets(value: unknown, secrets: readonly string[] = [], depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value) || depth > 6) return '[...]';
  seen.add(value);
  if (value instanceof Error) {
    const plain: Record<string, unknown> = { name: value.name, message: value.message };
    if (value.stack) plain.stack = value.stack;
    const code = (value as { code?: unknown }).code;
    if (code !== undefined) plain.code = code;
    return redactSecrets(plain, secrets, depth + 1, seen);
  }
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, secrets, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && item !== undefined && item !== null && item !== '' ? REDACTED : redactSecrets(item, secrets, depth + 1, seen);
  }
  return out;
}

function withoutStacks(key: string, value: unknown): unknown {
  return key === 'stack' ? undefined : value;
}
