import type {
  APIActionRowComponent,
  APIButtonComponentWithCustomId,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIEmbedField,
  APIModalInteractionResponseCallbackData,
  APISelectMenuOption,
} from 'discord.js';
import type { Reply } from '../core/advisor-types.js';
import type { Card, CardAction, QuestionCard } from '../core/card.js';

// Reply -> Discord message JSON (content, embeds, components), pure. Discord
// rejects a whole message when one limit is exceeded, so every limit is applied
// here: text is shortened with an ellipsis and a note, never left to fail.

export const DISCORD_LIMITS = {
  content: 2000,
  embedTotal: 6000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  selectPlaceholder: 150,
  modalTitle: 45,
  modalInputs: 5,
  textInputLabel: 45,
  textInputPlaceholder: 100,
  textInputValue: 4000,
} as const;

export const VERDICT_COLOURS = { fit: 0x2eb67d, marginal: 0xecb22e, avoid: 0xe01e5a } as const;

export const CHART_FILE_NAME = 'chart.png';

/** Questions with more choices than this get a select menu instead of buttons. */
const MAX_CHOICE_BUTTONS = 5;

/** The pricing line is short in practice; a long one must not starve the cost table. */
const FOOTER_BUDGET = 500;
/** When the embed is over 6000, the description gives way before any field is dropped. */
const DESCRIPTION_BUDGET = 1500;

const SHORTENED_NOTE = 'Shortened to fit Discord; ask "show the math" for the full detail.';

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: Row[];
  /** Set when the embed refers to an attached chart image by this file name. */
  chartFileName: string | null;
  /** True when something was shortened or left out to fit Discord's limits. */
  shortened: boolean;
}

// ---------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Renders any advisor reply. `hasChart` says whether the caller will attach the chart PNG. */
export function renderReply(reply: Reply, options: { hasChart?: boolean } = {}): DiscordMessage {
  switch (reply.kind) {
    case 'question':
      return renderQuestion(reply.conversationId, reply.question);
    case 'result':
      return renderResult(reply.conversationId, reply.card, { hasChart: options.hasChart ?? false });
    case 'notice':
      return renderNotice(reply);
  }
}

export function renderQuestion(conversationId: string, question: QuestionCard): DiscordMessage {
  const lines = [`**${question.text}**`];
  if (question.heard.length > 0) lines.push(...question.heard.map((h) => `> ${h}`));
  if (question.hint) lines.push(`_${question.hint}_`);
  if (question.example) lines.push(`e.g. ${question.example}`);
  const content = fitContent(lines.join('\n'));

  const rows: Row[] = [];
  let dropped = false;
  if (question.choices.length > MAX_CHOICE_BUTTONS) {
    const select = selectRow(conversationId, question.choices, 'Pick an answer');
    if (select.row) rows.push(select.row);
    dropped ||= select.dropped;
  } else {
    const buttons = buttonRows(conversationId, question.choices, DISCORD_LIMITS.rows - 1);
    rows.push(...buttons.rows);
    dropped ||= buttons.dropped;
  }
  const typeButton = freeTextButton(conversationId, 'Type an answer');
  if (typeButton) rows.push({ type: 1, components: [typeButton] });

  const note = dropped ? '\n_Some choices did not fit; type your answer instead._' : '';
  const withNote = fitContent(content.text + note);
  return {
    content: withNote.text,
    embeds: [],
    components: rows,
    chartFileName: null,
    shortened: content.shortened || withNote.shortened || dropped,
  };
}

export function renderNotice(notice: Extract<Reply, { kind: 'notice' }>): DiscordMessage {
  const icon = notice.level === 'error' ? '⚠️ ' : notice.level === 'warning' ? '⚠️ ' : '';
  const head = notice.title ? `${icon}**${notice.title}**\n` : icon;
  const content = fitContent(head + notice.text);
  const buttons = buttonRows(notice.conversationId, notice.actions ?? [], DISCORD_LIMITS.rows);
  return {
    content: content.text,
    embeds: [],
    components: buttons.rows,
    chartFileName: null,
    shortened: content.shortened || buttons.dropped,
  };
}

