import { z } from 'zod';

// The shape of the AWS Price List bulk files, as far as a refresh reads them
// (docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-ppslong.html):
// the offer index, a service's region index, and a per-region offer file of
// products and on-demand terms. Prices are decimal strings ("0.0416000000").
// Unknown fields pass through: the files carry many this project never reads.

const text = z.string().min(1);
const decimal = z.string().regex(/^\d+(?:\.\d+)?$/, { error: 'must be a decimal string such as "0.0416000000"' });

export const offerIndexSchema = z.looseObject({
  publicationDate: text,
  offers: z.record(z.string(), z.looseObject({ offerCode: text, currentRegionIndexUrl: text.optional(), currentVersionUrl: text.optional() })),
});

export const regionIndexSchema = z.looseObject({
  regions: z.record(z.string(), z.looseObject({ regionCode: text, currentVersionUrl: text })),
});

const priceDimension = z.looseObject({
  unit: z.string(),
  beginRange: z.string().optional(),
  endRange: z.string().optional(),
  description: z.string().optional(),
  pricePerUnit: z.looseObject({ USD: decimal }),
});

export const offerFileSchema = z.looseObject({
  offerCode: text,
  version: text,
  publicationDate: text,
  products: z.record(z.string(), z.looseObject({ sku: text, productFamily: z.string().optional(), attributes: z.record(z.string(), z.string()) })),
  terms: z.looseObject({
    OnDemand: z.record(z.string(), z.record(z.string(), z.looseObject({ sku: text, priceDimensions: z.record(z.string(), priceDimension) }))),
    /** EC2's Reserved Instance offerings: per SKU, each term's hourly fee and upfront fee, and its length, class and payment option. */
    Reserved: z
      .record(z.string(), z.record(z.string(), z.looseObject({ sku: text, priceDimensions: z.record(z.string(), priceDimension), termAttributes: z.record(z.string(), z.string()) })))
      .optional(),
  }),
});

/** The Savings Plans region index: here `regions` is a list, not an object keyed by code. */
export const savingsPlanRegionIndexSchema = z.looseObject({
  regions: z.array(z.looseObject({ regionCode: text, versionUrl: text })),
});

export const savingsPlanFileSchema = z.looseObject({
  version: text,
  publicationDate: text,
  products: z.array(z.looseObject({ sku: text, productFamily: z.string().optional(), attributes: z.record(z.string(), z.string()) })),
  terms: z.looseObject({
    savingsPlan: z.array(
      z.looseObject({
        sku: text,
        rates: z.array(z.looseObject({ discountedSku: text, discountedRate: z.looseObject({ price: decimal, currency: z.string() }) })),
      }),
    ),
  }),
});

export type SavingsPlanFile = z.infer<typeof savingsPlanFileSchema>;
export type OfferIndex = z.infer<typeof offerIndexSchema>;
export type RegionIndex = z.infer<typeof regionIndexSchema>;
export type OfferFile = z.infer<typeof offerFileSchema>;
export type PriceListProduct = OfferFile['products'][string];

/** The first problem in a file, in words a person can act on: "products.ABC.attributes is missing". */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it is not valid';
  const path = issue.path.map(String).join('.');
  return `${path === '' ? 'the file' : path} ${issue.message.toLowerCase().startsWith('invalid input: expected') && issue.message.includes('undefined') ? 'is missing' : issue.message}`;
}
