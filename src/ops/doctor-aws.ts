import { awsIdentity } from '../adapters/aws/aws-identity.js';
import type { AwsSettings } from '../config.js';

// doctor's AWS line: whether the default credential chain finds credentials,
// and which account and region they resolve to. Missing credentials are a
// skip, not a problem: only `assess --from` needs AWS.

/** The same shape as doctor's CheckLine (declared here so the two files do not import each other). */
interface AwsCheckLine {
  status: 'ok' | 'problem' | 'skip';
  check: 'AWS';
  detail: string;
}

export async function checkAws(settings: AwsSettings): Promise<AwsCheckLine> {
  const who = await awsIdentity(settings);
  if (who.ok) {
    const region = who.region ?? 'no region set (pass --region to assess --from, or set AWS_REGION)';
    return { status: 'ok', check: 'AWS', detail: `credentials for account ${who.account} (${who.arn}), region ${region}` };
  }
  if (who.failure.code === 'no-credentials' && who.failure.message.startsWith('No AWS credentials')) {
    return { status: 'skip', check: 'AWS', detail: 'no credentials found (only assess --from needs them: set AWS_PROFILE, or run with an instance or task role)' };
  }
  return { status: 'problem', check: 'AWS', detail: who.failure.message };
}
