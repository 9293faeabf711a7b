import type { CommitmentAsk } from '../workload.js';
import type { Heard } from './parse-result.js';

// A commitment the person wants priced: "with a 1-year compute savings plan",
// "3yr no upfront savings plan", "EC2 instance savings plan", "reserved
// instances", "on spot". Term and payment are read when said and otherwise
// left for the cost engine to assume (and say so).

const TERM = String.raw`(?<term>1|3)[- ]?(?:years?|yrs?|y)\b`;
const PAYMENT = String.raw`(?<pay>no|partial|all)[- ]upfront`;
const PLAN = String.raw`(?<kind>compute |ec2 instance |instance |ec2 )?savings? ?plans?\b`;

const SAVINGS = [
  new RegExp(String.raw`\b${TERM},? (?:(?:${PAYMENT}),? )?${PLAN}(?:,? ${PAYMENT.replace('pay', 'pay2')})?`),
  new RegExp(String.raw`\b${PLAN}(?:,? (?:for |of |over |on a |with a )?${TERM})?(?:,? ${PAYMENT})?`),
];
const RESERVED = /\b(?:(?<term>1|3)[- ]?(?:years?|yrs?) )?(?:reserved instances?|ris?\b(?= ?(?:for|on|pricing)))/;
const SPOT = /\b(?:on |use |using |with )spot(?: instances| capacity)?\b|\bspot (?:instances|capacity|pricing)\b|\bfargate spot\b/;

function payment(value: string | undefined): CommitmentAsk['payment'] {
  return value === 'no' ? 'no-upfront' : value === 'partial' ? 'partial-upfront' : value === 'all' ? 'all-upfront' : null;
}

export function readCommitment(text: string): { commitment: CommitmentAsk; heard: Heard } | null {
  let ask: CommitmentAsk | null = null;
  if (text.includes('sav') && text.includes('plan')) {
    for (const re of SAVINGS) {
      const m = re.exec(text);
      if (!m) continue;
      const g = m.groups ?? {};
      const kind = g.kind?.trim();
      ask = {
        plan: kind === 'ec2 instance' || kind === 'instance' ? 'ec2-instance-savings-plan' : 'compute-savings-plan',
        term: g.term === '1' ? '1yr' : g.term === '3' ? '3yr' : null,
        payment: payment(g.pay ?? g.pay2),
        words: m[0].trim(),
      };
      break;
    }
  }
  const reserved = ask ? null : RESERVED.exec(text);
  if (reserved) ask = { plan: 'reserved-instances', term: reserved.groups?.term === '3' ? '3yr' : reserved.groups?.term === '1' ? '1yr' : null, payment: null, words: reserved[0] };
  const spot = ask ? null : SPOT.exec(text);
  if (spot) ask = { plan: 'spot', term: null, payment: null, words: spot[0].trim() };
  if (!ask) return null;
  const said = [ask.term, ask.payment].filter(Boolean).join(', ');
  return { commitment: ask, heard: { field: 'commitment', text: `${ask.plan.replace(/-/g, ' ')}${said ? ` (${said})` : ''} (from "${ask.words}")` } };
}
