// What a Slack button carries back (its value) and the action_id prefix that routes
// it: encoded here, decoded by the Slack adapter when the button is pressed.

/** Prefix of every action_id we render, so the adapter can route them with one pattern. */
export const ACTION_ID_PREFIX = 'sf|';

/** What a button carries back: which conversation, which CardAction, its value. */
export interface ActionRef {
  conversationId: string | null;
  actionId: string;
  value?: string;
}

export function encodeActionValue(ref: ActionRef): string {
  return JSON.stringify({ c: ref.conversationId, a: ref.actionId, ...(ref.value === undefined ? {} : { v: ref.value }) });
}

export function decodeActionValue(raw: string | undefined): ActionRef | null {
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { c, a, v } = parsed as Record<string, unknown>;
    if (typeof a !== 'string' || (c !== null && typeof c !== 'string')) return null;
    return { conversationId: c, actionId: a, ...(typeof v === 'string' ? { value: v } : {}) };
  } catch {
    return null;
  }
}
