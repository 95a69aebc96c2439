/**
 * Real AWS SDK clients pointed at a local endpoint (the emulator), with dummy credentials and a
 * single attempt so throttling and errors reach the test as they are.
 */
import { CloudControlClient } from '@aws-sdk/client-cloudcontrol';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { STSClient } from '@aws-sdk/client-sts';

/** The SDK writes bookkeeping into the credentials object, so each client gets its own copy. */
export const TEST_CREDENTIALS: { readonly accessKeyId: string; readonly secretAccessKey: string } = Object.freeze({
  accessKeyId: 'AKIDCCSQLTEST',
  secretAccessKey: 'ccsql-test-secret',
});

export function cloudControlClient(
  url: string,
  region = 'us-east-1',
  credentials: { accessKeyId: string; secretAccessKey: string } = TEST_CREDENTIALS,
): CloudControlClient {
  return new CloudControlClient({ endpoint: url, region, credentials: { ...credentials }, maxAttempts: 1 });
}

export function stsClient(url: string, region = 'us-east-1'): STSClient {
  return new STSClient({ endpoint: url, region, credentials: { ...TEST_CREDENTIALS }, maxAttempts: 1 });
}

export function taggingClient(url: string, region = 'us-east-1'): ResourceGroupsTaggingAPIClient {
  return new ResourceGroupsTaggingAPIClient({ endpoint: url, region, credentials: { ...TEST_CREDENTIALS }, maxAttempts: 1 });
}
