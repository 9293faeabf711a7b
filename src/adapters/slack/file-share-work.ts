import type { SlackMessageEvent } from './translate.js';

// A person sharing files in a thread (a `message` event with subtype
// file_share) -> the work of reading them, as the inbox keeps it: which
// files, by id, and where. The files themselves are fetched when the work
// runs (files.info, then the download with the bot token). Pure.

export interface SharedFileRef {
  id: string;
  name: string;
  /** Bytes, as the event states it; null when it does not. */
  size: number | null;
}

export interface FileShareWork {
  kind: 'file';
  workspace: string;
  channel: string;
  user: string;
  threadTs: string;
  files: SharedFileRef[];
}

/** More in one message is not a template upload; the rest are ignored with a note. */
export const MAX_FILES_PER_MESSAGE = 3;

type Body = Record<string, unknown>;

export function fileShareOf(body: Body, botUserId: string | undefined): { deliveryId: string; work: FileShareWork } | null {
  const event = body.event as (SlackMessageEvent & { files?: unknown }) | undefined;
  const eventId = typeof body.event_id === 'string' ? body.event_id : '';
  if (!event || !eventId || event.type !== 'message' || event.subtype !== 'file_share') return null;
  if (event.bot_id !== undefined || !event.user || event.user === botUserId) return null;
  if (!event.channel || !event.thread_ts || event.thread_ts === event.ts) return null;
  const files = (Array.isArray(event.files) ? event.files : []).flatMap((raw: unknown): SharedFileRef[] => {
    const file = (raw ?? {}) as Body;
    if (typeof file.id !== 'string' || !file.id) return [];
    const name = typeof file.name === 'string' ? file.name : typeof file.title === 'string' ? file.title : file.id;
    return [{ id: file.id, name: name.slice(0, 200), size: typeof file.size === 'number' ? file.size : null }];
  });
  if (files.length === 0) return null;
  const workspace = typeof body.team_id === 'string' ? body.team_id : '';
  return { deliveryId: `event:${eventId}`, work: { kind: 'file', workspace, channel: event.channel, user: event.user, threadTs: event.thread_ts, files: files.slice(0, MAX_FILES_PER_MESSAGE) } };
}
