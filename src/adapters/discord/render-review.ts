import type { APIEmbed, APIEmbedField, APIModalInteractionResponseCallbackData } from 'discord.js';
import { REVIEW_ACTIONS } from '../../core/review/review-actions.js';
import type { ReviewCard } from '../../core/review/review-types.js';
import { paragraphModal } from './components.js';
import { DISCORD_LIMITS, encodeCustomId, renderNotice, truncate, VERDICT_COLOURS, type DiscordMessage } from './render-card.js';
import { outlineReview } from '../../render/review-sections.js';

// The living summary card as one Discord embed with the review's buttons.
// Discord refuses a whole message over any limit, so each section is packed
// into fields of at most 1024 characters, and the lowest-ranked fields give
// way until the embed fits 25 fields and 6000 characters.

const REVIEW_COLOUR = 0x4a90d9;
const VERDICT_MARK = { fit: '🟢', marginal: '🟡', avoid: '🔴' } as const;
const SHORTENED_NOTE = 'Shortened to fit Discord; "summary" in a terminal or `review export` has it all.';

export function renderReviewDiscord(card: ReviewCard): DiscordMessage {
  const outline = outlineReview(card);
  const ranked: { field: APIEmbedField; rank: number }[] = [];
  for (const s of outline.sections) {
    const lines = s.lines.map((l) => `${l.verdict ? `${VERDICT_MARK[l.verdict]} ` : '• '}${l.text}`);
    for (const value of pack(lines)) ranked.push({ rank: s.rank, field: { name: truncate(ranked.some((r) => r.field.name.startsWith(s.heading)) ? `${s.heading} (cont.)` : s.heading, DISCORD_LIMITS.fieldName), value } });
  }
  const title = truncate(outline.title, DISCORD_LIMITS.embedTitle);
  const description = truncate(`**${outline.headline}**`, DISCORD_LIMITS.embedDescription);
  let shortened = title !== outline.title || ranked.some((r) => r.field.value.endsWith('…'));
  const footer = (note: boolean) => truncate(note ? `${outline.footer}\n${SHORTENED_NOTE}` : outline.footer, DISCORD_LIMITS.footer);
  const total = (note: boolean) => title.length + description.length + footer(note).length + ranked.reduce((n, r) => n + r.field.name.length + r.field.value.length, 0);
  while (ranked.length > DISCORD_LIMITS.embedFields || (ranked.length > 0 && total(true) > DISCORD_LIMITS.embedTotal)) {
    let victim = ranked.length - 1;
    for (let i = ranked.length - 1; i >= 0; i--) if ((ranked[i]?.rank ?? 0) > (ranked[victim]?.rank ?? 0)) victim = i;
    ranked.splice(victim, 1);
    shortened = true;
  }
  const embed: APIEmbed = {
    title,
    description,
    color: card.status === 'closed' ? VERDICT_COLOURS.fit : REVIEW_COLOUR,
    fields: ranked.map((r) => r.field),
    footer: { text: footer(shortened) },
  };
  // The buttons come from the shared notice renderer, so they carry the same custom_id encoding as every other message.
  const { components } = renderNotice({ kind: 'notice', conversationId: card.reviewId, level: 'info', text: '', actions: card.actions });
  return { content: '', embeds: [embed], components, chartFileName: null, shortened };
}

/** Lines packed into field values of at most 1024 characters, whole lines where possible. */
function pack(lines: string[]): string[] {
  const values: string[] = [];
  let current = '';
  for (const line of lines.map((l) => truncate(l, DISCORD_LIMITS.fieldValue))) {
    if (current && current.length + 1 + line.length > DISCORD_LIMITS.fieldValue) {
      values.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) values.push(current);
  return values.length ? values : ['—'];
}

/**
 * The "Add component" modal. Its custom_id names the review's add action, and
 * the adapter passes the typed text along as the action's value.
 */
export function renderReviewAddModal(reviewId: string): APIModalInteractionResponseCallbackData | null {
  const customId = encodeCustomId({ kind: 'action', conversationId: reviewId, actionId: REVIEW_ACTIONS.add });
  return customId ? paragraphModal(customId, { title: 'Add components', label: 'Name: what it does (one per line)', placeholder: 'image pipeline: resize uploads, 2 s, 3k/day' }) : null;
}
