import type { AwsSettings } from '../../config.js';
import type { MetricsResult, ServiceSettings } from '../../core/metrics/metric-types.js';
import { awsFailure, type AwsCall } from './aws-failure.js';
import { clientConfig } from './client-config.js';

// An ECS service's size, read with DescribeServices and DescribeTaskDefinition:
// the task-level CPU and memory, the architecture, where the tasks run and how
// many the service wants. The SDK is imported when a measurement runs.

export type ServiceSettingsResult = { ok: true; settings: ServiceSettings } | { ok: false; result: MetricsResult };

const X86_DEFAULT = 'x86';

export async function readServiceSettings(settings: AwsSettings, cluster: string, service: string, region: string): Promise<ServiceSettingsResult> {
  const { ECSClient, DescribeServicesCommand, DescribeTaskDefinitionCommand } = await import('@aws-sdk/client-ecs');
  const ecs = new ECSClient(clientConfig(settings, settings.endpoints.ecs));
  const notFound = `There is no ECS service "${service}" in cluster "${cluster}" in ${region} for these credentials`;
  const failed = (error: unknown, action: string): ServiceSettingsResult => {
    const call: AwsCall = { action, service: 'ECS', endpointVariable: 'AWS_ENDPOINT_URL_ECS', notFound };
    return { ok: false, result: { ok: false, failure: awsFailure(error, call) } };
  };
  try {
    let found;
    try {
      const answer = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
      found = answer.services?.find((s) => s.status !== 'INACTIVE');
    } catch (error) {
      return failed(error, 'ecs:DescribeServices');
    }
    // A missing service is not an error to ECS: it comes back under `failures`, reason MISSING.
    if (!found?.taskDefinition) return { ok: false, result: { ok: false, failure: { code: 'not-found', message: `${notFound}: check the names and the region.` } } };
    let definition;
    try {
      definition = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: found.taskDefinition }))).taskDefinition;
    } catch (error) {
      return failed(error, 'ecs:DescribeTaskDefinition');
    }
    const cpuUnits = Number(definition?.cpu ?? 0);
    const memoryMb = Number(definition?.memory ?? 0);
    if (!definition || !(cpuUnits > 0) || !(memoryMb > 0)) {
      const message = `${found.serviceName ?? service}'s task definition sets no task-level CPU and memory, so its size cannot be read: give the task definition a cpu and memory (Fargate requires both).`;
      return { ok: false, result: { ok: false, failure: { code: 'no-data', message } } };
    }
    return {
      ok: true,
      settings: {
        taskDefinition: `${definition.family ?? 'task'}:${definition.revision ?? '?'}`,
        cpuUnits,
        memoryMb,
        architecture: definition.runtimePlatform?.cpuArchitecture === 'ARM64' ? 'arm' : X86_DEFAULT,
        launchType: launchTypeOf(found.launchType, found.capacityProviderStrategy?.map((s) => s.capacityProvider ?? '')),
        desiredCount: found.desiredCount ?? 0,
      },
    };
  } finally {
    ecs.destroy();
  }
}

/** FARGATE (or a FARGATE/FARGATE_SPOT capacity-provider strategy) is priced per task; EC2 is priced by its instances. */
function launchTypeOf(launchType: string | undefined, providers: string[] | undefined): ServiceSettings['launchType'] {
  if (launchType === 'FARGATE' || (!launchType && providers?.length && providers.every((p) => p.startsWith('FARGATE')))) return 'fargate';
  if (launchType === 'EC2' || providers?.length) return 'ec2';
  return 'other';
}
