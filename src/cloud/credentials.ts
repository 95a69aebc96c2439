/**
 * Which credentials the SDK clients sign with. Given ones are used as they are; otherwise the AWS
 * SDK's default chain (`@aws-sdk/credential-provider-node`, the same chain the clients use on their
 * own). A local endpoint (`--endpoint-url http://127.0.0.1:4566`: the emulator, LocalStack) does not
 * check signatures, so when the chain finds nothing there, dummy keys stand in, and the person is told
 * once.
 */

import { defaultProvider } from '@aws-sdk/credential-provider-node';

export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

type Provider = () => Promise<StaticCredentials>;

export const DUMMY_CREDENTIALS: StaticCredentials = Object.freeze({ accessKeyId: 'AKIDCCSQLLOCAL', secretAccessKey: 'ccsql-local-endpoint' });

/** What the chain tries, in its order, for the message when it finds nothing. */
export const CHAIN_DESCRIPTION =
  'environment variables (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), the profile in ~/.aws/config and ~/.aws/credentials ' +
  '(AWS_PROFILE or --profile, else "default"; SSO and credential_process included), a web identity token file, ' +
  'and container and EC2 instance roles';

export function isLoopback(endpointUrl: string | undefined): boolean {
  if (!endpointUrl) return false;
  try {
    const host = new URL(endpointUrl).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

export function credentialsFor(options: {
  readonly credentials?: StaticCredentials;
  readonly profile?: string;
  readonly endpointUrl?: string;
  readonly onWarning?: (message: string) => void;
}): StaticCredentials | Provider | undefined {
  if (options.credentials) return options.credentials;
  if (!isLoopback(options.endpointUrl)) return undefined;
  const chain = defaultProvider(options.profile ? { profile: options.profile } : {});
  let fallback: Promise<StaticCredentials> | undefined;
  return () =>
    (fallback ??= chain().catch(() => {
      options.onWarning?.(`No AWS credentials found; signing requests to the local endpoint ${options.endpointUrl} with dummy keys.`);
      return DUMMY_CREDENTIALS;
    }));
}
