import type { CardAction } from '../../core/card.js';
import { DISCORD_LIMITS } from './limits.js';

// custom_id codec: "sf|<conversation id or ->|<kind>|<action id>|<value>".
// The conversation id travels in the id so a click finds its conversation
// without a thread lookup (DMs, old messages, restarts).

export type CustomId =
  | { kind: 'action'; conversationId: string | null; actionId: string; value?: string }
  | { kind: 'select'; conversationId: string | null }
  | { kind: 'type'; conversationId: string | null }
  | { kind: 'modal'; conversationId: string | null };

const PREFIX = 'sf';
const KIND_CODES = { action: 'a', select: 's', type: 't', modal: 'm' } as const;

/** The encoded id, or null when it would not fit in Discord's 100 characters. */
export function encodeCustomId(id: CustomId): string | null {
  const conversation = id.conversationId ?? '-';
  if (conversation.includes('|')) return null;
  const parts = [PREFIX, conversation, KIND_CODES[id.kind]];
  if (id.kind === 'action') {
    if (id.actionId.includes('|')) return null;
    parts.push(id.actionId);
    if (id.value !== undefined) parts.push(id.value);
  }
  const encoded = parts.join('|');
  return encoded.length <= DISCORD_LIMITS.customId ? encoded : null;
}

export function decodeCustomId(raw: string): CustomId | null {
  const [prefix, conversation, code, actionId, ...value] = raw.split('|');
  if (prefix !== PREFIX || conversation === undefined || code === undefined) return null;
  const conversationId = conversation === '-' ? null : conversation;
  switch (code) {
    case KIND_CODES.action:
      if (actionId === undefined || actionId === '') return null;
      return value.length > 0
        ? { kind: 'action', conversationId, actionId, value: value.join('|') }
        : { kind: 'action', conversationId, actionId };
    case KIND_CODES.select:
      return { kind: 'select', conversationId };
    case KIND_CODES.type:
      return { kind: 'type', conversationId };
    case KIND_CODES.modal:
      return { kind: 'modal', conversationId };
    default:
      return null;
  }
}

/** Select option values carry "<action id>|<value>"; null when too long for Discord. */
export function encodeSelectValue(action: CardAction): string | null {
  if (action.id.includes('|')) return null;
  const encoded = action.value === undefined ? action.id : `${action.id}|${action.value}`;
  return encoded.length <= DISCORD_LIMITS.selectOptionValue ? encoded : null;
}

export function decodeSelectValue(raw: string): { actionId: string; value?: string } {
  const [actionId = '', ...value] = raw.split('|');
  return value.length > 0 ? { actionId, value: value.join('|') } : { actionId };
}
