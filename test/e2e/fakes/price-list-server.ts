import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeOfferFile, FakeSavingsPlanFile } from './price-list-files.js';
import { FAKE_DISCLAIMER, FAKE_PUBLISHED, FAKE_VERSION } from './price-list-files.js';

// A local stand-in for https://pricing.us-east-1.amazonaws.com: the offer
// index, each offer's region index and the offer file of each region it serves, served over
// real HTTP from the hand-written files. A test can break one answer the ways
// a download breaks: cut short, an HTTP error, or a region that is not there.

export type Breakage = 'truncated' | 'http-500' | 'no-region' | 'not-json';

export interface FakePriceList {
  url: string;
  /** Paths asked for, in order. */
  requests: string[];
  /** Answer the file of one offer code (or "index", or "savingsPlan") broken this way. */
  breakOffer(offer: string, how: Breakage): void;
  close(): Promise<void>;
}

export interface FakeRegion {
  files: ReadonlyMap<string, FakeOfferFile>;
  savingsPlan: FakeSavingsPlanFile;
}

/** One region's files, as most tests need. */
export function startFakePriceList(files: ReadonlyMap<string, FakeOfferFile>, savingsPlan: FakeSavingsPlanFile, region = 'us-east-1'): Promise<FakePriceList> {
  return startFakeRegionalPriceList(new Map([[region, { files, savingsPlan }]]));
}

/** Every region's own offer files and Savings Plans file, listed in each region index. */
export async function startFakeRegionalPriceList(byRegion: ReadonlyMap<string, FakeRegion>): Promise<FakePriceList> {
  const requests: string[] = [];
  const broken = new Map<string, Breakage>();
  const files = new Map([...byRegion.values()].flatMap((r) => [...r.files]));
  const index = {
    formatVersion: 'v1.0',
    disclaimer: FAKE_DISCLAIMER,
    publicationDate: FAKE_PUBLISHED,
    offers: Object.fromEntries(
      [...files.keys()].map((code) => [
        code,
        { offerCode: code, versionIndexUrl: `/offers/v1.0/aws/${code}/index.json`, currentVersionUrl: `/offers/v1.0/aws/${code}/current/index.json`, currentRegionIndexUrl: `/offers/v1.0/aws/${code}/current/region_index.json` },
      ]),
    ),
  };
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const send = (key: string, body: unknown) => {
      const how = broken.get(key);
      if (how === 'http-500') {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
        return;
      }
      const text = how === 'not-json' ? '<html>Access Denied</html>' : JSON.stringify(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end(how === 'truncated' ? text.slice(0, Math.floor(text.length / 2)) : text);
    };
    if (path === '/offers/v1.0/aws/index.json') return send('index', index);
    const regionIndex = /^\/offers\/v1\.0\/aws\/([A-Za-z0-9]+)\/current\/region_index\.json$/.exec(path);
    if (regionIndex && files.has(regionIndex[1]!)) {
      const code = regionIndex[1]!;
      const regions = Object.fromEntries(
        [...byRegion.keys()].filter((region) => region !== 'us-east-1' || broken.get(code) !== 'no-region').map((region) => [region, { regionCode: region, currentVersionUrl: `/offers/v1.0/aws/${code}/${FAKE_VERSION}/${region}/index.json` }]),
      );
      return send(`${code}/regions`, { formatVersion: 'v1.0', disclaimer: FAKE_DISCLAIMER, publicationDate: FAKE_PUBLISHED, regions });
    }
    if (path === '/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json') {
      const regions = [...byRegion.keys()]
        .filter((region) => region !== 'us-east-1' || broken.get('savingsPlan') !== 'no-region')
        .map((region) => ({ regionCode: region, versionUrl: `/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/${FAKE_VERSION}/${region}/index.json` }));
      return send('savingsPlan/regions', { disclaimer: FAKE_DISCLAIMER, publicationDate: FAKE_PUBLISHED, regions });
    }
    const plan = /^\/savingsPlan\/v1\.0\/aws\/AWSComputeSavingsPlan\/\d+\/([a-z0-9-]+)\/index\.json$/.exec(path);
    if (plan && byRegion.has(plan[1]!)) return send('savingsPlan', byRegion.get(plan[1]!)!.savingsPlan);
    const offer = /^\/offers\/v1\.0\/aws\/([A-Za-z0-9]+)\/(\d+)\/([a-z0-9-]+)\/index\.json$/.exec(path);
    const regionFiles = offer ? byRegion.get(offer[3]!)?.files : undefined;
    if (offer && regionFiles?.has(offer[1]!)) return send(offer[1]!, regionFiles.get(offer[1]!));
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    breakOffer: (offer, how) => broken.set(offer, how),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
