import type { Reply } from '../advisor-types.js';
import { MAX_TEMPLATE_BYTES, tooLargeMessage } from './template-size.js';

// A file shared in a chat thread, before a byte of it is fetched: whether it
// is worth downloading as a template, and how much of it may be read. The
// chat layer downloads only what this allows and hands the text to
// `readTemplate`, then the review imports what was read.

export interface OfferedFile {
  name: string;
  /** Its size as the platform states it; null when the platform did not say. */
  bytes: number | null;
}

export type FileOffer =
  /** Download it, stopping at `maxBytes`. */
  | { kind: 'fetch'; maxBytes: number }
  /** Do not download it; tell whoever shared it `reply` privately. */
  | { kind: 'refuse'; reply: Notice };

/** What a refusal is: a private notice. */
export type Notice = Extract<Reply, { kind: 'notice' }>;

const TEMPLATE_NAME = /\.(ya?ml|json|tf|template)$/i;
const FORMATS_SENTENCE = 'a serverless.yml, SAM/CloudFormation (.yaml, .json), CDK (cdk.out/*.template.json) or Terraform (.tf) template';

export function offerTemplateFile(file: OfferedFile): FileOffer {
  const name = displayName(file.name);
  if (!TEMPLATE_NAME.test(name)) return { kind: 'refuse', reply: refusal(`${name} is not ${FORMATS_SENTENCE}, so it was not read; nothing was imported.`) };
  if (file.bytes !== null && file.bytes > MAX_TEMPLATE_BYTES) return { kind: 'refuse', reply: refusal(`${tooLargeMessage(name, file.bytes)} Nothing was imported.`) };
  return { kind: 'fetch', maxBytes: MAX_TEMPLATE_BYTES };
}

/** The download stopped or failed: `why` says where, e.g. "it is over 1 MB" or "the file host answered 404". */
export function fileNotFetched(name: string, why: string): Notice {
  return refusal(`${displayName(name)} could not be read: ${why}. Nothing was imported.`);
}

/** A template shared where no design review lives. */
export function templateOutsideReview(name: string): Notice {
  return refusal(`${displayName(name)} was not imported: templates are read in a design review's thread. Open one with /serverless-fit review <system name>, then share the file there.`);
}

/** A file's own name, never a path, and short enough for one sentence. */
export function displayName(name: string): string {
  // eslint-disable-next-line no-control-regex -- a shared file's name may carry control characters; they are dropped before it is echoed
  const base = name.split(/[\\/]/).pop()?.replace(/[\u0000-\u001f<>`*_~|]/g, '') ?? '';
  const trimmed = base.trim() || 'The file';
  return trimmed.length <= 80 ? trimmed : `${trimmed.slice(0, 79)}…`;
}

function refusal(text: string): Notice {
  return { kind: 'notice', conversationId: null, level: 'error', text };
}
