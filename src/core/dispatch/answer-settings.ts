import type { Reply } from '../advisor-types.js';
import type { ConversationKey } from '../conversation.js';
import { readRegionWords } from '../parse/region-words.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { catalogRegion } from '../pricing/catalog-region.js';
import { selectRegion } from '../pricing/select-region.js';
import type { WorkspaceSettingsStore } from '../ports.js';
import { notSetUp, privateNotice } from './answers.js';

// `/serverless-fit settings region [<region> | clear]`, the same on every
// platform: show, set or clear the region a workspace's assessments are
// priced in when their words and template name none.

const AWS_CODE = /^[a-z]{2}(?:-gov)?-[a-z]+-\d$/;
const CLEAR = /^(?:clear|none|reset|unset|off|default)$/;
const EXAMPLE = '`/serverless-fit settings region eu-central-1`';

export type SettingsWords = { kind: 'show' } | { kind: 'clear' } | { kind: 'set'; region: string } | { kind: 'not-a-region'; words: string } | { kind: 'unknown'; words: string };

/** "region eu-central-1", "region Frankfurt", "region clear", "region", "" -> what to do. */
export function readSettingsWords(text: string): SettingsWords {
  const words = text.replace(/\s+/g, ' ').trim().toLowerCase();
  if (words === '' || words === 'region') return { kind: 'show' };
  const region = /^region:?\s+(.+)$/.exec(words)?.[1]?.replace(/[.!]$/, '').trim();
  if (region === undefined) return { kind: 'unknown', words: text.trim() };
  if (CLEAR.test(region)) return { kind: 'clear' };
  if (AWS_CODE.test(region)) return { kind: 'set', region };
  const place = readRegionWords(`in ${region}`);
  return place && place.heard.text.endsWith(`"${region}")`) ? { kind: 'set', region: place.region } : { kind: 'not-a-region', words: text.trim().slice('region'.length).trim() };
}

function named(catalog: PricingCatalog, code: string): string {
  const name = catalog.regions?.aws[code]?.name;
  return name ? `${code} (${name})` : code;
}

export interface SettingsContext {
  settings: WorkspaceSettingsStore | undefined;
  catalog: PricingCatalog;
  key: ConversationKey;
  actor: string;
  now: string;
}

export async function answerSettings(text: string, context: SettingsContext): Promise<Reply> {
  const { settings, catalog, key } = context;
  if (!settings) return notSetUp('settings');
  const words = readSettingsWords(text);
  const home = catalogRegion(catalog);
  switch (words.kind) {
    case 'unknown':
      return privateNotice(`The one setting here is the default region ("${words.words}" is not one). Try ${EXAMPLE}, or \`/serverless-fit settings region\` to see it.`);
    case 'not-a-region':
      return privateNotice(`"${words.words}" is not a region I know. Give an AWS region code such as eu-central-1, or a place such as Frankfurt; ${EXAMPLE}.`);
    case 'show': {
      const region = (await settings.get(key.platform, key.workspace))?.region ?? null;
      return privateNotice(
        region
          ? `This workspace's default region is ${named(catalog, region)}: assessments that name no region are priced there. Change it with ${EXAMPLE}, or \`/serverless-fit settings region clear\`.`
          : `No default region is set for this workspace: assessments that name no region are priced in ${named(catalog, home)}. Set one with ${EXAMPLE}.`,
        'info',
      );
    }
    case 'clear':
      await settings.setRegion(key.platform, key.workspace, null, context.actor, context.now);
      return privateNotice(`Default region cleared: assessments that name no region are priced in ${named(catalog, home)} again.`, 'info');
    case 'set': {
      await settings.setRegion(key.platform, key.workspace, words.region, context.actor, context.now);
      const priced = selectRegion(catalog, words.region, 'workspace').pricing;
      const gap = priced.fallback
        ? ` Catalog ${catalog.version} has no AWS prices there yet, so those assessments use ${named(catalog, priced.priced)} prices and say so; \`serverless-fit pricing refresh --region ${words.region}\` fetches them.`
        : '';
      return privateNotice(`This workspace's default region is now ${named(catalog, words.region)}: assessments that name no region are priced there (a region in the words or a template still comes first).${gap}`, 'info');
    }
  }
}
