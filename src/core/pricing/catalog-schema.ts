import { z } from 'zod';

// The shape of a pricing catalog (data/pricing/catalog.json or a user's own).
// Every figure carries its unit, source URL and the day it was read, so a card
// can say where a number came from. Messages name the field and what is wrong,
// because a person fixing a hand-edited JSON file needs exactly that.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function missingOr(message: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'is missing' : message);
}

const text = z.string({ error: missingOr('must be a string') }).min(1, { error: 'must not be empty' });
const isoDate = z
  .string({ error: missingOr('must be a date string (yyyy-mm-dd)') })
  .regex(ISO_DATE, { error: 'must be a date in the form yyyy-mm-dd' });
const url = z
  .string({ error: missingOr('must be a URL string') })
  .regex(/^https?:\/\/\S+$/, { error: 'must be an http(s) URL' });
const positive = z
  .number({ error: missingOr('must be a positive number') })
  .positive({ error: 'must be a positive number' });
const nonNegative = z
  .number({ error: missingOr('must be a number of 0 or more') })
  .nonnegative({ error: 'must be a number of 0 or more' });

function obj<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape, { error: missingOr('must be an object') });
}

const provenance = {
  description: text,
  source: url,
  asOf: isoDate,
  /** The vendor's own effective date, where the page states one. */
  effective: isoDate.optional(),
  note: z.string().optional(),
};

/** One flat price: usd per unit. */
const price = obj({ ...provenance, unit: text, usd: positive });

const tier = obj({
  /** Cumulative upper bound of this tier in the entry's unit; null = no bound (last tier). */
  upTo: positive.nullable(),
  usd: positive,
});

/** A price with monthly volume tiers; each tier's price applies to the usage inside it only. */
const tieredPrice = obj({
  ...provenance,
  unit: text,
  tiers: z
    .array(tier, { error: missingOr('must be a list of tiers') })
    .min(1, { error: 'must have at least one tier' })
    .superRefine((tiers, ctx) => {
      let previous = 0;
      tiers.forEach((t, i) => {
        const last = i === tiers.length - 1;
        if (last && t.upTo !== null) ctx.addIssue({ code: 'custom', path: [i, 'upTo'], message: 'must be null on the last tier' });
        if (!last && t.upTo === null) ctx.addIssue({ code: 'custom', path: [i, 'upTo'], message: 'may be null only on the last tier' });
        if (t.upTo !== null && t.upTo <= previous) ctx.addIssue({ code: 'custom', path: [i, 'upTo'], message: 'must be above the previous tier' });
        if (t.upTo !== null) previous = t.upTo;
      });
    }),
});

/** An allowance: a free tier or what a plan includes. */
const quota = obj({ ...provenance, unit: text, quantity: nonNegative });

/** A platform limit (not a price) that decides whether a platform can run a workload. */
const limit = obj({ ...provenance, unit: text, value: positive });

const ec2Instance = obj({
  ...provenance,
  unit: text,
  usd: positive,
  vcpu: positive,
  memoryGib: positive,
  arch: z.enum(['x86', 'arm'], { error: missingOr('must be "x86" or "arm"') }),
  /** Burstable types: the share of each vCPU they sustain without spending credits. */
  baselineCpuShare: z
    .number({ error: 'must be a number above 0 and at most 1' })
    .positive({ error: 'must be a number above 0 and at most 1' })
    .max(1, { error: 'must be a number above 0 and at most 1' })
    .optional(),
  baselineSource: url.optional(),
  /** GPU instances: the accelerators they carry. Sizing for ordinary work leaves them out. */
  gpu: obj({ count: positive, model: text, memoryGib: positive }).optional(),
});

const cpuStep = obj({ memoryMbUpTo: positive, vcpu: positive });

export const COMMITMENT_PLANS = ['compute-savings-plan', 'ec2-instance-savings-plan', 'reserved-instances'] as const;
export const COMMITMENT_TERMS = ['1yr', '3yr'] as const;
export const COMMITMENT_PAYMENTS = ['no-upfront', 'partial-upfront', 'all-upfront'] as const;

/**
 * Published committed rates for one plan, term and payment option: the
 * committed price of each on-demand entry it covers, keyed by that entry's
 * dotted path ("aws.fargate.x86VcpuHour", "aws.ec2.instances.t3.medium") and
 * in its unit. Never a blanket percentage: each service has its own rate.
 */
const commitmentRates = obj({
  ...provenance,
  plan: z.enum(COMMITMENT_PLANS, { error: missingOr(`must be one of ${COMMITMENT_PLANS.join(', ')}`) }),
  term: z.enum(COMMITMENT_TERMS, { error: missingOr('must be "1yr" or "3yr"') }),
  payment: z.enum(COMMITMENT_PAYMENTS, { error: missingOr(`must be one of ${COMMITMENT_PAYMENTS.join(', ')}`) }),
  rates: z
    .record(z.string(), positive, { error: missingOr('must be an object of catalog paths and prices') })
    .refine((r) => Object.keys(r).length > 0, { error: 'must list at least one rate' }),
});

