// Aligned columns for the terminal, within a width: every column but the last
// is as wide as its longest value; the last one (a description) is cut to fit.

export function textTable(header: readonly string[], rows: readonly (readonly string[])[], width: number): string[] {
  const all = [header, ...rows];
  const fixed = header.slice(0, -1).map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const used = fixed.reduce((sum, w) => sum + w + 2, 0);
  const last = Math.max(20, width - used);
  return all.map((row) =>
    row
      .map((value, i) => (i < fixed.length ? value.padEnd(fixed[i] ?? 0) : value.length > last ? `${value.slice(0, last - 1)}…` : value))
      .join('  ')
      .trimEnd(),
  );
}
