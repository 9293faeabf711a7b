import type { Digest } from '../../core/digest/digest-types.js';
import { outlineDigest, type DigestLine } from '../../render/digest-sections.js';
import { escapeMrkdwn, SLACK_LIMITS, truncate, type SlackBlock, type SlackMessage } from './render-card.js';

// The digest as a Slack channel message: a header, the notes, one section per
// part of the digest, links as <url|text>. A digest is at most a dozen blocks;
// each text is cut to Slack's per-block limit so a post never fails on size.

export function renderDigestSlack(digest: Digest): SlackMessage {
  const outline = outlineDigest(digest);
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(outline.title, SLACK_LIMITS.headerText) } }];
  if (outline.notes.length > 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(outline.notes.map(line).join('\n'), SLACK_LIMITS.sectionText) } });
  }
  for (const section of outline.sections) {
    const body = [`*${escapeMrkdwn(section.heading)}*`, ...section.lines.map((l) => `• ${line(l)}`)].join('\n');
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(body, SLACK_LIMITS.sectionText) } });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(escapeMrkdwn(outline.footer), SLACK_LIMITS.contextText) }] });
  const summary = outline.sections[0]?.lines[0]?.text ?? outline.notes.at(-1)?.text ?? '';
  return { text: truncate(`${outline.title}. ${summary}`, SLACK_LIMITS.fallbackText), blocks: blocks.slice(0, SLACK_LIMITS.blocks) };
}

function line(l: DigestLine): string {
  const text = escapeMrkdwn(l.text);
  // Inside <url|text> a "|" or ">" would end the link early.
  return l.link ? `<${l.link}|${text.replace(/[|]/g, '/')}>` : text;
}
