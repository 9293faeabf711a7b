import { formatMb } from '../format.js';
import { rangeSource, readRange } from './numbers.js';
import type { Claims } from './spans.js';
import { after, before, clauseBounds, hasDigit, quote, scanFigures } from './text.js';

// Sizes: "512MB", "1.5 GB of RAM" (memory), "a 3 GB model", "250 MB of
// dependencies" (package). 1 GB = 1024 MB. The words next to a size decide what
// it is; a size of a file or payload ("5 MB images") is neither and is left alone.

export interface SizesRead {
  memoryMb: number | null;
  packageMb: number | null;
  /** A model's size: it is loaded into memory, so it sets the memory floor too. */
  modelMb: number | null;
  heard: { field: 'memoryMb' | 'packageMb'; text: string }[];
  unread: string[];
}

/** More memory or package than any machine holds is a slip, not a workload. */
const MAX_MB = 1024 * 1024;

const SIZE = new RegExp(
  `${rangeSource('z', false)} ?(?<u>kb|kib|kilobytes?|mb|mib|megs?|megabytes?|gb|gib|gigs?|gigabytes?|tb|tib|terabytes?` +
    // "1.5G", "512M RAM": a bare letter only where it can only be a size.
    `|g(?=$| ?(?:[,;.)]|of |ram\\b|memory\\b|mem\\b|heap\\b|and\\b|for\\b|per\\b|each\\b))|m(?= ?(?:of )?(?:ram|memory|mem|heap)\\b))(?![a-z])`,
  'y',
);
const MEMORY = /\b(?:ram|memory|mem|heap)\b/;
const MODEL = /\b(?:models?|weights|checkpoints?|llm|embeddings? (?:model|index))\b/;
const PACKAGE =
  /\b(?:models?|weights|checkpoints?|llm|dependenc(?:y|ies)|deps|packages?|bundles?|(?:docker|container) images?|layers?|librar(?:y|ies)|binar(?:y|ies)|artifacts?|zip(?:ped)?|node_modules|jars?|code|runtime|chromium|headless chrome|puppeteer|playwright|ffmpeg binary)\b/;
const PAYLOAD =
  /\b(?:files?|uploads?|images?|videos?|photos?|pictures?|payloads?|bod(?:y|ies)|documents?|pdfs?|csvs?|objects?|records?|attachments?|messages?|datasets?|data|disk|storage|ephemeral|tmp|databases?|db|tables?|logs?|each|per)\b/;

// Before a size, only a payload noun right next to it counts ("files up to 20 MB");
// "resize 5 MB images with 1 GB" is about memory.
const PAYLOAD_BEFORE =
  /\b(?:files?|uploads?|images?|videos?|photos?|payloads?|bod(?:y|ies)|documents?|objects?|messages?|attachments?) (?:of |up to |around |about |under |over |at most |<)?~?$/;

type Kind = 'memory' | 'model' | 'package' | 'payload';

function classify(near: string, payload: RegExp): Kind | null {
  if (MEMORY.test(near)) return 'memory';
  if (MODEL.test(near)) return 'model';
  if (PACKAGE.test(near)) return 'package';
  if (payload.test(near)) return 'payload';
  return null;
}

function unitMb(unit: string): number {
  if (unit.startsWith('k')) return 1 / 1024;
  if (unit.startsWith('g')) return 1024;
  if (unit.startsWith('t')) return 1024 * 1024;
  return 1;
}

export function readSizes(text: string, claims: Claims): SizesRead {
  const bounds = clauseBounds(text);
  const result: SizesRead = { memoryMb: null, packageMb: null, modelMb: null, heard: [], unread: [] };
  if (!hasDigit(text)) return result;
  for (const m of scanFigures(SIZE, text)) {
    const start = m.index;
    const end = start + m[0].length;
    const range = readRange(m.groups, 'zlo', 'zhi');
    if (!range || claims.overlaps(start, end) || !(range.high > 0)) continue;
    claims.claim(start, end);
    // The words right after a size say most ("3 GB model", "1.5 GB of RAM"); then the words before ("needs 4GB").
    const next = after(text, bounds, end, 24).split(/\d/)[0] ?? '';
    const prev = before(text, bounds, start, 24).split(/\d/).pop() ?? '';
    const kind = classify(next, PAYLOAD) ?? classify(prev, PAYLOAD_BEFORE) ?? 'memory';
    const mb = range.high * unitMb(m.groups?.u ?? 'mb');
    if (mb > MAX_MB && kind !== 'payload') {
      result.unread.push(`I could not use "${quote(m[0])}": more than a terabyte for one run is beyond any real workload; check the unit.`);
      continue;
    }
    if (kind === 'model' && result.modelMb === null) {
      result.modelMb = mb;
      if (result.packageMb === null) {
        result.packageMb = mb;
        result.heard.push({ field: 'packageMb', text: `${formatMb(mb)} model (loaded into memory, so it sets the memory too)` });
      }
    } else if (kind === 'memory' && result.memoryMb === null) {
      result.memoryMb = mb;
      result.heard.push({ field: 'memoryMb', text: formatMb(mb) });
    } else if (kind === 'package' && result.packageMb === null) {
      result.packageMb = mb;
      result.heard.push({ field: 'packageMb', text: `${formatMb(mb)} of code, dependencies and models` });
    }
  }
  return result;
}
