import type { CatalogCommitment } from './catalog-schema.js';
import type { ReadPrice } from './price-list-extract.js';
import type { OfferFile } from './price-list-schema.js';

// Standard Reserved Instance rates out of the EC2 offer file: for each
// instance type the catalog prices and each term and payment option, the
// effective hourly price AWS's figures give (the hourly fee plus the upfront
// fee spread over the term's hours), kept per instance type as published.
// Convertible offerings are left out: they trade a smaller discount for
// flexibility, and a card naming "Reserved Instances" means the standard ones.

const TERMS: Record<string, CatalogCommitment['term']> = { '1yr': '1yr', '3yr': '3yr' };
const PAYMENTS: Record<string, CatalogCommitment['payment']> = { 'No Upfront': 'no-upfront', 'Partial Upfront': 'partial-upfront', 'All Upfront': 'all-upfront' };
const HOURS_PER_YEAR = 8760;

export function reservedInstanceRates(file: OfferFile | undefined, onDemand: readonly ReadPrice[], url: string, today: string): CatalogCommitment[] {
  const reserved = file?.terms.Reserved;
  if (!file || !reserved) return [];
  const plans = new Map<string, CatalogCommitment>();
  for (const price of onDemand.filter((p) => p.path.startsWith('aws.ec2.instances.'))) {
    for (const offering of Object.values(reserved[price.sku] ?? {})) {
      const a = offering.termAttributes;
      const term = TERMS[a.LeaseContractLength ?? ''];
      const payment = PAYMENTS[a.PurchaseOption ?? ''];
      if (!term || !payment || a.OfferingClass !== 'standard') continue;
      const dims = Object.values(offering.priceDimensions);
      const hourly = dims.filter((d) => d.unit === 'Hrs').reduce((sum, d) => sum + Number(d.pricePerUnit.USD), 0);
      const upfront = dims.filter((d) => d.unit === 'Quantity').reduce((sum, d) => sum + Number(d.pricePerUnit.USD), 0);
      const effective = hourly + upfront / ((term === '1yr' ? 1 : 3) * HOURS_PER_YEAR);
      if (!(effective > 0)) continue;
      const key = `${term}/${payment}`;
      let entry = plans.get(key);
      if (!entry) {
        entry = {
          description: `Standard Reserved Instances, ${term}, ${a.PurchaseOption} (AWS Price List, EC2 offer file)`,
          source: url,
          asOf: today,
          effective: file.publicationDate.slice(0, 10),
          note: `EC2 offer file version ${file.version}; each rate is the offering's hourly fee plus its upfront fee spread over the term's hours (${term === '1yr' ? '8,760' : '26,280'})`,
          plan: 'reserved-instances',
          term,
          payment,
          rates: {},
        };
        plans.set(key, entry);
      }
      entry.rates[price.path] = Number(effective.toPrecision(12));
    }
  }
  return [...plans.values()];
}
