// Escaping for Markdown exports: people's words (workload descriptions,
// component names, review history) stay text and never become headings,
// links, HTML or table columns.

/** Keeps people's text from turning into Markdown structure. */
export function md(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/** One table cell: a single line, escaped. */
export function cell(text: string): string {
  return md(text.replace(/\s+/g, ' ').trim());
}
