import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../src/pricing/load-catalog.js';
import { formatPricingTable } from '../../src/render/pricing-table.js';

const loaded = loadCatalog(DEFAULT_CATALOG_PATH);
if (!loaded.ok) throw new Error(loaded.error);
const catalog = loaded.catalog;
const table = formatPricingTable(catalog);
const lines = table.split('\n');
const row = (id: string) => lines.find((l) => l.startsWith(`${id} `));

describe('formatPricingTable', () => {
  it('starts with the catalog version and as-of date and a header', () => {
    expect(lines[0]).toBe(`Pricing catalog ${catalog.version}, as of ${catalog.asOf} (USD, ${catalog.region})`);
    expect(lines[2]).toMatch(/^id\s+description\s+unit\s+price\s+source\s+as of$/);
  });

  it.each([
    ['aws.lambda.requests', ['1M requests', '$0.20', 'https://aws.amazon.com/lambda/pricing/', '2026-11-26']],
    ['aws.lambda.computeX86', ['GB-s', 'first 6 B $0.0000166667; next 9 B $0.000015; above 15 B $0.0000133334']],
    ['aws.apiGateway.http', ['first 300M $1.00; above 300M $0.90']],
    ['aws.ec2.instances.t3.medium', ['instance-hour (2 vCPU, 4 GiB, x86)', '$0.0416']],
    ['aws.ec2.instances.c5.2xlarge', ['(8 vCPU, 16 GiB, x86)', '$0.34']],
    ['aws.lambda.ephemeralStorage', ['$0.0000000309']],
    ['aws.lambda.freeRequests', ['1,000,000 included']],
    ['aws.lambda.limits.timeoutSeconds', ['limit 900']],
    ['gcp.cloudRunFunctions.cpuByMemory', ['0.083 vCPU at 128 MB ... 8 vCPU at 32,768 MB (8 steps)']],
    ['azure.functionsFlex.executions', ['1M executions', '$0.40 *']],
    ['cloudflare.workers.monthlyMinimum', ['month', '$5.00']],
  ])('has a row for %s', (id, parts) => {
    const line = row(id);
    expect(line, id).toBeDefined();
    for (const part of parts) expect(line).toContain(part);
  });

  it('lists every EC2 instance type in the catalog', () => {
    for (const id of Object.keys(catalog.aws.ec2.instances)) expect(row(`aws.ec2.instances.${id}`), id).toBeDefined();
  });

  it('explains each figure marked * below the table', () => {
    expect(lines).toContain(`* azure.functionsFlex.executions: ${catalog.azure.functionsFlex.executions.note}`);
    expect(lines.filter((l) => l.startsWith('* '))).toHaveLength(lines.filter((l) => / \*\s/.test(l) && !l.startsWith('* ')).length);
  });

  it('ends with a count of the figures that matches the rows', () => {
    const dataRows = lines.slice(4, lines.indexOf('', 4));
    expect(lines.at(-1)).toBe(`${dataRows.length} figures. Prices are on-demand list prices; check the source before relying on one.`);
    expect(dataRows.length).toBeGreaterThan(60);
  });
});
