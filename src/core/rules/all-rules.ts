import { connectionRule } from './connection-rules.js';
import { coldStartRule } from './cold-start-rules.js';
import { edgeRule, gpuRule, lockInRule } from './constraint-rules.js';
import { apiGatewayTimeoutRule, memoryLimitRule, packageSizeRule, timeoutRule } from './limit-rules.js';
import { eventDrivenRule, prototypeRule, shortLivedRule } from './positive-rules.js';
import type { Rule } from './rule.js';
import { stateRule } from './state-rules.js';
import { lowVolumeRule, spikeRule, steadyTrafficRule, variableTrafficRule } from './traffic-rules.js';

/** Every rule, hard limits first; reasons keep this order within a polarity. */
export const ALL_RULES: readonly Rule[] = [
  gpuRule,
  timeoutRule,
  memoryLimitRule,
  packageSizeRule,
  apiGatewayTimeoutRule,
  connectionRule,
  stateRule,
  coldStartRule,
  lockInRule,
  edgeRule,
  steadyTrafficRule,
  eventDrivenRule,
  variableTrafficRule,
  spikeRule,
  lowVolumeRule,
  shortLivedRule,
  prototypeRule,
];
