import { describe, expect, it } from 'vitest';
import type { AssessmentSnapshot } from '../../src/core/conversation.js';
import { whatChanged } from '../../src/core/what-changed.js';

// The "What changed" lines after a what-if: each amount carries its own "/month",
// and a platform that stops (or starts) fitting reads "n/a", never "n/a/month".

const before: AssessmentSnapshot = {
  verdict: 'fit',
  platform: 'AWS Lambda',
  score: 80,
  monthlyUsd: { 'aws-lambda': 11_681.2, 'aws-ec2': 30.37 },
  averageRps: 2,
  durationMs: 2000,
  memoryMb: 1024,
};

describe('what changed', () => {
  it.each<[string, Partial<AssessmentSnapshot>, string[]]>([
    ['a platform that no longer fits', { monthlyUsd: { 'aws-ec2': 30.37 } }, ['AWS Lambda: $11,681/month -> n/a']],
    ['a platform that now fits', { monthlyUsd: { ...before.monthlyUsd, 'cloudflare-workers': 5 } }, ['Cloudflare Workers: n/a -> $5.00/month']],
    ['a cost that moved', { monthlyUsd: { ...before.monthlyUsd, 'aws-ec2': 60.74 } }, ['EC2: $30.37/month -> $60.74/month']],
    ['traffic ten times over', { averageRps: 20 }, ['Traffic: 2 req/s -> 20 req/s average']],
    ['a new verdict', { verdict: 'avoid', platform: 'Amazon EC2' }, ['Verdict: fit -> avoid', 'Recommended: AWS Lambda -> Amazon EC2']],
  ])('%s', (_name, change, lines) => {
    const out = whatChanged(before, { ...before, ...change });
    for (const line of lines) expect(out).toContain(line);
    expect(out.join('\n')).not.toContain('n/a/month');
  });
});
