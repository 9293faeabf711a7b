import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCountCompact, formatCountGrouped, roundToDecimals, roundToSignificant } from '../../src/core/format.js';

// The formatter rounds with integer arithmetic where that is exact and leaves
// the rest to toFixed and toPrecision; both must give the very same double as
// those for every input, ties and their neighbours above all.

/** x and the doubles either side of it. */
function withNeighbours(x: number): number[] {
  const buffer = new DataView(new ArrayBuffer(8));
  buffer.setFloat64(0, x);
  const bits = buffer.getBigUint64(0);
  const at = (b: bigint) => {
    buffer.setBigUint64(0, b);
    return buffer.getFloat64(0);
  };
  return [x, at(bits + 1n), bits > 0n ? at(bits - 1n) : x];
}

// Ties of the last kept digit ("2.345" to two decimals, "0.0125" to two significant) and the doubles next to them.
const ties = fc
  .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: -12, max: 14 }), fc.boolean())
  .chain(([k, exponent, negative]) => fc.constantFrom(...withNeighbours(((k + 0.5) * 10 ** exponent) / 1e6).map((x) => (negative ? -x : x))));

const anyNumber = fc.oneof(
  fc.double({ noNaN: false }),
  fc.double({ min: -1e6, max: 1e6 }),
  fc.double({ min: -1, max: 1 }),
  fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }).map((k) => k / 1000),
  ties,
  fc.constantFrom(0, -0, 0.005, -0.005, 0.015, 1.005, 2.675, 1.45, 999.995, 0.0001, 99.95, 9.995, 1e-7, 1e15, 2 ** 53, 1e21, 1e300, 5e-324, Infinity, -Infinity, NaN),
);

/** formatCountCompact as first written, with the decimal conversions. */
function referenceCompact(n: number): string {
  for (const [size, suffix] of [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']] as const) {
    if (Math.abs(n) >= size * 0.9995 && Math.abs(n) >= 1e4) {
      const v = n / size;
      return `${v < 10 ? v.toFixed(1).replace(/\.0$/, '') : Math.round(v)}${suffix}`;
    }
  }
  return formatCountGrouped(n < 100 ? Number(n.toPrecision(2)) : n);
}

describe('rounding without the decimal conversion', () => {
  it.each([
    [2.675, 2, 2.67],
    [1.005, 2, 1],
    [0.125, 2, 0.13],
    [-0.001, 2, -0],
    [12.5, 0, 13],
  ])('roundToDecimals(%s, %s) is %s, as toFixed rounds the double itself', (x, digits, expected) => {
    expect(Object.is(roundToDecimals(x, digits), expected)).toBe(true);
  });

  it.each([
    [99.96, 3, 100],
    [0.00345, 2, 0.0034],
    [1234.5, 2, 1200],
    [0.95, 1, 0.9],
  ])('roundToSignificant(%s, %s) is %s', (x, digits, expected) => {
    expect(Object.is(roundToSignificant(x, digits), expected)).toBe(true);
  });

  it('gives what Number(x.toFixed(d)) gives, for any number and 0-6 decimals', () => {
    fc.assert(
      fc.property(anyNumber, fc.integer({ min: 0, max: 6 }), (x, d) => Object.is(roundToDecimals(x, d), Number(x.toFixed(d)))),
      { numRuns: 20_000 },
    );
  });

  it('gives what Number(x.toPrecision(p)) gives, for any number and 1-6 significant digits', () => {
    fc.assert(
      fc.property(anyNumber, fc.integer({ min: 1, max: 6 }), (x, p) => Object.is(roundToSignificant(x, p), Number(x.toPrecision(p)))),
      { numRuns: 20_000 },
    );
  });

  it('leaves formatCountCompact printing what it printed with the decimal conversions', () => {
    const counts = fc.oneof(fc.double({ min: -1e15, max: 1e15, noNaN: true }), fc.integer({ min: 0, max: 2e9 }), fc.integer({ min: 0, max: 1e7 }).map((k) => k * 1000 + 500));
    fc.assert(fc.property(counts, (n) => formatCountCompact(n) === referenceCompact(n)), { numRuns: 10_000 });
  });
});