/**
 * Spot is never a price: AWS publishes only how far below on-demand it can
 * go, and the price moves with supply and demand. Kept as that published
 * ceiling, so a card can show the lowest Spot could cost as an assumption.
 */
const spotCeiling = obj({
  ...provenance,
  unit: text,
  discountUpTo: z
    .number({ error: missingOr('must be a share above 0 and below 1') })
    .positive({ error: 'must be a share above 0 and below 1' })
    .lt(1, { error: 'must be a share above 0 and below 1' }),
});

/** Every AWS price of one region. */
const awsPrices = obj({
  lambda: obj({
    requests: price,
    computeX86: tieredPrice,
    computeArm: tieredPrice,
    freeRequests: quota,
    freeComputeGbSeconds: quota,
    ephemeralStorage: price,
    provisionedConcurrencyX86: price,
    provisionedDurationX86: price,
    provisionedConcurrencyArm: price,
    provisionedDurationArm: price,
    limits: obj({
      timeoutSeconds: limit,
      memoryMbMax: limit,
      packageMbUnzipped: limit,
      containerImageMb: limit,
      /** Optional so older hand-made catalogs still load; the engine falls back to 1,769 MB. */
      memoryMbPerVcpu: limit.optional(),
    }),
  }),
  apiGateway: obj({
    http: tieredPrice,
    rest: tieredPrice,
    websocketMessages: tieredPrice,
    websocketConnectionMinutes: price,
    limits: obj({ integrationTimeoutSeconds: limit, websocketConnectionSeconds: limit.optional(), websocketIdleSeconds: limit.optional() }),
  }),
  sqs: obj({ standardRequests: price, fifoRequests: price, freeRequests: quota }),
  alb: obj({ hour: price, lcuHour: price }),
  fargate: obj({ x86VcpuHour: price, x86GbHour: price, armVcpuHour: price, armGbHour: price }),
  // The charges beside compute. Optional so catalogs made before them still
  // load; an item whose price is missing is named on the card, never priced at zero.
  cloudwatchLogs: obj({ ingestion: tieredPrice, freeGb: quota }).optional(),
  dataTransfer: obj({ outToInternet: tieredPrice, freeOutGb: quota }).optional(),
  natGateway: obj({ hour: price, gbProcessed: price }).optional(),
  ec2: obj({
    instances: z
      .record(z.string(), ec2Instance, { error: missingOr('must be an object of instance types') })
      .refine((r) => Object.keys(r).length > 0, { error: 'must list at least one instance type' }),
  }),
});

/** Google Cloud prices (Cloud Run functions): the catalog's Tier 1 figures, and the limits that hold everywhere. */
const gcpPrices = obj({
  cloudRunFunctions: obj({
    vcpuSecond: price,
    gibSecond: price,
    requests: price,
    freeVcpuSeconds: quota,
    freeGibSeconds: quota,
    freeRequests: quota,
    cpuByMemory: obj({
      ...provenance,
      steps: z
        .array(cpuStep, { error: missingOr('must be a list of steps') })
        .min(1, { error: 'must have at least one step' })
        .refine((s) => s.every((step, i) => i === 0 || step.memoryMbUpTo > s[i - 1]!.memoryMbUpTo), {
          error: 'must be in increasing memoryMbUpTo order',
        }),
    }),
    limits: obj({ httpTimeoutSeconds: limit, eventTimeoutSeconds: limit, memoryMbMax: limit }),
  }),
});

const regionCode = z
  .string({ error: missingOr('must be a region code string') })
  .regex(/^[a-z]+(?:-[a-z]+)*(?:-?\d+)?$/, { error: 'must be a region code such as eu-central-1, europe-west3 or germanywestcentral' });

/**
 * One AWS region: its name, the nearest region of each other cloud (a
 * cross-cloud comparison prices those), and, when the catalog holds them,
 * every AWS price there and the Savings Plans rates published for it.
 */
const awsRegion = obj({
  name: text,
  /** Optional: a region a refresh added from the price list has no mapping until one is written. */
  nearest: obj({ gcp: regionCode, azure: regionCode }).optional(),
  /** Each service optional: one whose prices there could not be sourced is priced at the home region's, and the card says which. */
  prices: awsPrices.partial().optional(),
  commitments: z.array(commitmentRates, { error: missingOr('must be a list of commitment rates') }).optional(),
});

