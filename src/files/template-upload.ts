import type { AdvisorEvent } from '../core/advisor-types.js';
import { binaryMessage, readTemplate } from '../core/templates/read-template.js';
import { displayName, fileNotFetched, offerTemplateFile, type Notice } from '../core/templates/template-offer.js';
import type { HclParser } from '../core/templates/template-types.js';
import { parseHcl as wasmParseHcl } from '../templates/parse-hcl.js';
import type { Download } from './bounded-download.js';

// A template file shared in a chat thread, the same on every platform: the
// core says whether to fetch it and how much, the platform fetches it (its
// own host, its own credentials), and the text is read here into the event
// the review imports. What cannot be read ends as one private sentence.

export interface SharedFile {
  name: string;
  /** Size as the platform states it; null when it did not say. */
  bytes: number | null;
}

export type TemplateTurn =
  /** Hand `event` to the advisor in the review's thread. */
  | { kind: 'turn'; event: Extract<AdvisorEvent, { kind: 'template' }> }
  /** Nothing to import: tell whoever shared it `reply`, privately where the platform can. */
  | { kind: 'refused'; reply: Notice };

export async function readSharedTemplate(file: SharedFile, fetchFile: (maxBytes: number) => Promise<Download>, parseHcl: HclParser = wasmParseHcl): Promise<TemplateTurn> {
  const offer = offerTemplateFile(file);
  if (offer.kind === 'refuse') return { kind: 'refused', reply: offer.reply };
  const name = displayName(file.name);
  const download = await fetchFile(offer.maxBytes);
  if (!download.ok) return { kind: 'refused', reply: fileNotFetched(name, download.why) };
  const text = utf8(download.bytes);
  if (text === null) return { kind: 'refused', reply: notice(`${binaryMessage(name)} Nothing was imported.`) };
  const read = await readTemplate({ fileName: name, text }, parseHcl);
  if (!read.ok) return { kind: 'refused', reply: notice(`${read.error.message} Nothing was imported.`) };
  return { kind: 'turn', event: { kind: 'template', file: name, read } };
}

/** The text, or null when the bytes are not UTF-8 (an archive, an image, a compiled file). */
function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

function notice(text: string): Notice {
  return { kind: 'notice', conversationId: null, level: 'error', text };
}
