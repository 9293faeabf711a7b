import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '../helpers/cost-fixtures.js';
import { assess } from '../../src/core/assess.js';
import { assessmentJson } from '../../src/core/assessment-json.js';
import { parseWorkload } from '../../src/core/parse/parse-workload.js';
import { parseCatalog, type CatalogCommitment, type PricingCatalog } from '../../src/core/pricing/catalog-schema.js';
import type { CommitmentAsk } from '../../src/core/workload.js';

// Commitments: only from rates a catalog publishes per service, term and
// payment option. The shipped catalog publishes none, so an assessment that
// asks says so and stays on-demand; a catalog with rates (made up here, as a
// refreshed one would carry) prices the covered platforms beside on-demand.

const catalog = shippedCatalog();

/** Made-up committed rates, clearly not AWS's. */
const FAKE_RATES: CatalogCommitment = {
  description: 'FAKE committed rates for tests',
  source: 'https://pricing.example/savingsPlan/AWSComputeSavingsPlan/us-east-1/index.json',
  asOf: '2026-12-01',
  plan: 'compute-savings-plan',
  term: '1yr',
  payment: 'no-upfront',
  rates: {
    'aws.lambda.computeX86': 0.000014,
    'aws.fargate.x86VcpuHour': 0.03,
    'aws.fargate.x86GbHour': 0.0033,
    'aws.ec2.instances.c5.large': 0.05,
    'aws.ec2.instances.c5.xlarge': 0.1,
    'aws.ec2.instances.c5.2xlarge': 0.2,
  },
};

function withRates(rates: CatalogCommitment[]): PricingCatalog {
  const parsed = parseCatalog({ ...catalog, commitments: rates });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.catalog;
}

function assessText(text: string, on: PricingCatalog) {
  return assess({ ...parseWorkload(text).facts, description: text, constraintsAnswered: true }, on, { chart: false });
}

describe('the words that ask for a commitment', () => {
  it.each<[string, Omit<CommitmentAsk, 'words'> | undefined]>([
    ['REST API, 1000 rps, with a 1-year savings plan', { plan: 'compute-savings-plan', term: '1yr', payment: null }],
    ['we have a 3yr compute savings plan, all upfront', { plan: 'compute-savings-plan', term: '3yr', payment: 'all-upfront' }],
    ['1 year no upfront savings plan', { plan: 'compute-savings-plan', term: '1yr', payment: 'no-upfront' }],
    ['priced with an EC2 instance savings plan for 3 years', { plan: 'ec2-instance-savings-plan', term: '3yr', payment: null }],
    ['API with one year savings plan', { plan: 'compute-savings-plan', term: '1yr', payment: null }],
    ['we buy reserved instances', { plan: 'reserved-instances', term: null, payment: null }],
    ['nightly batch on spot instances', { plan: 'spot', term: null, payment: null }],
    ['REST API, 1000 rps 24/7, 100 ms, calls Postgres', undefined],
    ['a plan to save on logs', undefined],
  ])('"%s"', (text, expected) => {
    const ask = parseWorkload(text).facts.commitment;
    expect(ask ? { plan: ask.plan, term: ask.term, payment: ask.payment } : undefined).toEqual(expected);
  });
});

describe('a catalog without published rates (the shipped one)', () => {
  const text = 'REST API, 1000 rps 24/7, 100 ms, 1 GB, with a 1-year compute savings plan';
  const asked = assessText(text, catalog);
  const plain = assessText('REST API, 1000 rps 24/7, 100 ms, 1 GB', catalog);

  it('says plainly there is no published rate, names the refresh command, and prices on-demand', () => {
    expect(asked.cost.commitment).toMatchObject({ plan: 'compute-savings-plan', term: '1yr', payment: 'no-upfront', applied: false, costs: [], breakEven: null });
    expect(asked.cost.commitment?.sentence).toBe(
      `You asked for a 1-year Compute Savings Plan, no upfront (no upfront assumed) ("1-year compute savings plan"), but catalog ${catalog.version} has no published rate for it, so every figure is on-demand. \`serverless-fit pricing refresh\` reads the rates AWS publishes in its Savings Plans price list.`,
    );
    expect(asked.assumptions.map((a) => a.text)).toContain(asked.cost.commitment?.sentence);
    expect(asked.cost.costs.map((c) => c.monthlyUsd)).toEqual(plain.cost.costs.map((c) => c.monthlyUsd));
    expect(asked.cost.breakEven).toEqual(plain.cost.breakEven);
  });

  it.each([
    ['we buy reserved instances', 'You asked for 1-year Reserved Instances, no upfront (1 year and no upfront assumed) ("reserved instances"), but catalog 2026-12-01.1 has no published rate for them'],
    ['3 year reserved instances for the fleet', 'You asked for 3-year Reserved Instances, no upfront (no upfront assumed) ("3 year reserved instances")'],
  ])('"%s" is answered, not ignored', (text, sentence) => {
    expect(assessText(text, catalog).cost.commitment?.sentence).toContain(sentence);
  });

  it('a catalog without Spot ceilings answers a Spot ask with on-demand figures, saying so', () => {
    const { spot: _spot, ...rest } = catalog;
    const parsed = parseCatalog(rest);
    if (!parsed.ok) throw new Error(parsed.error);
    const a = assessText('nightly batch, 20 minutes, on spot instances', parsed.catalog);
    expect(a.cost.commitment).toMatchObject({ plan: 'spot', applied: false, costs: [] });
    expect(a.cost.commitment?.sentence).toContain('this catalog holds no published Spot discount, so every figure is on-demand');
  });
});

