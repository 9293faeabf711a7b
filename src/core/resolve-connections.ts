import { formatCountScaled, formatSignificant } from './format.js';
import { averageRps, flatProfile } from './traffic.js';
import type { ResolvedConnections, StateNeed, Traffic, Trigger, WorkloadFacts } from './workload.js';

// A connection-based workload with every gap filled: how long a connection
// stays open and how many messages it carries. When no message rate was given,
// the traffic is derived from the connections; when a total rate was given
// ("50 messages/s"), each connection's share is derived from it.

/** A chat client or a live feed sends or receives about one message a minute when nothing is said. */
const DEFAULT_MESSAGES_PER_MINUTE = 1;
const DEFAULT_SESSION_MINUTES = 30;

export interface ConnectionsResolved {
  value: ResolvedConnections;
  trigger: Trigger;
  state: StateNeed;
  /** Messages as traffic, when the person gave no rate. */
  traffic: Traffic;
  trafficAssumption: string;
  assumptions: string[];
}

export function resolveConnections(facts: WorkloadFacts): ConnectionsResolved | null {
  const told = facts.connections;
  if (!told || !(told.concurrent > 0)) return null;
  const assumptions: string[] = [];
  const sessionMinutes = told.sessionMinutes ?? DEFAULT_SESSION_MINUTES;
  if (told.sessionMinutes === undefined) assumptions.push(`Each connection stays open about ${DEFAULT_SESSION_MINUTES} minutes, then reconnects (no session length was given).`);

  const statedRate = facts.traffic ? (averageRps(facts.traffic.hourly) * 60) / told.concurrent : null;
  const messagesPerMinute = told.messagesPerMinute ?? statedRate ?? DEFAULT_MESSAGES_PER_MINUTE;
  if (told.messagesPerMinute === undefined && statedRate === null) {
    assumptions.push(`Each connection carries ${DEFAULT_MESSAGES_PER_MINUTE} message a minute, sent or received (no message rate was given).`);
  }
  const perSecond = (told.concurrent * messagesPerMinute) / 60;
  const traffic: Traffic = {
    hourly: flatProfile(perSecond * 3600),
    basis: 'steady',
    echo: `${formatCountScaled(told.concurrent)} connections x ${formatSignificant(messagesPerMinute, 3)} message${messagesPerMinute === 1 ? '' : 's'} a minute = ${formatSignificant(perSecond, 3)} messages/s, all day`,
  };
  const kind = told.kind;
  return {
    value: { concurrent: told.concurrent, kind, sessionMinutes, messagesPerMinute },
    trigger: kind === 'sse' || kind === 'long-polling' ? 'http' : 'websocket',
    state: kind === 'websocket' ? 'websocket' : 'long-lived-connection',
    traffic,
    trafficAssumption: `Messages are the traffic: ${traffic.echo}; the connections are taken as open around the clock (the high side if the figure is a peak).`,
    assumptions,
  };
}
