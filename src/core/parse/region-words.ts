import type { Heard } from './parse-result.js';

// Where a workload runs, said the way people say it: "in Frankfurt", "hosted in
// Ireland", "out of Tokyo", "eu-central-1" (codes are read in traits.ts). A
// place becomes the AWS region there; a place named without "in", "from" or
// "region" ("our Tokyo customers") is not read as where it runs.

const PLACES: readonly [RegExp, string][] = [
  [/n(?:orth(?:ern)?)?\.? virginia|virginia/, 'us-east-1'],
  [/ohio/, 'us-east-2'],
  [/n(?:orth(?:ern)?)?\.? california/, 'us-west-1'],
  [/oregon/, 'us-west-2'],
  [/montr[eé]al|canada/, 'ca-central-1'],
  [/s[aã]o paulo|brazil/, 'sa-east-1'],
  [/ireland|dublin/, 'eu-west-1'],
  [/london|uk|united kingdom/, 'eu-west-2'],
  [/paris|france/, 'eu-west-3'],
  [/frankfurt|germany/, 'eu-central-1'],
  [/stockholm|sweden/, 'eu-north-1'],
  [/milan|italy/, 'eu-south-1'],
  [/tokyo|japan/, 'ap-northeast-1'],
  [/seoul|korea/, 'ap-northeast-2'],
  [/singapore/, 'ap-southeast-1'],
  [/sydney|australia/, 'ap-southeast-2'],
  [/mumbai|india/, 'ap-south-1'],
  [/hong kong/, 'ap-east-1'],
];

// Each place anchored at the start of the words after a lead, compiled once.
const ANCHORED: readonly [RegExp, string][] = PLACES.map(([place, region]) => [new RegExp(`^(?:${place.source})\\b`), region]);

const LEAD = /\b(?:in|from|out of|hosted in|running in|runs in|deployed (?:in|to)|region(?: is|:)?|based in)(?: the)? (?:aws )?/g;

export function readRegionWords(text: string): { region: string; heard: Heard } | null {
  if (!/\b(?:in|from|out of|region|based|deployed|hosted)\b/.test(text)) return null;
  LEAD.lastIndex = 0;
  for (let m = LEAD.exec(text); m !== null; m = LEAD.exec(text)) {
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 24);
    for (const [place, region] of ANCHORED) {
      const found = place.exec(rest);
      if (found) return { region, heard: { field: 'region', text: `${region} (from "${found[0]}")` } };
    }
  }
  return null;
}
