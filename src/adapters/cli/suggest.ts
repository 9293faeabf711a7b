// "Did you mean ...?" for a mistyped command or option: the closest known word
// by edit distance (a swap of two neighbouring letters counts as one edit).

/** The closest candidate within a distance that still reads as a typo, or null. */
export function closestWord(typed: string, candidates: readonly string[]): string | null {
  const word = typed.toLowerCase();
  // Short words tolerate one edit, longer ones two: "hstory" -> history, but "run" is not "rum".
  const allowed = word.length <= 4 ? 1 : 2;
  let best: { candidate: string; distance: number } | null = null;
  for (const candidate of candidates) {
    // A shared start of five letters reads as the same word with another ending ("complete" -> completion).
    const distance = candidate.startsWith(word) && word.length >= 3 ? 0 : sharedStart(word, candidate) >= 5 ? 1 : editDistance(word, candidate);
    if (distance <= allowed && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate ?? null;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
    }
  }
  return d[a.length]![b.length]!;
}

function sharedStart(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}
