import { z } from 'zod';

// The shape of one page of the Azure Retail Prices API
// (prices.azure.com/api/retail/prices; learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices),
// as far as a refresh reads it: Items, each a meter's retail price in a
// region, and NextPageLink to the next page (null on the last). Unknown fields
// pass through: each item carries many this project never reads.

const text = z.string().min(1);

export const azureRetailItemSchema = z.looseObject({
  currencyCode: text,
  retailPrice: z.number().nonnegative(),
  tierMinimumUnits: z.number().nonnegative(),
  armRegionName: z.string(),
  location: z.string(),
  effectiveStartDate: text,
  meterName: text,
  productName: text,
  skuName: z.string(),
  serviceName: text,
  unitOfMeasure: text,
  type: text,
});

export const azureRetailPageSchema = z.looseObject({
  Items: z.array(azureRetailItemSchema),
  NextPageLink: z.string().nullable(),
  Count: z.number().int().nonnegative().optional(),
});

export type AzureRetailItem = z.infer<typeof azureRetailItemSchema>;
export type AzureRetailPage = z.infer<typeof azureRetailPageSchema>;
