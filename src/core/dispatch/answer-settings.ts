import type { Reply } from '../advisor-types.js';
import type { ConversationKey } from '../conversation.js';
import { readRegionWords } from '../parse/region-words.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { catalogRegion } from '../pricing/catalog-region.js';
import { selectRegion } from '../pricing/select-region.js';
import type { WorkspaceSettingsStore } from '../ports.js';
import { notSetUp, privateNotice } from './answers.js';
import { answerCommitmentSetting, readCommitmentSettingWords, type CommitmentSettingWords } from './commitment-settings.js';

// `/serverless-fit settings region [<region> | clear]` and `settings
// commitment [<words> | clear]`, the same on every platform: show, set or
// clear the region a workspace's assessments are priced in, and the
// commitment they are priced with, when their words and template name none.

const AWS_CODE = /^[a-z]{2}(?:-gov)?-[a-z]+-\d$/;
const CLEAR = /^(?:clear|none|reset|unset|off|default)$/;
const EXAMPLE = '`/serverless-fit settings region eu-central-1`';

export type SettingsWords =
  | { kind: 'show' }
  | { kind: 'clear' }
  | { kind: 'set'; region: string }
  | { kind: 'not-a-region'; words: string }
  | { kind: 'unknown'; words: string }
  | CommitmentSettingWords;

const COMMITMENT = /^(?:commitments?|commit|savings plans?|reserved instances|ris?)\b:?\s*/;

/** "region eu-central-1", "region Frankfurt", "region clear", "region", "commitment 3yr RI", "" -> what to do. */
export function readSettingsWords(text: string): SettingsWords {
  const words = text.replace(/\s+/g, ' ').trim().toLowerCase();
  if (words === '' || words === 'region') return { kind: 'show' };
  const commitment = COMMITMENT.exec(words);
  if (commitment) {
    // "settings savings plan 1yr" names the setting by its value: read the whole of it.
    const named = /^commit/.test(commitment[0]);
    const typed = text.replace(/\s+/g, ' ').trim();
    return readCommitmentSettingWords(named ? words.slice(commitment[0].length) : words, named ? typed.slice(commitment[0].trimEnd().length).trim() : typed);
  }
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
    case 'commitment-show':
    case 'commitment-clear':
    case 'commitment-set':
    case 'commitment-spot':
    case 'not-a-commitment':
      return answerCommitmentSetting(words, { ...context, settings });
    case 'unknown':
      return privateNotice(
        `The settings here are the default region and the standing commitment ("${words.words}" is neither). Try ${EXAMPLE} or \`/serverless-fit settings commitment 1yr compute savings plan\`; \`/serverless-fit settings region\` shows one.`,
      );
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
