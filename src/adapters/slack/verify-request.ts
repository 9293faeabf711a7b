import { createHmac, timingSafeEqual } from 'node:crypto';

// Slack's v0 request signature: HMAC-SHA256 of `v0:<timestamp>:<body>` with
// the signing secret. A timestamp more than five minutes off in either
// direction is refused: an old one is a replay, one from the future is a
// request signed to be replayed later. Pure; the clock is passed in.

export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export type Verification = { ok: true } | { ok: false; reason: 'unsigned' | 'stale' | 'future' | 'forged' };

export interface SignedRequest {
  signingSecret: string;
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
  nowSeconds: number;
}

export function verifySlackRequest(request: SignedRequest): Verification {
  const { signature, timestamp } = request;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'unsigned' };
  const skew = request.nowSeconds - Number(timestamp);
  if (skew > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'stale' };
  if (skew < -MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'future' };
  const expected = `v0=${createHmac('sha256', request.signingSecret).update(`v0:${timestamp}:`).update(request.body).digest('hex')}`;
  const given = Buffer.from(signature);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted) ? { ok: true } : { ok: false, reason: 'forged' };
}
