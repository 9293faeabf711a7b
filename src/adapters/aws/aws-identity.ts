import type { AwsSettings } from '../../config.js';
import type { MetricsFailure } from '../../core/metrics/metric-types.js';
import { awsFailure } from './aws-failure.js';
import { clientConfig } from './client-config.js';

// Who the default credential chain resolves to (sts:GetCallerIdentity), for
// `doctor`. Shows the account, the principal's ARN and the region; never a key.

/** `region` is null when neither the settings nor the profile name one. */
export type AwsIdentity = { ok: true; account: string; arn: string; region: string | null } | { ok: false; failure: MetricsFailure };

/** STS answers in every region; without one configured, its us-east-1 endpoint still says who the credentials are. */
const FALLBACK_STS_REGION = 'us-east-1';

export async function awsIdentity(settings: AwsSettings): Promise<AwsIdentity> {
  try {
    const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    const options = clientConfig(settings, settings.endpoints.sts);
    const probe = new STSClient(options);
    const region = await probe.config.region().catch(() => null);
    const sts = region ? probe : new STSClient({ ...options, region: FALLBACK_STS_REGION });
    try {
      const who = await sts.send(new GetCallerIdentityCommand({}));
      return { ok: true, account: who.Account ?? '?', arn: who.Arn ?? '?', region };
    } finally {
      probe.destroy();
      sts.destroy();
    }
  } catch (error) {
    return { ok: false, failure: awsFailure(error, { action: 'sts:GetCallerIdentity', service: 'STS', endpointVariable: 'AWS_ENDPOINT_URL_STS' }) };
  }
}
