import { formatDuration } from '../format.js';
import type { Trigger } from '../workload.js';
import { LAMBDA_LIMITS } from './lambda-limits.js';
import type { Rule } from './rule.js';

// Where serverless shines: event-driven, short, isolated, early-stage work.

const EVENT_TRIGGERS: Partial<Record<Trigger, string>> = {
  'storage-event': 'an upload (storage event)',
  webhook: 'a webhook',
  schedule: 'a schedule',
  queue: 'a queue',
  stream: 'a stream',
};

// An assumed trigger is never stated as a fact: only a trigger the person named earns these reasons.
export const eventDrivenRule: Rule = ({ workload }) => {
  const source = workload.stated?.trigger === false ? undefined : EVENT_TRIGGERS[workload.trigger];
  return source
    ? [{ rule: 'event-driven', polarity: 'pro', weight: 15, text: `Triggered by ${source}: a function starts per event and costs nothing in between.` }]
    : [];
};

const SHORT_MS = 30_000;

export const shortLivedRule: Rule = ({ workload: { duration, trigger, stated } }) => {
  // An assumed duration is not evidence either way.
  if (stated?.duration === false) return [];
  if (duration.worstMs <= SHORT_MS) {
    return [{ rule: 'short-lived', polarity: 'pro', weight: 10, text: `${formatDuration(duration.worstMs)} per run is short and isolated, far inside Lambda's 900 s limit.` }];
  }
  const background = stated?.trigger !== false && (trigger === 'queue' || trigger === 'schedule' || trigger === 'storage-event' || trigger === 'stream');
  if (background && duration.worstMs <= LAMBDA_LIMITS.timeoutMs * 0.66) {
    return [{ rule: 'background-job', polarity: 'pro', weight: 5, text: `A ${formatDuration(duration.worstMs)} background job fits inside Lambda's 15-minute limit.` }];
  }
  return [];
};

export const prototypeRule: Rule = ({ workload }) =>
  workload.prototype
    ? [{ rule: 'prototype', polarity: 'pro', weight: 10, text: 'A prototype: no servers to run and pay-per-use while the real traffic is unknown.' }]
    : [];
