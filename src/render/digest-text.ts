import type { Digest } from '../core/digest/digest-types.js';
import { outlineDigest } from './digest-sections.js';

// The digest for a terminal: plain lines, links in parentheses.

export function renderDigestText(digest: Digest): string {
  const outline = outlineDigest(digest);
  const lines = [outline.title, ...outline.notes.map((n) => n.text)];
  for (const section of outline.sections) {
    lines.push('', `${section.heading}:`);
    for (const line of section.lines) lines.push(`  ${line.text}${line.link ? ` (${line.link})` : ''}`);
  }
  lines.push('', outline.footer);
  return lines.join('\n');
}
