import type { Card } from '../../src/core/card.js';

// A small, realistic result card for renderer tests; each test file overrides
// the parts its platform treats specially (reasons, math, actions).
export function sampleCard(overrides: Partial<Card> = {}): Card {
  return {
    title: 'Resize images on upload',
    verdict: 'fit',
    headline: 'Fit: run it on AWS Lambda',
    fields: [
      { label: 'Traffic', value: '3,000 requests/day' },
      { label: 'Duration', value: '2 s' },
    ],
    costs: [
      { platform: 'aws-lambda', label: 'AWS Lambda (x86)', monthly: '$1.52', band: '$0.76-$3.04', cheapest: true, recommended: true, note: '' },
      { platform: 'aws-ec2', label: 'EC2 t3.medium', monthly: '$30.37', band: '', cheapest: false, recommended: false, note: '1 x t3.medium' },
    ],
    breakEven: 'Servers get cheaper above 40 req/s (you are at 0.03 req/s).',
    reasons: [],
    changeIf: ['Traffic above 40 req/s all day'],
    assumptions: ['1 GB memory', 'us-east-1 prices'],
    math: [],
    pricing: 'Prices as of 2025-10-01 (catalog 2025-10-01.1)',
    pricingStale: false,
    changes: [],
    actions: [],
    chart: null,
    ...overrides,
  };
}