/** A Google Cloud region: its Cloud Run pricing tier and, when read, its request-based prices. */
const gcpRegion = obj({
  name: text,
  tier: z.union([z.literal(1), z.literal(2)], { error: 'must be 1 or 2' }).optional(),
  prices: obj({ cloudRunFunctions: obj({ vcpuSecond: price, gibSecond: price, requests: price }) }).optional(),
});

/** An Azure region: named so a card can say which one is nearest; its prices, when a catalog holds them. */
const azureRegion = obj({
  name: text,
  prices: obj({ functionsConsumption: obj({ gbSecond: price, executions: price }).optional(), functionsFlex: obj({ gbSecond: price, executions: price }).optional() }).optional(),
});

/**
 * Prices per region, each provider under its own region names. The catalog's
 * top-level figures are the home region's (home.aws, home.gcp, home.azure);
 * a region listed here without prices is known by name only, and an
 * assessment there is priced at the nearest priced region, saying so.
 */
const catalogRegions = obj({
  home: obj({ aws: regionCode, gcp: regionCode.optional(), azure: regionCode.optional() }),
  /** Where the region names and nearest-region mapping come from. */
  source: url,
  asOf: isoDate,
  aws: z.record(z.string(), awsRegion, { error: missingOr('must be an object of AWS regions') }),
  gcp: z.record(z.string(), gcpRegion, { error: missingOr('must be an object of Google Cloud regions') }),
  azure: z.record(z.string(), azureRegion, { error: missingOr('must be an object of Azure regions') }),
});

export const pricingCatalogSchema = obj({
  version: text,
  asOf: isoDate,
  currency: z.literal('USD', { error: 'must be "USD"' }),
  region: text,
  notes: z.string().optional(),
  aws: awsPrices,
  gcp: gcpPrices,
  azure: obj({
    functionsConsumption: obj({
      gbSecond: price,
      executions: price,
      freeGbSeconds: quota,
      freeExecutions: quota,
      limits: obj({ timeoutSeconds: limit, memoryMbMax: limit, httpResponseSeconds: limit }),
    }),
    functionsFlex: obj({
      gbSecond: price,
      executions: price,
      freeGbSeconds: quota,
      freeExecutions: quota,
      instanceMemoryMb: obj({
        ...provenance,
        sizes: z
          .array(positive, { error: missingOr('must be a list of sizes in MB') })
          .min(1, { error: 'must have at least one size' })
          .refine((s) => s.every((v, i) => i === 0 || v > s[i - 1]!), { error: 'must be in increasing order' }),
      }),
      limits: obj({ httpResponseSeconds: limit, guaranteedSeconds: limit.optional() }),
    }),
  }),
  /** Prices per region; absent in catalogs made before regions (then every figure is the one region's in `region`). */
  regions: catalogRegions.optional(),
  /** The published ceilings of the Spot discount; absent = a Spot ask is answered with on-demand figures. */
  spot: obj({ ec2: spotCeiling.optional(), fargate: spotCeiling.optional() }).optional(),
  /** Savings Plans rates; absent in a catalog that has none published (then assessments say so and price on-demand). */
  commitments: z.array(commitmentRates, { error: missingOr('must be a list of commitment rates') }).optional(),
  cloudflare: obj({
    workers: obj({
      monthlyMinimum: price,
      requests: price,
      cpuMs: price,
      includedRequests: quota,
      includedCpuMs: quota,
      limits: obj({ memoryMb: limit, cpuMsDefault: limit, cpuMsMax: limit, cpuMsMaxCronQueue: limit }),
    }),
  }),
});

export type PricingCatalog = z.infer<typeof pricingCatalogSchema>;
export type CatalogPrice = z.infer<typeof price>;
export type CatalogTieredPrice = z.infer<typeof tieredPrice>;
export type CatalogQuota = z.infer<typeof quota>;
export type CatalogLimit = z.infer<typeof limit>;
export type CatalogEc2Instance = z.infer<typeof ec2Instance>;
export type CatalogCommitment = z.infer<typeof commitmentRates>;
export type CatalogSpotCeiling = z.infer<typeof spotCeiling>;
export type CatalogAwsPrices = z.infer<typeof awsPrices>;
export type CatalogRegions = z.infer<typeof catalogRegions>;
export type CatalogAwsRegion = z.infer<typeof awsRegion>;

export type ParseCatalogResult = { ok: true; catalog: PricingCatalog } | { ok: false; error: string };

/** Validates a parsed JSON value; the error names the first bad field by its dotted path. */
export function parseCatalog(json: unknown): ParseCatalogResult {
  const result = pricingCatalogSchema.safeParse(json);
  if (result.success) return { ok: true, catalog: result.data };
  const issue = result.error.issues[0];
  if (!issue) return { ok: false, error: 'the catalog is not valid' };
  const path = issue.path.map(String).join('.');
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : '';
  return { ok: false, error: `${path === '' ? 'the catalog' : path} ${issue.message}${more}` };
}
