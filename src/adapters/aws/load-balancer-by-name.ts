import type { AwsSettings } from '../../config.js';
import type { MetricsFailure, MetricSource } from '../../core/metrics/metric-types.js';
import { awsFailure, type AwsCall } from './aws-failure.js';
import { clientConfig } from './client-config.js';

// CloudWatch knows an ALB by the end of its ARN (app/<name>/<id>), people by
// its name: DescribeLoadBalancers turns the one into the other. The SDK is
// imported when a measurement runs.

export type ResolvedSource = { ok: true; source: MetricSource } | { ok: false; failure: MetricsFailure };

const DIMENSION = /:loadbalancer\/(.+)$/;

/** The source as CloudWatch names it: an ALB given by name gets its dimension; every other source is returned as it is. */
export async function resolveLoadBalancerName(settings: AwsSettings, source: MetricSource, region: string): Promise<ResolvedSource> {
  if (source.kind !== 'alb' || !source.byName) return { ok: true, source };
  const name = source.loadBalancer;
  const { ElasticLoadBalancingV2Client, DescribeLoadBalancersCommand } = await import('@aws-sdk/client-elastic-load-balancing-v2');
  const elb = new ElasticLoadBalancingV2Client(clientConfig(settings, settings.endpoints.elbv2));
  try {
    const found = (await elb.send(new DescribeLoadBalancersCommand({ Names: [name] }))).LoadBalancers?.[0];
    const dimension = DIMENSION.exec(found?.LoadBalancerArn ?? '')?.[1];
    if (!found || !dimension) return notFound(name, region);
    if (found.Type !== 'application') {
      const what = found.Type === 'network' ? 'a Network Load Balancer' : `a ${found.Type ?? 'non-application'} load balancer`;
      return { ok: false, failure: { code: 'not-found', message: `"${name}" in ${region} is ${what}, not an Application Load Balancer: measure the service behind it instead (from lambda, from apigw or from ecs).` } };
    }
    return { ok: true, source: { kind: 'alb', loadBalancer: dimension } };
  } catch (error) {
    const e = error as { name?: string };
    if (e.name === 'LoadBalancerNotFoundException') return notFound(name, region);
    const call: AwsCall = { action: 'elasticloadbalancing:DescribeLoadBalancers', service: 'Elastic Load Balancing', endpointVariable: 'AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2' };
    return { ok: false, failure: awsFailure(error, call) };
  } finally {
    elb.destroy();
  }
}

function notFound(name: string, region: string): ResolvedSource {
  return { ok: false, failure: { code: 'not-found', message: `There is no load balancer named "${name}" in ${region} for these credentials: check the name and the region.` } };
}
