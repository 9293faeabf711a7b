import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/assess.js';
import { readCommitmentSettingWords } from '../../src/core/dispatch/commitment-settings.js';
import { parseWorkload } from '../../src/core/parse/parse-text.js';
import { withStandingCommitment } from '../../src/core/standing-commitment.js';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../src/pricing/load-catalog.js';
import type { CommitmentAsk } from '../../src/core/workload.js';

// Commitments as engineers type them into a workload description: the plan,
// its kind, the term and the payment option, with typos and abbreviations;
// and the look-alikes that ask for nothing.

type Read = Pick<CommitmentAsk, 'plan' | 'term' | 'payment'> & { kindAssumed?: boolean; convertible?: boolean };

function read(text: string): Read | null {
  const ask = parseWorkload(text).facts.commitment;
  if (!ask) return null;
  return { plan: ask.plan, term: ask.term, payment: ask.payment, ...(ask.kindAssumed ? { kindAssumed: true } : {}), ...(ask.convertible ? { convertible: true } : {}) };
}

const csp = (term: Read['term'], payment: Read['payment']): Read => ({ plan: 'compute-savings-plan', term, payment });
const isp = (term: Read['term'], payment: Read['payment']): Read => ({ plan: 'ec2-instance-savings-plan', term, payment });
const ri = (term: Read['term'], payment: Read['payment']): Read => ({ plan: 'reserved-instances', term, payment });
const vague = (term: Read['term'], payment: Read['payment']): Read => ({ ...csp(term, payment), kindAssumed: true });

