import { CloudControlClient } from '@aws-sdk/client-cloudcontrol';
import { CcsqlError } from '../errors.js';

/** The region the AWS SDK resolves (AWS_REGION, the profile's config, …), for queries that name none. */
export async function resolveDefaultRegion(profile?: string): Promise<string> {
  const client = new CloudControlClient(profile ? { profile } : {});
  try {
    const region = await client.config.region();
    if (region) return region;
  } catch {
    // Fall through to the explanation below.
  } finally {
    client.destroy();
  }
  throw new CcsqlError(
    'INVALID_ARGUMENT',
    'No AWS region is configured: pass --region (or open({ region })), set AWS_REGION, or set region in your AWS profile.',
  );
}
