import type { DigestCommandReply, DigestCommandRequest, DigestService } from '../digest/digest-service.js';
import { notSetUpText } from './answers.js';

// `/serverless-fit digest ...` once the dispatch has read it: the digest
// service's answer, or, in a deployment that runs no digests, the same
// "not set up" answer on every platform.

export async function answerDigest(digests: Pick<DigestService, 'command'> | undefined, request: DigestCommandRequest): Promise<DigestCommandReply> {
  if (!digests) return { kind: 'notice', level: 'warning', text: notSetUpText('digests') };
  return digests.command(request);
}