describe('commitment words that ask for one', () => {
  it.each<[string, Read]>([
    ['REST API, 1000 rps, with a 1-year compute savings plan', csp('1yr', null)],
    ['3yr RI all upfront', ri('3yr', 'all-upfront')],
    ['reserved instances, partial upfront, 3 years', ri('3yr', 'partial-upfront')],
    ['EC2 instance savings plan no upfront', isp(null, 'no-upfront')],
    ['image resizer, 40 rps, 2 s, we have a savings plan', vague(null, null)],
    ['1y CSP no-upfront', csp('1yr', 'no-upfront')],
    ['priced with a 3 yr compute SP, partial-upfront', csp('3yr', 'partial-upfront')],
    ['we are on a 3-yr SP', vague('3yr', null)],
    ['covered by an ec2-instance savings plan, 1 year term, all up-front', isp('1yr', 'all-upfront')],
    ['savigns plan 1yr', vague('1yr', null)],
    ['compute saving plans for 36 months', csp('3yr', null)],
    ['12-month compute savings plan with no upfront payment', csp('1yr', 'no-upfront')],
    ['Savings Plan: compute, 3 years, all upfront', csp('3yr', 'all-upfront')],
    ['savings plan (ec2 instance), 1yr', isp('1yr', null)],
    ['using a 1 yr compute savings plan w/ no upfront', csp('1yr', 'no-upfront')],
    ['ec2 savings plan, 3y, partial upfront', isp('3yr', 'partial-upfront')],
    ['RI for 3 years', ri('3yr', null)],
    ['reserverd instances 1yr partially upfront', ri('1yr', 'partial-upfront')],
    ['3 year reserved instances for the fleet', ri('3yr', null)],
    ['we buy reserved instances', ri(null, null)],
    ['paid upfront 3 year ec2 reservation', ri('3yr', 'all-upfront')],
    ['standard RIs, 1yr, no upfront', ri('1yr', 'no-upfront')],
    ['3yr nuri on the web tier', ri('3yr', 'no-upfront')],
    ['AURI 1y', ri('1yr', 'all-upfront')],
    ['API with one year savings plan', vague('1yr', null)],
    ['logs kept 3 years, we have a compute SP', csp(null, null)],
    ['no upfront 1 year savings plan', vague('1yr', 'no-upfront')],
  ])('"%s"', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('convertible Reserved Instances are read as such, never as standard ones', () => {
    expect(read('3yr partial upfront convertible RI')).toEqual({ ...ri('3yr', 'partial-upfront'), convertible: true });
  });

  it.each([
    ['nightly batch on spot instances', 'on spot instances'],
    ['render jobs using fargate spot', 'fargate spot'],
    ['ETL on ec2 spot, retries are fine', 'ec2 spot'],
  ])('Spot: "%s"', (text, words) => {
    expect(parseWorkload(text).facts.commitment).toEqual({ plan: 'spot', term: null, payment: null, words });
  });

  it('keeps the words it read, for the card to quote', () => {
    expect(parseWorkload('REST API. Reserved instances, partial upfront, 3 years.').facts.commitment?.words).toBe('reserved instances, partial upfront, 3 years');
    expect(parseWorkload('We are on a 1yr CSP no-upfront.').heard.find((h) => h.field === 'commitment')?.text).toBe('compute savings plan (1yr, no-upfront) (from "1yr csp no-upfront")');
    expect(parseWorkload('we have a savings plan').heard.find((h) => h.field === 'commitment')?.text).toBe('savings plan (kind not said: compute) (from "savings plan")');
  });
});

describe('words that only look like a commitment ask for none', () => {
  it.each([
    'lambda with reserved concurrency of 50',
    'reserve capacity for spikes on black friday',
    'we plan to migrate in 1 year',
    'a plan to save on logs',
    'we dont have a savings plan',
    "we don't have any savings plans yet, REST API 200 rps",
    'no RIs, on-demand only',
    'not on reserved instances',
    'without a compute savings plan',
    'we looked at savings plans but stayed on-demand',
    'adds CSP headers at the edge',
    'sets a strict CSP for the checkout page',
    'calls a stored proc (sp) in postgres',
    'serves our Rhode Island (RI) customers',
    'our RIs expire next month',
    'an app that calculates savings plans for bank customers',
    'fintech API computing retirement savings plans, 30 rps',
    'stores 3 years of invoices',
    'keep logs for 1 year',
    'spot the slow query in the report job',
    'not on spot, it cannot be interrupted',
    'a hot spot in the db',
    'REST API, 1000 rps 24/7, 100 ms, calls Postgres',
    // A wall of negated look-alikes, as long as a message is read: answered (with none), not scanned for ever.
    'no sp 1yr, '.repeat(400),
  ])('"%s"', (text) => {
    expect(read(text)).toBeNull();
  });
});

describe('the commitment setting reads the same words, and a bare abbreviation too', () => {
  it.each<[string, ReturnType<typeof readCommitmentSettingWords>]>([
    ['', { kind: 'commitment-show' }],
    ['clear', { kind: 'commitment-clear' }],
    ['on-demand', { kind: 'commitment-clear' }],
    ['none', { kind: 'commitment-clear' }],
    ['1yr compute savings plan, no upfront', { kind: 'commitment-set', commitment: { plan: 'compute-savings-plan', term: '1yr', payment: 'no-upfront' } }],
    ['3yr ri all upfront', { kind: 'commitment-set', commitment: { plan: 'reserved-instances', term: '3yr', payment: 'all-upfront' } }],
    ['ri', { kind: 'commitment-set', commitment: { plan: 'reserved-instances', term: null, payment: null } }],
    ['csp', { kind: 'commitment-set', commitment: { plan: 'compute-savings-plan', term: null, payment: null } }],
    ['savings plan', { kind: 'commitment-set', commitment: { plan: 'compute-savings-plan', term: null, payment: null, kindAssumed: true } }],
    ['spot', { kind: 'commitment-spot' }],
    ['on spot instances', { kind: 'commitment-spot' }],
    ['3 years', { kind: 'not-a-commitment', words: '3 years' }],
    ['convertible ri 3yr', { kind: 'not-a-commitment', words: 'convertible ri 3yr' }],
    ['lots', { kind: 'not-a-commitment', words: 'lots' }],
  ])('"%s"', (value, expected) => {
    expect(readCommitmentSettingWords(value, value)).toEqual(expected);
  });
});

describe('what the card says when the shipped catalog has no rate for the commitment asked', () => {
  const shipped = loadCatalog(DEFAULT_CATALOG_PATH);
  if (!shipped.ok) throw new Error(shipped.error);
  const catalog = shipped.catalog;
  const base = 'REST API, 1000 rps 24/7, 100 ms, 1 GB';
  const said = (text: string, standing: Parameters<typeof withStandingCommitment>[1] = null) =>
    assess(withStandingCommitment({ ...parseWorkload(text).facts, description: text, constraintsAnswered: true }, standing), catalog, { chart: false }).cost.commitment?.sentence;
  const missing = `but catalog ${catalog.version} has no published rate for`;

  it.each([
    [`${base}, we have a savings plan`, `You asked for a 1-year Compute Savings Plan, no upfront (the Compute kind, 1 year and no upfront assumed) ("savings plan"), ${missing} it, so every figure is on-demand.`],
    [`${base}, 3yr RI all upfront`, `You asked for 3-year Reserved Instances, all upfront ("3yr ri all upfront"), ${missing} them, so every figure is on-demand.`],
    [`${base}, EC2 instance savings plan, partial upfront`, `You asked for a 1-year EC2 Instance Savings Plan, partial upfront (1 year assumed) ("ec2 instance savings plan, partial upfront"), ${missing} it`],
    [`${base}, 3yr partial upfront convertible RI`, `You asked for 3-year Convertible Reserved Instances, partial upfront ("3yr partial upfront convertible ri"), but catalog ${catalog.version} holds standard Reserved Instance rates only`],
  ])('"%s"', (text, sentence) => {
    const got = said(text);
    expect(got).toContain(sentence);
    expect(got).toContain('`serverless-fit pricing refresh`');
    expect(got).not.toMatch(/\d+ ?%/);
  });

  it("a workspace's standing commitment is named as the setting's, and the words come first", () => {
    const standing = { plan: 'compute-savings-plan', term: '3yr', payment: 'all-upfront' } as const;
    expect(said(base, standing)).toMatch(/^This workspace's commitment setting asks for a 3-year Compute Savings Plan, all upfront, but catalog/);
    expect(said(`${base}, 1yr RI no upfront`, standing)).toMatch(/^You asked for 1-year Reserved Instances, no upfront \("1yr ri no upfront"\)/);
    expect(said(base, null)).toBeUndefined();
  });
});
