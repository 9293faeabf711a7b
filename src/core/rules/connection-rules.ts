import type { Reason } from '../assessment.js';
import { CONNECTIONS_PER_VCPU } from '../cost/cost-constants.js';
import type { PlatformCost } from '../cost/cost-types.js';
import { formatCountScaled, formatUsdRounded } from '../format.js';
import type { ConnectionKind } from '../workload.js';
import { platformName } from './platform-pick.js';
import type { Rule } from './rule.js';

// Connection-based work (WebSockets, server-sent events, long polling, game
// sessions, devices) is priced by connections and messages, never by session
// length x rate. Functions pay per connection-minute and per message; servers
// hold thousands of idle connections per vCPU.

/** API Gateway closes a WebSocket after this long (docs: WebSocket quotas). */
const API_GATEWAY_MAX_SESSION_MINUTES = 120;

const WHY: Record<ConnectionKind, { weight: number; text: string }> = {
  websocket: { weight: 35, text: 'a function runs per message and keeps nothing between them, so every connection\'s state lives in a database' },
  sse: {
    weight: 45,
    text: 'server-sent events hold an HTTP response open per viewer, which a function cannot do past one invocation (Lambda response streaming stops at 15 minutes and bills every open second); serverless means rewriting the feed for API Gateway WebSocket',
  },
  'long-polling': { weight: 40, text: 'each long poll holds a request open while it waits, which on functions is billed as compute for every waiting second' },
  game: { weight: 50, text: 'a game session keeps its state in memory and ticks between messages, and a function keeps nothing between invocations' },
  device: { weight: 35, text: 'devices hold TCP/MQTT connections that a function cannot keep (AWS IoT Core is the managed way; not priced here)' },
};

function amount(c: PlatformCost | undefined, ref: string): number {
  let total = 0;
  for (const line of c?.lines ?? []) if (line.priceRef.startsWith(ref)) total += line.amountUsd;
  return total;
}

export const connectionRule: Rule = ({ workload, cost, picks }) => {
  const c = workload.connections;
  const figures = cost.connections;
  if (!c || !figures) return [];
  const lambda = cost.costs.find((x) => x.platform === 'aws-lambda' && x.available);
  const server = picks.servers;
  const why = WHY[c.kind];
  const functions = lambda?.monthlyUsd != null
    ? ` On functions that is ${formatCountScaled(figures.connectionMinutesPerMonth)} connection-minutes (${formatUsdRounded(amount(lambda, 'aws.apiGateway.websocketConnectionMinutes'))}) and ${formatCountScaled(figures.messagesPerMonth)} messages (${formatUsdRounded(amount(lambda, 'aws.apiGateway.websocketMessages'))}) through API Gateway WebSocket plus a Lambda call per message: ${formatUsdRounded(lambda.monthlyUsd)} a month`
    : '';
  const servers = server?.monthlyUsd != null ? `${functions ? ', against' : ' Servers:'} ${formatUsdRounded(server.monthlyUsd)} on ${platformName(server, workload)}, which holds ${formatCountScaled(CONNECTIONS_PER_VCPU)} connections per vCPU` : '';
  const reconnect = c.kind === 'websocket' && c.sessionMinutes > API_GATEWAY_MAX_SESSION_MINUTES ? ' API Gateway also closes every WebSocket after 2 hours, so clients must reconnect.' : '';
  const reason: Reason = {
    rule: 'connections',
    polarity: 'con',
    weight: why.weight,
    text: `${formatCountScaled(c.concurrent)} clients connected at once: ${why.text}.${functions}${servers}${functions || servers ? '.' : ''}${reconnect}`,
  };
  return [reason];
};
