import type { CatalogCommitment } from './catalog-schema.js';
import { toCatalogUnit, type ReadPrice } from './price-list-extract.js';
import type { SavingsPlanFile } from './price-list-schema.js';

// Committed rates out of the AWS Savings Plans price list: each plan (family,
// term, payment option) lists a rate per on-demand SKU it discounts, and the
// on-demand SKUs the refresh just read say which catalog price each one is.
// Rates are kept per service as published; nothing is averaged into a percent.

const PLANS: Record<string, CatalogCommitment['plan']> = { ComputeSavingsPlans: 'compute-savings-plan', EC2InstanceSavingsPlans: 'ec2-instance-savings-plan' };
const PAYMENTS: Record<string, CatalogCommitment['payment']> = { 'No Upfront': 'no-upfront', 'Partial Upfront': 'partial-upfront', 'All Upfront': 'all-upfront' };
const TERMS: Record<string, CatalogCommitment['term']> = { '1yr': '1yr', '3yr': '3yr', '1 yr': '1yr', '3 yr': '3yr' };

export function savingsPlanRates(file: SavingsPlanFile, onDemand: readonly ReadPrice[], url: string, today: string): CatalogCommitment[] {
  const bySku = new Map(onDemand.map((p) => [p.sku, p]));
  const plans = new Map<string, CatalogCommitment>();
  const productBySku = new Map(file.products.map((p) => [p.sku, p]));
  for (const term of file.terms.savingsPlan) {
    const product = productBySku.get(term.sku);
    const plan = PLANS[product?.productFamily ?? ''];
    const length = TERMS[product?.attributes.purchaseTerm ?? ''];
    const payment = PAYMENTS[product?.attributes.purchaseOption ?? ''];
    if (!product || !plan || !length || !payment) continue;
    const key = `${plan}/${length}/${payment}`;
    for (const rate of term.rates) {
      const price = bySku.get(rate.discountedSku);
      const usd = Number(rate.discountedRate.price);
      if (!price || rate.discountedRate.currency !== 'USD' || !(usd > 0)) continue;
      let entry = plans.get(key);
      if (!entry) {
        entry = {
          description: `${plan === 'compute-savings-plan' ? 'Compute' : 'EC2 Instance'} Savings Plan, ${length}, ${product.attributes.purchaseOption} (AWS Savings Plans price list)`,
          source: url,
          asOf: today,
          effective: file.publicationDate.slice(0, 10),
          note: `AWS Savings Plans price list version ${file.version}; each rate is the plan's published price for the on-demand SKU of that catalog entry`,
          plan,
          term: length,
          payment,
          rates: {},
        };
        plans.set(key, entry);
      }
      entry.rates[price.path] = toCatalogUnit(usd, price.perCatalogUnit);
    }
  }
  return [...plans.values()];
}
