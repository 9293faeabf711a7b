import type { MetricsFailure } from '../../core/metrics/metric-types.js';

// An AWS SDK error -> one sentence for the person. The SDK has already
// retried throttling and network blips by the time an error lands here.
// Messages name the IAM action or the variable to fix and never echo a
// credential (SDK error messages carry none; we add none).

const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'ProvisionedThroughputExceededException']);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess', 'AuthorizationError']);
const REJECTED = new Set(['ExpiredToken', 'ExpiredTokenException', 'InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'InvalidSignatureException', 'IncompleteSignature']);
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'TimeoutError']);

export interface AwsCall {
  /** The IAM action, e.g. cloudwatch:GetMetricData. */
  action: string;
  /** "CloudWatch", for network failures. */
  service: string;
  /** The variable that overrides this service's endpoint. */
  endpointVariable: string;
  /** Said when the resource does not exist, e.g. 'There is no Lambda function "x" in eu-west-1'. */
  notFound?: string;
}

export function awsFailure(error: unknown, call: AwsCall): MetricsFailure {
  const e = (error ?? {}) as { name?: string; Code?: string; code?: string; message?: string; $metadata?: { attempts?: number; httpStatusCode?: number } };
  const name = e.Code ?? e.name ?? '';
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (name === 'CredentialsProviderError' || /could not load credentials|credential is missing|token is expired|sso session/i.test(message)) {
    return { code: 'no-credentials', message: 'No AWS credentials were found: set AWS_PROFILE to a profile from `aws configure` or `aws sso login`, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run with an instance or task role.' };
  }
  if (/region is missing/i.test(message)) {
    return { code: 'no-region', message: 'No AWS region is set: pass --region (e.g. --region eu-west-1), set AWS_REGION, or give the profile a region.' };
  }
  if (REJECTED.has(name)) {
    return { code: 'no-credentials', message: `AWS rejected the credentials (${name}): refresh them (aws sso login, or new access keys) and try again.` };
  }
  if (DENIED.has(name) || e.$metadata?.httpStatusCode === 403) {
    return { code: 'access-denied', message: `Access denied: these credentials may not call ${call.action}; add it to the role's or user's policy (the README lists the read-only policy this needs).` };
  }
  if (name === 'ResourceNotFoundException' || name === 'ResourceNotFound' || name === 'NotFoundException' || name === 'ClusterNotFoundException' || name === 'ServiceNotFoundException') {
    return { code: 'not-found', message: `${call.notFound ?? 'The resource was not found'}: check the name and the region.` };
  }
  if (THROTTLING.has(name) || e.$metadata?.httpStatusCode === 429) {
    const attempts = e.$metadata?.attempts ?? 1;
    return { code: 'throttled', message: `${call.service} is throttling these requests (${name || 'HTTP 429'}), still after ${attempts} attempt${attempts === 1 ? '' : 's'}: try again in a minute.` };
  }
  const cause = (error as { cause?: { code?: string }; code?: string } | null)?.cause?.code ?? e.code ?? name;
  if (NETWORK.has(cause)) {
    return { code: 'unreachable', message: `Could not reach ${call.service} (${cause}): check the network or proxy, or ${call.endpointVariable} if you set it.` };
  }
  return { code: 'unreachable', message: `${call.service} answered ${call.action} with an error${name ? ` (${name})` : ''}: ${oneLine(message)}` };
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
