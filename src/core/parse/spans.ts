// Parts of the text already read by one finder, so the next one does not read
// them again ("every 5 minutes" is a schedule, not a 5-minute duration; "p99
// under 50 ms" is a latency target, not a duration).

export interface Span {
  start: number;
  end: number;
}

export class Claims {
  private readonly spans: Span[] = [];

  claim(start: number, end: number): void {
    this.spans.push({ start, end });
  }

  overlaps(start: number, end: number): boolean {
    for (const s of this.spans) if (start < s.end && s.start < end) return true;
    return false;
  }
}

export function createClaims(): Claims {
  return new Claims();
}
