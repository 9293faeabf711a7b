import { apiGatewayTimeoutRule, memoryLimitRule, packageSizeRule, timeoutRule } from './limit-rules.js';
import { eventDrivenRule, prototypeRule, shortLivedRule } from './positive-rules.js';
import type { Rule } from './rule.js';
import { latencyRule, stateRule } from './state-rules.js';
import { lowVolumeRule, steadyTrafficRule, variableTrafficRule } from './traffic-rules.js';

/** Every rule, hard limits first; reasons keep this order within a polarity. */
export const ALL_RULES: readonly Rule[] = [
  timeoutRule,
  memoryLimitRule,
  packageSizeRule,
  apiGatewayTimeoutRule,
  stateRule,
  latencyRule,
  steadyTrafficRule,
  eventDrivenRule,
  variableTrafficRule,
  lowVolumeRule,
  shortLivedRule,
  prototypeRule,
];
