import { HOURS_PER_MONTH, type Trigger } from '../workload.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { costLine, tableAmount, tierTable, tieredAmount, tieredLines } from './cost-line.js';
import { ALB_RPS_PER_LCU, SQS_REQUESTS_PER_MESSAGE } from './cost-constants.js';
import { isUserFacing, type CostSink } from './cost-model.js';

// What sits in front of the compute: API Gateway or SQS for Lambda; an ALB or
// SQS for servers. Storage events, schedules and streams add no line here.

export function lambdaTriggerLabel(trigger: Trigger): string {
  if (trigger === 'http' || trigger === 'webhook') return ' + API Gateway HTTP API';
  if (trigger === 'websocket') return ' + API Gateway WebSocket';
  if (trigger === 'queue') return ' + SQS';
  return '';
}

export function serverFrontLabel(trigger: Trigger): string {
  if (isUserFacing(trigger)) return ' + ALB';
  if (trigger === 'queue') return ' + SQS';
  return '';
}

function sqsCost(catalog: PricingCatalog, messages: number, sink?: CostSink): number {
  const sqs = catalog.aws.sqs;
  const requests = messages * SQS_REQUESTS_PER_MESSAGE;
  const amount = (requests / 1e6) * sqs.standardRequests.usd;
  if (sink) {
    sink.lines.push(costLine('SQS requests', requests / 1e6, sqs.standardRequests.unit, sqs.standardRequests.usd, 'aws.sqs.standardRequests'));
    const free = Math.min(requests, sqs.freeRequests.quantity);
    sink.freeTier.push(costLine('Free tier: SQS requests', free / 1e6, sqs.standardRequests.unit, -sqs.standardRequests.usd, 'aws.sqs.freeRequests'));
  }
  return amount;
}

/** The gateway or queue in front of Lambda for `requests` a month. */
export function lambdaTriggerCost(catalog: PricingCatalog, trigger: Trigger, requests: number, sink?: CostSink): number {
  const gateway = catalog.aws.apiGateway;
  const millions = requests / 1e6;
  if (trigger === 'http' || trigger === 'webhook') {
    if (sink) sink.lines.push(...tieredLines('API Gateway HTTP API requests', millions, gateway.http, 'aws.apiGateway.http'));
    return tieredAmount(millions, gateway.http);
  }
  if (trigger === 'websocket') {
    if (sink) sink.lines.push(...tieredLines('API Gateway WebSocket messages', millions, gateway.websocketMessages, 'aws.apiGateway.websocketMessages'));
    return tieredAmount(millions, gateway.websocketMessages);
  }
  if (trigger === 'queue') return sqsCost(catalog, requests, sink);
  return 0;
}

/** The load balancer or queue in front of a server fleet. */
export function serverFrontCost(catalog: PricingCatalog, trigger: Trigger, requests: number, sink?: CostSink): number {
  if (isUserFacing(trigger)) {
    const alb = catalog.aws.alb;
    const lcuHours = requests / 3600 / ALB_RPS_PER_LCU;
    if (sink) {
      sink.lines.push(costLine('ALB hours', HOURS_PER_MONTH, alb.hour.unit + 's', alb.hour.usd, 'aws.alb.hour'));
      sink.lines.push(costLine('ALB capacity units', lcuHours, alb.lcuHour.unit + 's', alb.lcuHour.usd, 'aws.alb.lcuHour'));
    }
    return HOURS_PER_MONTH * alb.hour.usd + lcuHours * alb.lcuHour.usd;
  }
  if (trigger === 'queue') return sqsCost(catalog, requests, sink);
  return 0;
}

/**
 * The same prices as lambdaTriggerCost and serverFrontCost, specialised once per
 * workload into a plain function of the monthly requests: the form break-even
 * and the chart call many times.
 */
export function lambdaTriggerPricer(catalog: PricingCatalog, trigger: Trigger): (requests: number) => number {
  const gateway = catalog.aws.apiGateway;
  if (trigger === 'http' || trigger === 'webhook') {
    const table = tierTable(gateway.http);
    return (requests) => tableAmount(requests / 1e6, table);
  }
  if (trigger === 'websocket') {
    const table = tierTable(gateway.websocketMessages);
    return (requests) => tableAmount(requests / 1e6, table);
  }
  if (trigger === 'queue') {
    const perRequest = (SQS_REQUESTS_PER_MESSAGE * catalog.aws.sqs.standardRequests.usd) / 1e6;
    return (requests) => requests * perRequest;
  }
  return () => 0;
}

export function serverFrontPricer(catalog: PricingCatalog, trigger: Trigger): (requests: number) => number {
  if (isUserFacing(trigger)) {
    const fixed = HOURS_PER_MONTH * catalog.aws.alb.hour.usd;
    const perRequest = catalog.aws.alb.lcuHour.usd / 3600 / ALB_RPS_PER_LCU;
    return (requests) => fixed + requests * perRequest;
  }
  if (trigger === 'queue') {
    const perRequest = (SQS_REQUESTS_PER_MESSAGE * catalog.aws.sqs.standardRequests.usd) / 1e6;
    return (requests) => requests * perRequest;
  }
  return () => 0;
}
