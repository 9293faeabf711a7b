import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '../helpers/cost-fixtures.js';
import { assess } from '../../src/core/assess.js';
import { assessmentJson } from '../../src/core/assessment-json.js';
import { parseWorkload } from '../../src/core/parse/parse-workload.js';
import { catalogRegion, regionPricing } from '../../src/core/pricing/catalog-region.js';

// Where a workload runs, from its words, and which region's prices it gets:
// the catalog's own, said on the card whenever that is not where it runs.

const catalog = shippedCatalog();

describe('the region from the text', () => {
  it.each([
    ['REST API in Frankfurt, 100 rps', 'eu-central-1'],
    ['hosted in Ireland', 'eu-west-1'],
    ['API deployed to Sydney', 'ap-southeast-2'],
    ['resize images in the UK region', 'eu-west-2'],
    ['runs in eu-west-1', 'eu-west-1'],
    ['out of Tokyo, 50 rps', 'ap-northeast-1'],
    ['webhook running in Oregon', 'us-west-2'],
    ['our Tokyo customers upload photos', undefined], // a place, but not where it runs
    ['in a VPC, calls Stripe', undefined],
    ['REST API, 1000 rps 24/7, 100 ms', undefined],
  ])('"%s" -> %s', (text, region) => {
    expect(parseWorkload(text).facts.region).toBe(region);
  });
});

describe('which prices a region gets', () => {
  it('the shipped catalog prices us-east-1', () => {
    expect(catalogRegion(catalog)).toBe('us-east-1');
  });

  it.each([
    [null, { asked: null, priced: 'us-east-1', fallback: false, note: null }],
    ['us-east-1', { asked: 'us-east-1', priced: 'us-east-1', fallback: false, note: null }],
    ['eu-central-1', { asked: 'eu-central-1', priced: 'us-east-1', fallback: true }],
  ] as const)('%s', (asked, expected) => {
    expect(regionPricing(asked, catalog)).toMatchObject(expected);
  });

  it('a region the catalog lacks is priced at us-east-1, and the card says so', () => {
    const text = 'REST API in Frankfurt, 100 rps, 100 ms';
    const inFrankfurt = assess({ ...parseWorkload(text).facts, description: text, constraintsAnswered: true }, catalog, { chart: false });
    const unsaid = assess({ ...parseWorkload('REST API, 100 rps, 100 ms').facts, description: text, constraintsAnswered: true }, catalog, { chart: false });
    expect(inFrankfurt.cost.costs.map((c) => c.monthlyUsd)).toEqual(unsaid.cost.costs.map((c) => c.monthlyUsd));
    const note = inFrankfurt.assumptions.map((a) => a.text).find((t) => t.startsWith('The workload runs in eu-central-1'));
    expect(note).toBe(
      `The workload runs in eu-central-1, but catalog ${catalog.version} prices us-east-1 only, so these are us-east-1 prices (AWS charges more in many regions). A catalog for eu-central-1: \`serverless-fit pricing refresh --region eu-central-1\`, then SERVERLESS_FIT_PRICING pointing at it.`,
    );
    expect(unsaid.assumptions.map((a) => a.text).some((t) => t.startsWith('The workload runs in'))).toBe(false);
    expect(assessmentJson(inFrankfurt).region).toMatchObject({ asked: 'eu-central-1', priced: 'us-east-1', catalog: catalog.version, fallback: true });
    expect(assessmentJson(unsaid).region).toMatchObject({ asked: null, priced: 'us-east-1', fallback: false, note: null });
  });
});
