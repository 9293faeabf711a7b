import { quietAwsSdkNodeWarning, type AwsSettings } from '../../config.js';

// The options every AWS client here is built with. Credentials are left to
// the SDK's default provider chain; only where to look is passed on.

export interface AwsClientOptions {
  region?: string;
  profile?: string;
  endpoint?: string;
  maxAttempts: number;
}

/** Three attempts: the SDK's standard retry backs off on throttling and network errors. */
export const AWS_MAX_ATTEMPTS = 3;

export function clientConfig(settings: AwsSettings, endpoint: string | undefined): AwsClientOptions {
  quietAwsSdkNodeWarning();
  return {
    maxAttempts: AWS_MAX_ATTEMPTS,
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(endpoint ? { endpoint } : {}),
  };
}
