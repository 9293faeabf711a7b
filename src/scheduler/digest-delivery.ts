import type { Digest } from '../core/digest/digest-types.js';
import type { DigestDeliverer, DigestDeliveryResult } from './digest-scheduler.js';

// Routes a scheduled digest to the adapter of its subscription's platform.
// Adapters are passed in by what they can do, so the scheduler never imports one.

export interface DigestPoster {
  postDigest(channel: string, digest: Digest): Promise<DigestDeliveryResult>;
}

export function createDigestDelivery(posters: { slack?: DigestPoster | null; discord?: DigestPoster | null }): DigestDeliverer {
  return async (subscription, digest) => {
    const poster = subscription.platform === 'slack' ? posters.slack : subscription.platform === 'discord' ? posters.discord : null;
    if (!poster) return { ok: false, reason: `${subscription.platform} is not connected in this process` };
    return poster.postDigest(subscription.channel, digest);
  };
}
