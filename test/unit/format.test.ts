import { describe, expect, it } from 'vitest';
import {
  formatAmount,
  formatCountCompact,
  formatCountGrouped,
  formatCountRounded,
  formatCountScaled,
  formatCountShort,
  formatDuration,
  formatDurationRange,
  formatDurationSpan,
  formatMb,
  formatMemory,
  formatPercent,
  formatPercentShort,
  formatPlain,
  formatRate,
  formatRps,
  formatSignificant,
  formatUsdRounded,
} from '../../src/core/format.js';

// Each style, by name, on the figures the cards and sentences actually print.
const CASES: [name: string, format: (n: number) => string, input: number, want: string][] = [
  ['formatUsdRounded', formatUsdRounded, 1234.5, '$1,234.50'],
  ['formatUsdRounded', formatUsdRounded, 0.004, '$0.00'],
  ['formatUsdRounded', formatUsdRounded, -0.004, '$0.00'],
  ['formatUsdRounded', formatUsdRounded, -1, '-$1.00'],
  ['formatUsdRounded', formatUsdRounded, 1_118, '$1,118.00'],
  ['formatUsdRounded', formatUsdRounded, Infinity, 'n/a'],
  ['formatUsdRounded', formatUsdRounded, 30.37, '$30.37'],
  ['formatUsdRounded', formatUsdRounded, 9_999.994, '$9,999.99'],
  ['formatUsdRounded', formatUsdRounded, 11_681.4, '$11,681'],
  ['formatUsdRounded', formatUsdRounded, -12_345.6, '-$12,346'],
  ['formatUsdRounded', formatUsdRounded, Number.NaN, 'n/a'],
  ['formatCountRounded', formatCountRounded, 146_000_000, '146,000,000'],
  ['formatCountRounded', formatCountRounded, 1234.4, '1,234'],
  ['formatCountRounded', formatCountRounded, -0.4, '0'],
  ['formatCountRounded', formatCountRounded, -1500, '-1,500'],
  ['formatCountGrouped', formatCountGrouped, 10_000, '10,000'],
  ['formatCountGrouped', formatCountGrouped, 12.5, '12.5'],
  ['formatCountGrouped', formatCountGrouped, 0.45678, '0.457'],
  ['formatCountScaled', formatCountScaled, 2_628_000_000, '2.63 B'],
  ['formatCountScaled', formatCountScaled, 10_900_000, '10.9 M'],
  ['formatCountScaled', formatCountScaled, 81_500, '81,500'],
  ['formatCountScaled', formatCountScaled, 91_250, '91,250'],
  ['formatCountShort', formatCountShort, 6e9, '6 B'],
  ['formatCountShort', formatCountShort, 3e8, '300M'],
  ['formatCountShort', formatCountShort, 1e4, '10k'],
  ['formatCountShort', formatCountShort, 999, '999'],
  ['formatCountCompact', formatCountCompact, 10_950_000, '11M'],
  ['formatCountCompact', formatCountCompact, 2_628_000_000, '2.6B'],
  ['formatCountCompact', formatCountCompact, 81_500, '82K'],
  ['formatCountCompact', formatCountCompact, 30.4, '30'],
  ['formatSignificant', formatSignificant, 0.0347, '0.035'],
  ['formatSignificant', formatSignificant, 1234, '1,234'],
  ['formatRps', formatRps, 1_449, '1,400'],
  ['formatRps', formatRps, 3.46, '3.5'],
  ['formatPlain', formatPlain, 100_000, '100,000'],
  ['formatPlain', formatPlain, 0.0001, '0.0001'],
  ['formatAmount', formatAmount, 12_288, '12,288'],
  ['formatAmount', formatAmount, 1234.567, '1,234.57'],
  ['formatAmount', formatAmount, 0.4, '0.4'],
  ['formatPercent', formatPercent, 0.034, '3.4%'],
  ['formatPercent', formatPercent, 0.5, '50%'],
  ['formatPercentShort', formatPercentShort, 0.002, '0.2%'],
  ['formatPercentShort', formatPercentShort, 0.123, '12%'],
  ['formatDuration', formatDuration, 100, '100 ms'],
  ['formatDuration', formatDuration, 2_700_000, '45 min'],
  ['formatDurationSpan', formatDurationSpan, 90_000, '90 s'],
  ['formatDurationSpan', formatDurationSpan, 7_200_000, '2 h'],
  ['formatRate', formatRate, 0.0347, '2.08 req/min'],
  ['formatRate', formatRate, 12, '12 req/s'],
  ['formatMemory', formatMemory, 1536, '1.5 GB'],
  ['formatMemory', formatMemory, 1000, '1,000 MB'],
  ['formatMb', formatMb, 1536, '1,536 MB'],
];

describe('one number formatter, each style named', () => {
  it.each(CASES)('%s(%d) -> %s', (_name, format, input, want) => {
    expect(format(input)).toBe(want);
  });

  it.each([
    [2500, 3000, '2.5-3 s'],
    [2000, 2000, '2 s'],
  ])('formatDurationSpan(%d, %d) -> %s', (typical, worst, want) => {
    expect(formatDurationSpan(typical, worst)).toBe(want);
  });

  it('formatDurationRange names the worst case only when it differs', () => {
    expect(formatDurationRange(2000, 2000)).toBe('2 s');
    expect(formatDurationRange(2000, 5000)).toBe('2 s (worst 5 s)');
  });

  it('does not follow the machine locale', () => {
    expect(formatCountRounded(1_234_567)).not.toMatch(/[.\s\u00a0\u202f]/);
  });
});