describe('Spot: an assumption at the published discount ceiling, never a price', () => {
  const ec2 = catalog.spot!.ec2!;
  const fargate = catalog.spot!.fargate!;
  // Hand computation from the shipped catalog: each server price x (1 - its published ceiling); the rest (a load balancer) at list price.
  const cases: [string, string, string, number][] = [
    ['nightly batch, 20 minutes, on spot instances', 'aws-ec2', 'aws.ec2.instances.', ec2.discountUpTo],
    ['image render queue, 3 minutes each, 2k jobs a day, using spot', 'aws-fargate', 'aws.fargate.', fargate.discountUpTo],
  ];
  it.each(cases)('"%s": %s compute lines at on-demand x (1 - ceiling), quantity x unit price', (text, platform, covered, ceiling) => {
    const a = assessText(text, catalog);
    const spotRow = a.cost.commitment?.costs.find((c) => c.platform === platform);
    const onDemandRow = a.cost.costs.find((c) => c.platform === platform)!;
    expect(a.cost.commitment).toMatchObject({ plan: 'spot', applied: true, assumed: true });
    expect(spotRow).toBeDefined();
    let expected = 0;
    for (const line of spotRow!.lines) {
      const od = onDemandRow.lines.find((l) => l.priceRef === line.priceRef && l.quantity === line.quantity)!;
      const unit = line.priceRef.startsWith(covered) ? od.unitPriceUsd * (1 - ceiling) : od.unitPriceUsd;
      expect(line.unitPriceUsd).toBeCloseTo(unit, 12);
      expect(line.amountUsd).toBeCloseTo(line.quantity * unit, 9);
      expected += line.quantity * unit;
    }
    expect(spotRow!.lines.some((l) => l.priceRef.startsWith(covered))).toBe(true);
    expect(spotRow!.monthlyUsd).toBeCloseTo(expected, 6);
  });

  it('the card states it as an assumption with both sources, and that functions have no Spot price', () => {
    const a = assessText('nightly batch, 20 minutes, on spot instances', catalog);
    const sentence = a.cost.commitment!.sentence;
    expect(sentence).toContain('This is an assumption, not a price');
    expect(sentence).toContain(`up to 90% off on-demand for EC2 (${ec2.source}, read ${ec2.asOf})`);
    expect(sentence).toContain(`up to 70% for Fargate Spot (${fargate.source}, read ${fargate.asOf})`);
    expect(sentence).toContain('functions have no Spot price');
    expect(a.assumptions.map((x) => x.text)).toContain(sentence);
    expect(a.cost.commitment?.costs.some((c) => c.platform === 'aws-lambda')).toBe(false);
  });

  it('the schema refuses a ceiling of 100% or more, or none', () => {
    for (const bad of [1, 1.5, 0, -0.2]) {
      const parsed = parseCatalog({ ...catalog, spot: { ec2: { ...ec2, discountUpTo: bad } } });
      expect(parsed.ok, String(bad)).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain('spot.ec2.discountUpTo must be a share above 0 and below 1');
    }
  });
});

describe('Reserved Instances from a catalog that holds their rates', () => {
  /** Made-up RI rates, clearly not AWS's: the shape a refresh or a hand-edited catalog carries. */
  const FAKE_RI: CatalogCommitment = { ...FAKE_RATES, description: 'FAKE Reserved Instance rates', plan: 'reserved-instances', term: '3yr', payment: 'no-upfront', rates: { 'aws.ec2.instances.c5.large': 0.04, 'aws.ec2.instances.c5.xlarge': 0.08, 'aws.ec2.instances.c5.2xlarge': 0.16 } };
  const a = assessText('REST API, 1000 rps 24/7, 100 ms, 1 GB, 3 year reserved instances', withRates([FAKE_RATES, FAKE_RI]));

  it('prices only EC2 at them, each line quantity x the published rate', () => {
    expect(a.cost.commitment).toMatchObject({ plan: 'reserved-instances', term: '3yr', applied: true });
    const rows = a.cost.commitment!.costs;
    expect(rows.map((c) => c.platform)).toEqual(['aws-ec2']);
    for (const line of rows[0]!.lines) {
      const rate = FAKE_RI.rates[line.priceRef];
      if (rate !== undefined) expect(line.unitPriceUsd).toBe(rate);
      expect(line.amountUsd).toBeCloseTo(line.quantity * line.unitPriceUsd, 9);
    }
    expect(a.cost.commitment?.sentence).toMatch(/^With 3-year Reserved Instances, no upfront \(no upfront assumed\) at the rates published 2026-12-01/);
  });
});

