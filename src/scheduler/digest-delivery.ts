import type { Digest } from '../core/digest/digest-types.js';
import type { DigestDeliverer, DigestDeliveryResult } from './digest-scheduler.js';

// Routes a scheduled digest to the platform its subscription was made on.
// Platforms are passed in by what they can do, so the scheduler never imports one.

export interface DigestPoster {
  /** The platform name subscriptions carry. */
  name: string;
  postDigest(channel: string, digest: Digest): Promise<DigestDeliveryResult>;
}

export function createDigestDelivery(posters: readonly DigestPoster[]): DigestDeliverer {
  return async (subscription, digest) => {
    const poster = posters.find((p) => p.name === subscription.platform);
    if (!poster) return { ok: false, reason: `${subscription.platform} is not connected in this process` };
    return poster.postDigest(subscription.channel, digest);
  };
}
