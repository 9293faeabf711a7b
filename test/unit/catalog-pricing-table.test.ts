import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../src/pricing/load-catalog.js';
import { pricingRows } from '../../src/render/pricing-rows.js';
import { formatPricingTable, phrase } from '../../src/render/pricing-table.js';

const loaded = loadCatalog(DEFAULT_CATALOG_PATH);
if (!loaded.ok) throw new Error(loaded.error);
const catalog = loaded.catalog;
const rows = pricingRows(catalog);
const row = (id: string) => rows.find((r) => r.id === id);

describe('pricingRows', () => {
  it.each([
    ['aws.lambda.requests', '$0.20 per 1M requests', 0.2, 'https://aws.amazon.com/lambda/pricing/'],
    ['aws.lambda.computeX86', 'per GB-s: first 6 B $0.0000166667; next 9 B $0.000015; above 15 B $0.0000133334', null, 'https://aws.amazon.com/lambda/pricing/'],
    ['aws.apiGateway.http', 'per 1M requests: first 300M $1.00; above 300M $0.90', null, 'https://aws.amazon.com/api-gateway/pricing/'],
    ['aws.ec2.instances.t3.medium', '$0.0416 per instance-hour (2 vCPU, 4 GiB, x86)', 0.0416, 'https://aws.amazon.com/ec2/pricing/on-demand/'],
    ['aws.ec2.instances.c5.2xlarge', '$0.34 per instance-hour (8 vCPU, 16 GiB, x86)', 0.34, 'https://aws.amazon.com/ec2/pricing/on-demand/'],
    ['aws.lambda.ephemeralStorage', '$0.0000000309 per GB-s', 3.09e-8, 'https://aws.amazon.com/lambda/pricing/'],
    ['aws.lambda.freeRequests', '1,000,000 requests included', null, 'https://aws.amazon.com/lambda/pricing/'],
    ['aws.lambda.limits.timeoutSeconds', 'limit 900 s', null, 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html'],
    ['gcp.cloudRunFunctions.cpuByMemory', '0.083 vCPU at 128 MB ... 8 vCPU at 32,768 MB (8 steps)', null, 'https://cloud.google.com/functions/docs/configuring/memory'],
    ['cloudflare.workers.monthlyMinimum', '$5.00 per month', 5, 'https://developers.cloudflare.com/workers/platform/pricing/'],
  ])('%s reads "%s"', (id, text, usd, source) => {
    const r = row(id);
    expect(r, id).toBeDefined();
    expect(phrase(r!)).toBe(text);
    expect(r!.usd).toBe(usd);
    expect(r!.source).toBe(source);
  });

  it('has every EC2 instance type and the caveat of each unverified figure', () => {
    for (const id of Object.keys(catalog.aws.ec2.instances)) expect(row(`aws.ec2.instances.${id}`), id).toBeDefined();
    expect(row('azure.functionsFlex.executions')?.caveat).toBe(catalog.azure.functionsFlex.executions.note);
    expect(rows.filter((r) => r.caveat !== null).map((r) => r.id)).toEqual([
      'aws.cloudwatchLogs.ingestion',
      'aws.dataTransfer.outToInternet',
      'aws.natGateway.hour',
      'aws.natGateway.gbProcessed',
      'azure.functionsFlex.executions',
    ]);
  });
});

describe('formatPricingTable', () => {
  const text = formatPricingTable(catalog);
  const lines = text.split('\n');

  it('fits an 80-column terminal, and a wider one when told', () => {
    // The one exception: a source URL longer than the terminal, printed whole on its own line so it stays clickable.
    const bareUrl = (line: string) => /^https:\/\/\S+$/.test(line);
    for (const line of lines) if (!bareUrl(line)) expect(line.length, line).toBeLessThanOrEqual(80);
    for (const line of formatPricingTable(catalog, 120).split('\n')) if (!bareUrl(line)) expect(line.length, line).toBeLessThanOrEqual(120);
    expect(formatPricingTable(catalog, 120).split('\n').length).toBeLessThan(lines.length);
  });

  it('starts with the catalog version and date', () => {
    expect(lines[0]).toBe(`Pricing catalog ${catalog.version}, as of ${catalog.asOf}`);
  });

  it('gives each figure its price, unit and numbered source, and lists the sources once', () => {
    const sources = lines.slice(lines.indexOf('Sources') + 1).filter((l) => /^ {2}\[\d+\]/.test(l));
    expect(sources.length).toBe(new Set(rows.map((r) => r.source)).size);
    const ref = (url: string) => /^ {2}(\[\d+\])/.exec(sources.find((l) => l.includes(url)) ?? '')?.[1];
    expect(lines).toContain(`  requests                    $0.20 per 1M requests ${ref('https://aws.amazon.com/lambda/pricing/')}`);
    // A two-digit source number may wrap onto the next line of the column.
    expect(text).toMatch(/^ {2}instances\.t3\.medium\s+\$0\.0416 per instance-hour \(2 vCPU, 4 GiB, x86\)\s+\[\d+\]$/m);
    expect(text).toMatch(/^ {2}executions\s+\$0\.40 per 1M executions \* \[\d+\]$/m);
  });

  it('explains the figure marked * and counts the figures', () => {
    expect(text).toContain('* azure.functionsFlex.executions: NOT verified');
    expect(text).toContain(`${rows.length} figures.`);
    expect(rows.length).toBeGreaterThan(60);
  });
});
