import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '../../helpers/entry-point.js';

// A local stand-in for https://prices.azure.com/api/retail/prices: answers
// the $filter a refresh sends (serviceName, armRegionName, type) with the
// items of that region from a file written for this project in the API's
// shape, two items a page, each page linking the next. A test can break the
// answers the ways an API breaks.

export type AzureBreakage = 'not-json' | 'http-500' | 'no-items-field' | 'missing-meter' | 'partial-flex' | 'flex-two-prices' | 'endless-pages' | 'foreign-next-page' | 'in-euros';

interface Item {
  armRegionName: string;
  meterName: string;
  currencyCode: string;
  [key: string]: unknown;
}

const FIXTURE = join(ROOT, 'test', 'fixtures', 'azure', 'retail-prices-functions.json');
const PAGE = 2;

export interface FakeAzureRetail {
  url: string;
  requests: string[];
  break(how: AzureBreakage): void;
  close(): Promise<void>;
}

export async function startFakeAzureRetail(): Promise<FakeAzureRetail> {
  const all = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { items: Item[] }).items;
  const requests: string[] = [];
  let broken: AzureBreakage | null = null;
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://fake');
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (url.pathname !== '/api/retail/prices') return send(404, '{"Message":"not found"}');
    if (broken === 'http-500') return send(500, '{"Message":"An error has occurred."}');
    if (broken === 'not-json') return send(200, '{"BillingCurrency":"USD","Items":[{"currencyCode":"US');
    const filter = url.searchParams.get('$filter') ?? '';
    const region = /armRegionName eq '([^']+)'/.exec(filter)?.[1];
    const wanted = /serviceName eq 'Functions'/.test(filter) && /type eq 'Consumption'/.test(filter);
    let items = all.filter((i) => wanted && i.armRegionName === region);
    if (broken === 'missing-meter') items = items.filter((i) => i.meterName !== 'Standard Total Executions');
    // Flex's execution-time meter without its executions meter: half a plan.
    if (broken === 'partial-flex') items = items.filter((i) => i.meterName !== 'On Demand Total Executions');
    if (broken === 'flex-two-prices') items = [...items, ...items.filter((i) => i.meterName === 'On Demand Execution Time' && (i.retailPrice as number) > 0).map((i) => ({ ...i, retailPrice: (i.retailPrice as number) * 2 }))];
    if (broken === 'in-euros') items = items.map((i) => ({ ...i, currencyCode: 'EUR' }));
    const skip = Number(url.searchParams.get('$skip') ?? '0');
    const page = items.slice(skip, skip + PAGE);
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const more = skip + PAGE < items.length || broken === 'endless-pages';
    const nextSkip = broken === 'endless-pages' ? skip : skip + PAGE;
    const host = broken === 'foreign-next-page' ? 'http://prices.example.invalid' : origin;
    const next = more ? `${host}/api/retail/prices?$filter=${encodeURIComponent(filter)}&$skip=${nextSkip}` : null;
    const body = broken === 'no-items-field' ? { BillingCurrency: 'USD', NextPageLink: null, Count: 0 } : { BillingCurrency: 'USD', CustomerEntityId: 'Default', CustomerEntityType: 'Retail', Items: page, NextPageLink: next, Count: page.length };
    return send(200, JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    break: (how) => (broken = how),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