export function renderResult(conversationId: string, card: Card, options: { hasChart: boolean }): DiscordMessage {
  const embed = resultEmbed(card, options.hasChart);
  // The last slot is kept for the free-text what-if, which works without the Message Content intent.
  const buttons = buttonRows(conversationId, card.actions, DISCORD_LIMITS.rows, 1);
  const whatIf = freeTextButton(conversationId, 'Ask a what-if');
  const rows = appendToLastRow(buttons.rows, whatIf);
  return {
    content: '',
    embeds: [embed.embed],
    components: rows,
    chartFileName: options.hasChart ? CHART_FILE_NAME : null,
    shortened: embed.shortened || buttons.dropped,
  };
}

/** The "Type an answer" modal: one paragraph input, well under the 5-input limit. */
export function renderAnswerModal(
  conversationId: string | null,
  prompt: { title: string; label: string; placeholder: string },
): APIModalInteractionResponseCallbackData | null {
  const customId = encodeCustomId({ kind: 'modal', conversationId });
  if (!customId) return null;
  return {
    custom_id: customId,
    title: truncate(prompt.title, DISCORD_LIMITS.modalTitle),
    components: [
      {
        type: 1,
        components: [
          {
            type: 4,
            custom_id: ANSWER_INPUT_ID,
            style: 2,
            label: truncate(prompt.label, DISCORD_LIMITS.textInputLabel),
            placeholder: truncate(prompt.placeholder, DISCORD_LIMITS.textInputPlaceholder),
            required: true,
            max_length: DISCORD_LIMITS.textInputValue,
          },
        ],
      },
    ],
  };
}

export const ANSWER_INPUT_ID = 'answer';

// ---------------------------------------------------------------------------
// Embed

interface RankedField {
  field: APIEmbedField;
  /** Lower is kept longer when the embed must shrink. */
  rank: number;
}

const POLARITY_ICONS = { pro: '✅', con: '⚠️', blocker: '⛔' } as const;

function resultEmbed(card: Card, hasChart: boolean): { embed: APIEmbed; shortened: boolean } {
  let shortened = false;
  const ranked: RankedField[] = [];

  for (const f of card.fields) {
    ranked.push({ rank: 2, field: field(f.label, f.value || '—', true) });
  }
  const costLines = card.costs.map((row) => {
    const tags = [row.cheapest ? 'cheapest' : '', row.recommended ? 'recommended' : ''].filter(Boolean).join(', ');
    const band = row.band ? ` (${row.band})` : '';
    const note = row.note ? ` — ${row.note}` : '';
    return `${row.recommended ? '★ ' : ''}**${row.label}**: ${row.monthly}/month${band}${tags ? ` · ${tags}` : ''}${note}`;
  });
  ranked.push(...packLines('Monthly cost', costLines, 0));
  ranked.push(...packLines('Why', card.reasons.map((r) => `${POLARITY_ICONS[r.polarity]} ${r.text}`), 1));
  ranked.push(...packLines('What would change the answer', card.changeIf.map((c) => `• ${c}`), 3));
  ranked.push(...packLines('Assumptions', card.assumptions.map((a) => `• ${a}`), 4));
  shortened ||= ranked.some((r) => r.field.value.endsWith('…') || r.field.name.endsWith('…'));

  const descriptionParts = [`**${card.headline}**`];
  if (card.breakEven) descriptionParts.push(card.breakEven);
  if (card.changes.length > 0) descriptionParts.push(['**What changed**', ...card.changes.map((c) => `• ${c}`)].join('\n'));
  let description = descriptionParts.join('\n\n');
  if (description.length > DISCORD_LIMITS.embedDescription) {
    description = truncate(description, DISCORD_LIMITS.embedDescription);
    shortened = true;
  }

  const title = truncate(card.title, DISCORD_LIMITS.embedTitle);
  shortened ||= title !== card.title;
  const pricing = card.pricingStale ? `${card.pricing} ⚠️ prices may be out of date` : card.pricing;

  // Budget: a short footer, then a shorter description, then drop the least
  // important fields, until both the field count and the 6000 total fit.
  const kept = [...ranked];
  const footerFor = (note: boolean) =>
    note ? `${truncate(pricing, FOOTER_BUDGET - SHORTENED_NOTE.length - 1)}\n${SHORTENED_NOTE}` : truncate(pricing, FOOTER_BUDGET);
  const total = (note: boolean) =>
    title.length + description.length + footerFor(note).length + kept.reduce((n, r) => n + r.field.name.length + r.field.value.length, 0);
  shortened ||= footerFor(false) !== pricing;
  if (total(false) > DISCORD_LIMITS.embedTotal && description.length > DESCRIPTION_BUDGET) {
    description = truncate(description, DESCRIPTION_BUDGET);
    shortened = true;
  }
  while (kept.length > DISCORD_LIMITS.embedFields || (kept.length > 0 && total(true) > DISCORD_LIMITS.embedTotal)) {
    kept.splice(leastImportant(kept), 1);
    shortened = true;
  }
  if (total(shortened) > DISCORD_LIMITS.embedTotal) {
    const room = DISCORD_LIMITS.embedTotal - (total(true) - description.length);
    description = truncate(description, Math.max(1, room));
    shortened = true;
  }

  const embed: APIEmbed = {
    title,
    description,
    color: VERDICT_COLOURS[card.verdict],
    fields: ranked.filter((r) => kept.includes(r)).map((r) => r.field),
    footer: { text: footerFor(shortened) },
  };
  if (hasChart) embed.image = { url: `attachment://${CHART_FILE_NAME}` };
  return { embed, shortened };
}

