import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount, formatCountRounded, formatPlain, formatUsdRounded } from '../../src/core/format.js';

// The formatter groups digits by hand for speed; en-US Intl is the reference it
// must print exactly like, for every number, not only the ones in the tables.

const intlWhole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const intlTwo = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

function referenceAmount(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  if (!Number.isInteger(rounded) && String(rounded).includes('e')) return String(rounded);
  return intlTwo.format(rounded);
}

const anyNumber = fc.oneof(
  fc.double({ noNaN: false }),
  fc.double({ min: -1e7, max: 1e7 }),
  fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }).map((k) => k / 100),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.constantFrom(0, -0, 0.005, -0.005, 0.015, 1.005, 999.995, 999_999.995, 1e-7, -1e-7, 2 ** 53, 2 ** 53 / 128, 9.99e20, 1e21, 1e300, Infinity, -Infinity, NaN),
);

describe('digit grouping', () => {
  it.each([
    [0, '0'],
    [-0, '-0'],
    [999, '999'],
    [1000, '1,000'],
    [-1234.5, '-1,234.5'],
    [1234567.891, '1,234,567.89'],
    [0.07, '0.07'],
    [12288, '12,288'],
  ])('formatAmount(%s) is %s', (n, text) => {
    expect(formatAmount(n)).toBe(text);
  });

  it('formatAmount prints what en-US Intl prints, for any number', () => {
    fc.assert(fc.property(anyNumber, (n) => formatAmount(n) === referenceAmount(n)), { numRuns: 5_000 });
  });

  it('whole-number styles print what en-US Intl prints, for any number', () => {
    fc.assert(
      fc.property(anyNumber, (n) => {
        const whole = Math.round(n);
        expect(formatCountRounded(n)).toBe(intlWhole.format(whole === 0 ? 0 : whole));
        if (n >= 1) expect(formatPlain(n)).toBe(intlWhole.format(whole));
        if (Number.isFinite(n) && Math.abs(n) >= 10_000) expect(formatUsdRounded(n)).toBe(`${n < 0 ? '-' : ''}$${intlWhole.format(Math.round(Math.abs(n)))}`);
      }),
      { numRuns: 5_000 },
    );
  });
});