describe('a catalog with published rates prices the covered platforms beside on-demand', () => {
  const rated = withRates([FAKE_RATES]);
  const text = 'REST API, 1000 rps 24/7, 100 ms, 1 GB, with a 1-year no upfront compute savings plan';
  const a = assessText(text, rated);
  const committed = (id: string) => a.cost.commitment?.costs.find((c) => c.platform === id);

  it('applies them, keeping the on-demand rows as they were', () => {
    expect(a.cost.commitment?.applied).toBe(true);
    expect(a.cost.commitment?.costs.map((c) => c.platform)).toEqual(['aws-lambda', 'aws-fargate', 'aws-ec2']);
    expect(a.cost.costs.map((c) => c.monthlyUsd)).toEqual(assessText('REST API, 1000 rps 24/7, 100 ms, 1 GB', catalog).cost.costs.map((c) => c.monthlyUsd));
  });

  it('Lambda: 262.8 M GB-s x $0.000014 committed; requests and the HTTP API stay at list price', () => {
    const lambda = committed('aws-lambda')!;
    const compute = lambda.lines.find((l) => l.priceRef.startsWith('aws.lambda.computeX86'))!;
    expect(compute.quantity).toBeCloseTo(2628e6 * 0.1 * 1, 0);
    expect(compute.unitPriceUsd).toBe(0.000014);
    expect(compute.amountUsd).toBeCloseTo(262.8e6 * 0.000014, 6); // $3,679.20
    expect(lambda.monthlyUsd).toBeCloseTo(525.6 + 3679.2 + 2395.2, 2);
  });

  it('EC2 and Fargate: every covered line at its committed rate, quantity x unit price', () => {
    for (const id of ['aws-ec2', 'aws-fargate']) {
      const row = committed(id)!;
      for (const line of row.lines) {
        const rate = FAKE_RATES.rates[line.priceRef];
        if (rate !== undefined) expect(line.unitPriceUsd).toBe(rate);
        expect(line.amountUsd).toBeCloseTo(line.quantity * line.unitPriceUsd, 9);
      }
      expect(row.lines.some((l) => FAKE_RATES.rates[l.priceRef] !== undefined)).toBe(true);
      expect(row.monthlyUsd).toBeLessThan(a.cost.costs.find((c) => c.platform === id)!.monthlyUsd!);
    }
  });

  it('moves the break-even down when servers get the deeper discount', () => {
    const before = a.cost.breakEven?.averageRps;
    const after = a.cost.commitment?.breakEven?.averageRps;
    expect(before).toBeTypeOf('number');
    expect(after).toBeTypeOf('number');
    expect(after!).toBeLessThan(before!);
    expect(a.cost.commitment?.sentence).toMatch(/^With a 1-year Compute Savings Plan, no upfront at the rates published 2026-12-01 \(https:\/\/pricing\.example\/.+\): AWS Lambda \$6,600\.00 a month \(on-demand \$7,300\.81\); ECS on Fargate .+ The break-even moves from .+ req\/s on average\.$/);
  });

  it('a term or payment the catalog has no rate for stays on-demand', () => {
    const three = assessText('REST API, 1000 rps 24/7, 100 ms, with a 3-year savings plan', rated);
    expect(three.cost.commitment?.applied).toBe(false);
    expect(three.cost.commitment?.sentence).toContain('has no published rate for it');
  });

  it('the JSON carries commitment with its rows and break-even', () => {
    const json = assessmentJson(a);
    expect(json.commitment).toMatchObject({ plan: 'compute-savings-plan', term: '1yr', payment: 'no-upfront', applied: true });
    expect(json.commitment?.costs.map((c) => c.platform)).toEqual(['aws-lambda', 'aws-fargate', 'aws-ec2']);
    expect(assessmentJson(assessText('REST API, 10 rps', catalog)).commitment).toBeNull();
  });
});

describe('the catalog schema takes commitment rates per service, term and payment option only', () => {
  it.each([
    [{ ...FAKE_RATES, term: '2yr' }, 'commitments.0.term must be "1yr" or "3yr"'],
    [{ ...FAKE_RATES, rates: {} }, 'commitments.0.rates must list at least one rate'],
    [{ ...FAKE_RATES, rates: { 'aws.lambda.computeX86': -1 } }, 'commitments.0.rates.aws.lambda.computeX86 must be a positive number'],
  ])('%#: refuses %j', (rates, message) => {
    const parsed = parseCatalog({ ...catalog, commitments: [rates] });
    expect(parsed.ok ? '' : parsed.error).toBe(message);
  });
});
