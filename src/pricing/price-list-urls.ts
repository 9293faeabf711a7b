// Where the public price lists live: the defaults of `pricing refresh --from`,
// apart from the code that reads them so the command line knows them without loading it.

/** Where AWS publishes the bulk files. */
export const AWS_PRICE_LIST_URL = 'https://pricing.us-east-1.amazonaws.com';

/** Where Microsoft publishes the retail prices. */
export const AZURE_RETAIL_PRICES_URL = 'https://prices.azure.com';
