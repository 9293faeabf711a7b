// Postgres stores no U+0000 in text or jsonb (SQLite does), and a NUL can
// arrive in anything typed or forged: a message, a request body. Rather than
// refuse the write (and lose what was acknowledged), the Postgres stores keep
// such text with each NUL replaced by U+FFFD, the character that stands for
// one that could not be kept.

// eslint-disable-next-line no-control-regex -- finding NUL characters is the point
const NUL = /\u0000/g;
/** A NUL as JSON writes it (\u0000), unless its backslash is itself escaped (\\u0000 is text). */
const ESCAPED_NUL = /(?<=(?:^|[^\\])(?:\\\\)*)\\u0000/g;

/** Free text as Postgres can keep it. */
export function storableText<T extends string | null>(text: T): T {
  return (text === null ? text : text.replace(NUL, '\ufffd')) as T;
}

/** JSON text (from JSON.stringify) as a jsonb column can keep it. */
export function storableJson<T extends string | null>(json: T): T {
  return (json === null ? json : json.replace(ESCAPED_NUL, '\\ufffd')) as T;
}
