import type { APIEmbed } from 'discord.js';
import type { Digest } from '../../core/digest/digest-types.js';
import { DIGEST_CHART_FILE_NAME } from '../../render/digest-chart.js';
import { outlineDigest, type DigestLine } from '../../render/digest-sections.js';
import { DISCORD_LIMITS, truncate, type DiscordMessage } from './render-card.js';

// The digest as one Discord embed: notes in the description, a field per part
// of the digest, links as [text](url). Every part is cut to Discord's limits
// and the whole embed kept under its 6000-character total.

const DIGEST_COLOUR = 0x4a90d9;
const STALE_COLOUR = 0xecb22e;

/** `hasChart`: the caller attaches the chart PNG as DIGEST_CHART_FILE_NAME; the embed shows it. */
export function renderDigestDiscord(digest: Digest, options: { hasChart?: boolean } = {}): DiscordMessage {
  const outline = outlineDigest(digest);
  const fields = outline.sections.slice(0, DISCORD_LIMITS.embedFields).map((section) => ({
    name: truncate(section.heading, DISCORD_LIMITS.fieldName),
    value: truncate(section.lines.map((l) => `• ${line(l)}`).join('\n'), DISCORD_LIMITS.fieldValue),
  }));
  const embed: APIEmbed = {
    title: truncate(outline.title, DISCORD_LIMITS.embedTitle),
    color: digest.catalog.stale ? STALE_COLOUR : DIGEST_COLOUR,
    ...(outline.notes.length > 0 ? { description: truncate(outline.notes.map(line).join('\n'), DISCORD_LIMITS.embedDescription) } : {}),
    fields,
    footer: { text: truncate(outline.footer, DISCORD_LIMITS.footer) },
    ...(options.hasChart ? { image: { url: `attachment://${DIGEST_CHART_FILE_NAME}` } } : {}),
  };
  let shortened = false;
  // The last fields give way first: the summary and costs matter most.
  while (embedSize(embed) > DISCORD_LIMITS.embedTotal && fields.length > 0) {
    const last = fields[fields.length - 1]!;
    const over = embedSize(embed) - DISCORD_LIMITS.embedTotal;
    shortened = true;
    if (last.value.length - over >= 100) last.value = truncate(last.value, last.value.length - over);
    else fields.pop();
  }
  return { content: '', embeds: [embed], components: [], chartFileName: options.hasChart ? DIGEST_CHART_FILE_NAME : null, shortened };
}

function line(l: DigestLine): string {
  if (!l.link) return l.text;
  return `[${l.text.replace(/[[\]]/g, '')}](${l.link})`;
}

function embedSize(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}
