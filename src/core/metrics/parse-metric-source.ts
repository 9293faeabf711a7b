import type { MetricSource } from './metric-types.js';

// "lambda:resize-images", "apigw:a1b2c3d4e5/prod", "alb:web" (a name, looked up
// by the adapter), "alb:app/web/50dc6c495c0c9188", "sqs:orders", "ecs:prod/web"
// -> a source, or one sentence saying what is expected.

export type SourceParse = { ok: true; source: MetricSource } | { ok: false; error: string };

const EXPECTED = 'lambda:<function-name>, apigw:<api-id or REST API name>/<stage>, alb:<load-balancer-name>, sqs:<queue-name> or ecs:<cluster>/<service>';
const LAMBDA_NAME = /^(?:arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:)?[A-Za-z0-9_-]{1,64}(?::[A-Za-z0-9$_-]{1,128})?$/;
/** An HTTP API's id (10 characters) or a REST API's name: CloudWatch names REST APIs by name. */
const API = /^[A-Za-z0-9._-]{1,128}$/;
const STAGE = /^[A-Za-z0-9_$-]{1,128}$/;
const ALB = /^app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/;
/** A load balancer's name: up to 32 letters, digits and hyphens, not starting or ending with a hyphen. */
const ALB_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;
const ALB_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/(app\/[^/]+\/[0-9a-f]+)$/;
const QUEUE = /^[A-Za-z0-9_-]{1,80}(?:\.fifo)?$/;
/** ECS cluster and service names: letters, digits, - and _ (up to 255). */
const ECS_NAME = /^[A-Za-z0-9_-]{1,255}$/;

export function parseMetricSource(text: string): SourceParse {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  const kind = colon < 0 ? '' : trimmed.slice(0, colon).toLowerCase();
  const rest = colon < 0 ? '' : trimmed.slice(colon + 1);
  const shown = trimmed.length > 80 ? `${trimmed.slice(0, 77)}...` : trimmed;
  switch (kind) {
    case 'lambda':
      return LAMBDA_NAME.test(rest)
        ? { ok: true, source: { kind: 'lambda', functionName: rest } }
        : { ok: false, error: `"${shown}" is not a Lambda function name: use letters, digits, - and _ (up to 64), or the function's ARN.` };
    case 'apigw': {
      const [apiId = '', stage = '', ...extra] = rest.split('/');
      return API.test(apiId) && STAGE.test(stage) && extra.length === 0
        ? { ok: true, source: { kind: 'apigw', apiId, stage } }
        : { ok: false, error: `"${shown}" is not an API Gateway stage: use apigw:<api-id>/<stage> for an HTTP API (the 10 characters in its invoke URL) or apigw:<api-name>/<stage> for a REST API, e.g. apigw:a1b2c3d4e5/prod.` };
    }
    case 'alb': {
      const dimension = ALB_ARN.exec(rest)?.[1] ?? rest;
      if (ALB.test(dimension)) return { ok: true, source: { kind: 'alb', loadBalancer: dimension } };
      if (ALB_NAME.test(rest)) return { ok: true, source: { kind: 'alb', loadBalancer: rest, byName: true } };
      return { ok: false, error: `"${shown}" is not a load balancer: use alb:<name> (up to 32 letters, digits and hyphens), alb:app/<name>/<id> or its ARN.` };
    }
    case 'sqs':
      return QUEUE.test(rest)
        ? { ok: true, source: { kind: 'sqs', queueName: rest } }
        : { ok: false, error: `"${shown}" is not an SQS queue name: letters, digits, - and _ (up to 80), optionally ending in .fifo.` };
    case 'ecs': {
      const [cluster = '', service = '', ...extra] = rest.split('/');
      return ECS_NAME.test(cluster) && ECS_NAME.test(service) && extra.length === 0
        ? { ok: true, source: { kind: 'ecs', cluster, service } }
        : { ok: false, error: `"${shown}" is not an ECS service: use ecs:<cluster>/<service> with their names (letters, digits, - and _), e.g. ecs:prod/web.` };
    }
    default:
      return { ok: false, error: `"${shown}" is not a source to measure: use ${EXPECTED}.` };
  }
}
