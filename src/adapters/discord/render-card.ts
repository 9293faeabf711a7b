import type { APIEmbed, APIEmbedField, APIModalInteractionResponseCallbackData } from 'discord.js';
import type { Reply } from '../../core/advisor-types.js';
import type { Card, QuestionCard } from '../../core/card.js';
import { costRowDetails, outlineCard, type CardSection } from '../../render/card-sections.js';
import { encodeCustomId } from './action-codec.js';
import { appendToLastRow, buttonRows, fitContent, freeTextButton, paragraphModal, selectRow, type Row } from './components.js';
import { DISCORD_LIMITS, truncate } from './limits.js';

// Reply -> Discord message JSON (content, embeds, components), pure. Discord
// rejects a whole message when one limit is exceeded, so every limit is applied
// here: text is shortened with an ellipsis and a note, never left to fail.

// The Discord adapter and the renderers beside this one import these from here.
export { decodeCustomId, decodeSelectValue, encodeCustomId, encodeSelectValue, type CustomId } from './action-codec.js';
export { DISCORD_LIMITS, truncate } from './limits.js';

export const VERDICT_COLOURS = { fit: 0x2eb67d, marginal: 0xecb22e, avoid: 0xe01e5a } as const;

export const CHART_FILE_NAME = 'chart.png';
export const CHART_TITLE = 'Monthly cost as traffic grows';

/** Questions with more choices than this get a select menu instead of buttons. */
const MAX_CHOICE_BUTTONS = 5;

/** The pricing line is short in practice; a long one must not starve the cost table. */
const FOOTER_BUDGET = 500;
/** When the embed is over 6000, the description gives way before any field is dropped. */
const DESCRIPTION_BUDGET = 1500;

const SHORTENED_NOTE = 'Shortened to fit Discord; ask "show the math" for the full detail.';

export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: Row[];
  /** Set when the embed refers to an attached chart image by this file name. */
  chartFileName: string | null;
  /** True when something was shortened or left out to fit Discord's limits. */
  shortened: boolean;
}


/** Renders any advisor reply. A result's chart is a message of its own (renderChartMessage), posted after it. */
export function renderReply(reply: Reply): DiscordMessage {
  switch (reply.kind) {
    case 'question':
      return renderQuestion(reply.conversationId, reply.question);
    case 'result':
      return renderResult(reply.conversationId, reply.card, { hasChart: false });
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
  const buttons = buttonRows(notice.conversationId, notice.actions ?? [], DISCORD_LIMITS.rows);
  // Over the 2000 of a message's content (the arithmetic behind a card), embeds hold up to 6000.
  const long = (head + notice.text).length > DISCORD_LIMITS.content;
  const content = long ? { text: '', shortened: false } : fitContent(head + notice.text);
  const embeds = long ? noticeEmbeds(notice.title ? `${icon}${notice.title}` : '', notice.text) : { embeds: [], shortened: false };
  return {
    content: content.text,
    embeds: embeds.embeds,
    components: buttons.rows,
    chartFileName: null,
    shortened: content.shortened || embeds.shortened || buttons.dropped,
  };
}

/** Whole lines into embeds of at most 4096 characters each, 6000 in all; what is left over is cut with an ellipsis. */
function noticeEmbeds(title: string, text: string): { embeds: APIEmbed[]; shortened: boolean } {
  const embeds: APIEmbed[] = [];
  let room = DISCORD_LIMITS.embedTotal - title.length;
  let chunk = '';
  let shortened = false;
  const flush = () => {
    if (!chunk) return;
    embeds.push({ ...(embeds.length === 0 && title ? { title: truncate(title, DISCORD_LIMITS.embedTitle) } : {}), description: chunk });
    room -= chunk.length;
    chunk = '';
  };
  for (const line of text.split('\n')) {
    const next = chunk ? `${chunk}\n${line}` : line;
    if (next.length <= Math.min(DISCORD_LIMITS.embedDescription, room)) {
      chunk = next;
      continue;
    }
    flush();
    if (line.length > Math.min(DISCORD_LIMITS.embedDescription, room) || embeds.length >= DISCORD_LIMITS.embeds) {
      chunk = truncate(line, Math.max(1, Math.min(DISCORD_LIMITS.embedDescription, room)));
      shortened = true;
      break;
    }
    chunk = line;
  }
  flush();
  return { embeds, shortened };
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
  return customId ? paragraphModal(customId, prompt) : null;
}


// ---------------------------------------------------------------------------
// Embed

interface RankedField {
  field: APIEmbedField;
  /** Lower is kept longer when the embed must shrink. */
  rank: number;
}

const POLARITY_ICONS = { pro: '✅', con: '⚠️', blocker: '⛔' } as const;

const LIST_MARK: Partial<Record<CardSection['id'], string>> = { changes: '• ', 'change-if': '• ' };

/** The card's sections (card-sections.ts) as one embed; the math and assumptions are behind "Show the math". */
function resultEmbed(card: Card, hasChart: boolean): { embed: APIEmbed; shortened: boolean } {
  const outline = outlineCard(card);
  let shortened = false;
  const ranked: RankedField[] = [];
  const descriptionParts = [`**${outline.headline}**`];

  for (const section of outline.sections) {
    if (section.id === 'changes') {
      // Above the fields, so it reads first as it does on every platform.
      descriptionParts.push([`**${section.heading}**`, ...section.lines.map((l) => `• ${l.text}`)].join('\n'));
    } else if (section.id === 'fields') {
      for (const line of section.lines) ranked.push({ rank: section.rank, field: field(line.label ?? line.text, line.value || '—', true) });
    } else {
      const lines = section.lines.map((l) => {
        if (l.row) return `${l.row.recommended ? '★ ' : ''}**${l.row.label}**: ${costRowDetails(l.row)}`;
        if (l.polarity) return `${POLARITY_ICONS[l.polarity]} ${l.text}`;
        return `${LIST_MARK[section.id] ?? ''}${l.text}`;
      });
      ranked.push(...packLines(section.heading, lines, section.rank + (section.id === 'change-if' ? 1 : 0)));
    }
  }
  shortened ||= ranked.some((r) => r.field.value.endsWith('…') || r.field.name.endsWith('…'));

  let description = descriptionParts.join('\n\n');
  if (description.length > DISCORD_LIMITS.embedDescription) {
    description = truncate(description, DISCORD_LIMITS.embedDescription);
    shortened = true;
  }

  const title = truncate(outline.title, DISCORD_LIMITS.embedTitle);
  shortened ||= title !== outline.title;
  const stamp = outline.pricingStale ? `${outline.pricing} ⚠️ prices may be out of date` : outline.pricing;
  const pricing = outline.moreHint ? `${outline.moreHint}\n${stamp}` : stamp;

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
    color: VERDICT_COLOURS[outline.verdict],
    fields: ranked.filter((r) => kept.includes(r)).map((r) => r.field),
    footer: { text: footerFor(shortened) },
  };
  if (hasChart) embed.image = { url: `attachment://${CHART_FILE_NAME}` };
  return { embed, shortened };
}

/** The card's chart as a message of its own, posted after the card so the answer never waits for the picture. */
export function renderChartMessage(card: Card): DiscordMessage {
  const embed: APIEmbed = { title: CHART_TITLE, color: VERDICT_COLOURS[card.verdict], image: { url: `attachment://${CHART_FILE_NAME}` } };
  return { content: '', embeds: [embed], components: [], chartFileName: CHART_FILE_NAME, shortened: false };
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

