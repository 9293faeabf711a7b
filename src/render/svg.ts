// Small pieces for writing SVG by hand: escaping, elements, and text measured
// well enough to lay labels out without a browser (the charts' fonts are
// known: DejaVu Sans, whose glyphs average a little over half an em).

/** The charts' font; Debian and the Docker image install it (fonts-dejavu-core). */
export const CHART_FONT_FAMILY = 'DejaVu Sans';
const FONT_STACK = `${CHART_FONT_FAMILY}, Verdana, Arial, sans-serif`;

/** Average advance of a character, in ems (DejaVu Sans is wide; bold wider). */
const EM_PER_CHAR = 0.56;
const EM_PER_CHAR_BOLD = 0.62;

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Attributes = Record<string, string | number | undefined>;

function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(typeof value === 'number' ? round(value) : value)}"`)
    .join('');
}

/** Two decimals are plenty for pixels and keep the file small. */
function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** An element; `children` are already-serialised elements. */
export function el(name: string, attrs: Attributes, ...children: string[]): string {
  return children.length === 0 ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${children.join('')}</${name}>`;
}

export interface TextStyle {
  size: number;
  colour: string;
  bold?: boolean;
  anchor?: 'start' | 'middle' | 'end';
  /** A white outline under the glyphs, so text stays readable over lines. */
  halo?: boolean;
}

/** Text whose baseline sits at y; `runs` are pieces in one line, a bold prefix and the rest. */
export function text(x: number, y: number, style: TextStyle, ...runs: { text: string; bold?: boolean }[]): string {
  const spans = runs.map((run) => (run.bold === undefined ? escapeXml(run.text) : el('tspan', { 'font-weight': run.bold ? 'bold' : 'normal' }, escapeXml(run.text))));
  return el(
    'text',
    {
      x,
      y,
      'font-family': FONT_STACK,
      'font-size': style.size,
      'font-weight': style.bold ? 'bold' : undefined,
      fill: style.colour,
      'text-anchor': style.anchor,
      ...(style.halo ? { stroke: '#FFFFFF', 'stroke-width': 3, 'stroke-linejoin': 'round', 'paint-order': 'stroke' } : {}),
    },
    ...spans,
  );
}

export function textWidth(value: string, size: number, bold = false): number {
  return value.length * size * (bold ? EM_PER_CHAR_BOLD : EM_PER_CHAR);
}

/** Greedy word wrap to a width; a word longer than a line gets a line of its own. */
export function wrapWords(value: string, width: number, size: number, firstLineIndent = 0): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of value.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    const room = width - (lines.length === 0 ? firstLineIndent : 0);
    if (line && textWidth(candidate, size) > room) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

export function svgDocument(width: number, height: number, ...children: string[]): string {
  return el('svg', { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${round(width)} ${round(height)}` }, el('rect', { width, height, fill: '#FFFFFF' }), ...children);
}
