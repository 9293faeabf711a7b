import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIComponentInMessageActionRow, APIModalInteractionResponseCallbackData, APISelectMenuOption } from 'discord.js';
import type { CardAction } from '../../core/card.js';
import { encodeCustomId, encodeSelectValue } from './action-codec.js';
import { DISCORD_LIMITS, truncate } from './limits.js';

// Buttons, rows and select menus within Discord's component limits; what cannot
// fit is left out and reported, so the caller can say so.

export type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

export function fitContent(text: string): { text: string; shortened: boolean } {
  if (text.length <= DISCORD_LIMITS.content) return { text, shortened: false };
  return { text: truncate(text, DISCORD_LIMITS.content), shortened: true };
}

function actionButton(conversationId: string | null, action: CardAction): APIButtonComponentWithCustomId | null {
  const customId = encodeCustomId({ kind: 'action', conversationId, actionId: action.id, value: action.value });
  if (!customId) return null;
  return {
    type: 2,
    style: action.style === 'danger' ? 4 : action.style === 'primary' ? 1 : 2,
    label: truncate(action.label || action.id, DISCORD_LIMITS.buttonLabel),
    custom_id: customId,
  };
}

export function freeTextButton(conversationId: string | null, label: string): APIButtonComponentWithCustomId | null {
  const customId = encodeCustomId({ kind: 'type', conversationId });
  if (!customId) return null;
  return { type: 2, style: 1, label, custom_id: customId };
}

/** Buttons five to a row, at most `maxRows` rows, leaving `reserve` slots free in the last one. */
export function buttonRows(
  conversationId: string | null,
  actions: CardAction[],
  maxRows: number,
  reserve = 0,
): { rows: Row[]; dropped: boolean } {
  const buttons = actions.map((a) => actionButton(conversationId, a));
  const usable = buttons.filter((b): b is APIButtonComponentWithCustomId => b !== null);
  const capacity = maxRows * DISCORD_LIMITS.buttonsPerRow - reserve;
  const kept = usable.slice(0, capacity);
  const rows: Row[] = [];
  for (let i = 0; i < kept.length; i += DISCORD_LIMITS.buttonsPerRow) {
    rows.push({ type: 1, components: kept.slice(i, i + DISCORD_LIMITS.buttonsPerRow) });
  }
  return { rows, dropped: kept.length < actions.length };
}

export function appendToLastRow(rows: Row[], button: APIButtonComponentWithCustomId | null): Row[] {
  if (!button) return rows;
  const last = rows[rows.length - 1];
  if (last && last.components.length < DISCORD_LIMITS.buttonsPerRow) {
    return [...rows.slice(0, -1), { type: 1, components: [...last.components, button] }];
  }
  if (rows.length >= DISCORD_LIMITS.rows) return rows;
  return [...rows, { type: 1, components: [button] }];
}

export function selectRow(
  conversationId: string,
  actions: CardAction[],
  placeholder: string,
): { row: Row | null; dropped: boolean } {
  const customId = encodeCustomId({ kind: 'select', conversationId });
  if (!customId) return { row: null, dropped: actions.length > 0 };
  const options: APISelectMenuOption[] = [];
  for (const action of actions) {
    const value = encodeSelectValue(action);
    // Discord rejects duplicate option values, so a repeated choice is shown once.
    if (value === null || options.length >= DISCORD_LIMITS.selectOptions || options.some((o) => o.value === value)) continue;
    options.push({ label: truncate(action.label || action.id, DISCORD_LIMITS.selectOptionLabel), value });
  }
  if (options.length === 0) return { row: null, dropped: actions.length > 0 };
  return {
    row: {
      type: 1,
      components: [{ type: 3, custom_id: customId, placeholder: truncate(placeholder, DISCORD_LIMITS.selectPlaceholder), options }],
    },
    dropped: options.length < actions.length,
  };
}

/** The one input every modal here has: the typed text comes back under this id. */
export const ANSWER_INPUT_ID = 'answer';

/** A modal with one required paragraph input, within Discord's limits. */
export function paragraphModal(customId: string, text: { title: string; label: string; placeholder: string }): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId,
    title: truncate(text.title, DISCORD_LIMITS.modalTitle),
    components: [
      {
        type: 1,
        components: [
          {
            type: 4,
            custom_id: ANSWER_INPUT_ID,
            style: 2,
            label: truncate(text.label, DISCORD_LIMITS.textInputLabel),
            placeholder: truncate(text.placeholder, DISCORD_LIMITS.textInputPlaceholder),
            required: true,
            max_length: DISCORD_LIMITS.textInputValue,
          },
        ],
      },
    ],
  };
}