function leastImportant(fields: RankedField[]): number {
  let index = 0;
  fields.forEach((f, i) => {
    const current = fields[index];
    if (current && f.rank >= current.rank) index = i;
  });
  return index;
}

function field(name: string, value: string, inline = false): APIEmbedField {
  return {
    name: truncate(name, DISCORD_LIMITS.fieldName),
    value: truncate(value, DISCORD_LIMITS.fieldValue),
    inline,
  };
}

/** Packs lines into as many fields as needed, each value under 1024 characters. */
function packLines(name: string, lines: string[], rank: number): RankedField[] {
  const fields: RankedField[] = [];
  let chunk = '';
  const flush = () => {
    if (!chunk) return;
    fields.push({ rank, field: field(fields.length === 0 ? name : `${name} (continued)`, chunk) });
    chunk = '';
  };
  for (const raw of lines) {
    const line = truncate(raw, DISCORD_LIMITS.fieldValue);
    if (chunk && chunk.length + 1 + line.length > DISCORD_LIMITS.fieldValue) flush();
    chunk = chunk ? `${chunk}\n${line}` : line;
  }
  flush();
  return fields;
}

// ---------------------------------------------------------------------------
// Components

function fitContent(text: string): { text: string; shortened: boolean } {
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

function freeTextButton(conversationId: string | null, label: string): APIButtonComponentWithCustomId | null {
  const customId = encodeCustomId({ kind: 'type', conversationId });
  if (!customId) return null;
  return { type: 2, style: 1, label, custom_id: customId };
}

/** Buttons five to a row, at most `maxRows` rows, leaving `reserve` slots free in the last one. */
function buttonRows(
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

function appendToLastRow(rows: Row[], button: APIButtonComponentWithCustomId | null): Row[] {
  if (!button) return rows;
  const last = rows[rows.length - 1];
  if (last && last.components.length < DISCORD_LIMITS.buttonsPerRow) {
    return [...rows.slice(0, -1), { type: 1, components: [...last.components, button] }];
  }
  if (rows.length >= DISCORD_LIMITS.rows) return rows;
  return [...rows, { type: 1, components: [button] }];
}

function selectRow(
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
