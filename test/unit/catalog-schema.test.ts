import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../src/core/pricing/catalog-schema.js';
import { isCatalogStale } from '../../src/core/cost/estimate-costs.js';
import { DEFAULT_CATALOG_PATH } from '../../src/pricing/load-catalog.js';

const shipped: unknown = JSON.parse(readFileSync(DEFAULT_CATALOG_PATH, 'utf8'));

const REMOVE = Symbol('remove');

/** The shipped catalog with the field at `path` set to `value` (or removed). */
function edited(...edits: [path: string[], value: unknown][]): unknown {
  const copy = structuredClone(shipped) as Record<string, unknown>;
  for (const [path, value] of edits) {
    let node = copy;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
    const last = path[path.length - 1]!;
    if (value === REMOVE) delete node[last];
    else node[last] = value;
  }
  return copy;
}

/** Every priced or counted entry: objects that carry a source. */
function entries(node: unknown, path = ''): { path: string; entry: Record<string, unknown> }[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
  const record = node as Record<string, unknown>;
  if (typeof record.source === 'string') return [{ path, entry: record }];
  return Object.entries(record).flatMap(([k, v]) => entries(v, path ? `${path}.${k}` : k));
}

describe('the shipped pricing catalog', () => {
  it('passes the schema', () => {
    const result = parseCatalog(shipped);
    expect(result.ok ? 'ok' : result.error).toBe('ok');
  });

  it('gives every figure a source URL, an as-of date and a description', () => {
    const all = entries(shipped);
    expect(all.length).toBeGreaterThan(60);
    for (const { path, entry } of all) {
      expect(entry.source, path).toMatch(/^https:\/\//);
      expect(entry.asOf, path).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(String(entry.description), path).not.toBe('');
    }
  });

  it.each([
    ['aws.lambda.requests', 0.2],
    ['aws.alb.hour', 0.0225],
    ['aws.fargate.x86VcpuHour', 0.04048],
    ['aws.ec2.instances.t3.medium', 0.0416],
    ['aws.ec2.instances.c5.2xlarge', 0.34],
    ['gcp.cloudRunFunctions.vcpuSecond', 0.000024],
    ['azure.functionsFlex.gbSecond', 0.000026],
    ['cloudflare.workers.requests', 0.3],
    // Memory-optimised and GPU families, for jobs and GPU work.
    ['aws.ec2.instances.r5.large', 0.126],
    ['aws.ec2.instances.r5.4xlarge', 1.008],
    ['aws.ec2.instances.r7g.large', 0.1071],
    ['aws.ec2.instances.g4dn.xlarge', 0.526],
    ['aws.ec2.instances.g5.xlarge', 1.006],
  ])('prices %s at %s USD (PRICES.md)', (path, usd) => {
    const found = entries(shipped).find((e) => e.path === path);
    expect(found?.entry.usd).toBe(usd);
  });

  it('holds the Lambda tiers from the price list', () => {
    const c = shipped as { aws: { lambda: Record<'computeX86' | 'computeArm', { tiers: unknown }> } };
    expect(c.aws.lambda.computeX86.tiers).toEqual([
      { upTo: 6e9, usd: 0.0000166667 },
      { upTo: 15e9, usd: 0.000015 },
      { upTo: null, usd: 0.0000133334 },
    ]);
    expect(c.aws.lambda.computeArm.tiers).toEqual([
      { upTo: 7.5e9, usd: 0.0000133334 },
      { upTo: 18.75e9, usd: 0.0000120001 },
      { upTo: null, usd: 0.0000106667 },
    ]);
  });
});

describe('the figures the advice relies on', () => {
  it('describes each GPU type by its accelerator', () => {
    const instances = (shipped as { aws: { ec2: { instances: Record<string, { gpu?: unknown }> } } }).aws.ec2.instances;
    expect(instances['g4dn.xlarge']?.gpu).toEqual({ count: 1, model: 'NVIDIA T4', memoryGib: 16 });
    expect(instances['g5.xlarge']?.gpu).toEqual({ count: 1, model: 'NVIDIA A10G', memoryGib: 24 });
  });

  it.each([
    ['aws.lambda.limits.memoryMbPerVcpu', 1769],
    ['aws.apiGateway.limits.websocketConnectionSeconds', 7200],
    ['azure.functionsFlex.limits.guaranteedSeconds', 3600],
  ])('holds the limit %s = %s', (path, value) => {
    expect(entries(shipped).find((e) => e.path === path)?.entry.value).toBe(value);
  });

  it('still loads a hand-made catalog without the newer, optional entries', () => {
    const older = edited(
      [['aws', 'lambda', 'limits', 'memoryMbPerVcpu'], REMOVE],
      [['aws', 'apiGateway', 'limits', 'websocketConnectionSeconds'], REMOVE],
      [['aws', 'apiGateway', 'limits', 'websocketIdleSeconds'], REMOVE],
      [['azure', 'functionsFlex', 'limits', 'guaranteedSeconds'], REMOVE],
      [['aws', 'ec2', 'instances', 'g5.xlarge'], REMOVE],
    );
    expect(parseCatalog(older).ok).toBe(true);
  });
});

describe('parseCatalog errors name the field and what is wrong', () => {
  it.each([
    ['a negative price', ['aws', 'lambda', 'requests', 'usd'], -1, 'aws.lambda.requests.usd must be a positive number'],
    ['a price as a string', ['aws', 'lambda', 'requests', 'usd'], '0.20', 'aws.lambda.requests.usd must be a positive number'],
    ['a missing price', ['aws', 'lambda', 'requests', 'usd'], REMOVE, 'aws.lambda.requests.usd is missing'],
    ['a missing provider', ['gcp'], REMOVE, 'gcp is missing'],
    ['a bad source', ['aws', 'alb', 'hour', 'source'], 'aws pricing page', 'aws.alb.hour.source must be an http(s) URL'],
    ['a bad as-of date', ['asOf'], '1 Oct 2025', 'asOf must be a date in the form yyyy-mm-dd'],
    ['an unknown architecture', ['aws', 'ec2', 'instances', 't3.micro', 'arch'], 'mips', 'aws.ec2.instances.t3.micro.arch must be "x86" or "arm"'],
    ['a bounded last tier', ['aws', 'apiGateway', 'http', 'tiers', '1', 'upTo'], 900, 'aws.apiGateway.http.tiers.1.upTo must be null on the last tier'],
    ['tiers out of order', ['aws', 'apiGateway', 'rest', 'tiers', '1', 'upTo'], 100, 'aws.apiGateway.rest.tiers.1.upTo must be above the previous tier'],
    ['an empty instance list', ['aws', 'ec2', 'instances'], {}, 'aws.ec2.instances must list at least one instance type'],
    ['another currency', ['currency'], 'EUR', 'currency must be "USD"'],
    ['a baseline above 100%', ['aws', 'ec2', 'instances', 't3.small', 'baselineCpuShare'], 2, 'aws.ec2.instances.t3.small.baselineCpuShare must be a number above 0 and at most 1'],
    ['a GPU without its memory', ['aws', 'ec2', 'instances', 'g5.xlarge', 'gpu'], { count: 1, model: 'NVIDIA A10G' }, 'aws.ec2.instances.g5.xlarge.gpu.memoryGib is missing'],
  ] as [string, string[], unknown, string][])('%s', (_name, path, value, message) => {
    const result = parseCatalog(edited([path, value]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBe(message);
  });

  it.each([null, 'catalog', 42, []])('rejects %j as a whole', (value) => {
    const result = parseCatalog(value);
    expect(result).toEqual({ ok: false, error: 'the catalog must be an object' });
  });

  it('says when there is more than one problem', () => {
    const result = parseCatalog(edited([['aws', 'lambda', 'requests', 'usd'], 0], [['aws', 'alb', 'hour', 'usd'], 0]));
    expect(result.ok ? '' : result.error).toBe('aws.lambda.requests.usd must be a positive number (and 1 more problem(s))');
  });
});

describe('isCatalogStale', () => {
  it.each([
    ['2025-10-01', '2026-03-30', false], // 180 days
    ['2025-10-01', '2026-03-31', true], // 181 days
    ['2026-11-26', '2026-11-26', false],
    ['2026-11-26', '2027-06-01', true],
    ['not a date', '2026-01-01', true],
  ])('a catalog as of %s is stale on %s: %s', (asOf, today, stale) => {
    expect(isCatalogStale(asOf, new Date(`${today}T12:00:00Z`))).toBe(stale);
  });
});
