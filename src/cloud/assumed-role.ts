/**
 * Credentials for one account of several, from STS AssumeRole (`--role-arn` with `{account}`):
 * the AWS SDK's `fromTemporaryCredentials` makes the call, signed by the caller's own credentials
 * (the default chain, a profile, or given keys). Every SDK client memoizes its credentials on its
 * own, so an account with clients in three regions would assume its role three times; one cache per
 * account sits in front instead, handing the same credentials to every client of the account and
 * assuming the role again five minutes before they expire (the SDK's own refresh margin). A failed
 * AssumeRole is not cached: the next call tries again.
 */

import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { StaticCredentials } from './credentials.js';

export interface AssumeRoleSettings {
  /** The role's full ARN, `{account}` already filled in. */
  readonly roleArn: string;
  readonly externalId?: string;
  /** Shown in the account's CloudTrail as the session (default `ccsql`). */
  readonly sessionName?: string;
}

export interface TemporaryCredentials extends StaticCredentials {
  readonly expiration?: Date;
}

export type CredentialsProvider = () => Promise<TemporaryCredentials>;

/** Refresh this long before expiry, as the SDK's own credential memoizer does. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export const DEFAULT_SESSION_NAME = 'ccsql';

export function assumedRoleCredentials(
  role: AssumeRoleSettings,
  source: StaticCredentials | CredentialsProvider | undefined,
  stsConfig: { readonly region: string; readonly endpoint?: string; readonly profile?: string },
  now: () => number = Date.now,
): CredentialsProvider {
  const assume = fromTemporaryCredentials({
    params: {
      RoleArn: role.roleArn,
      RoleSessionName: role.sessionName ?? DEFAULT_SESSION_NAME,
      ...(role.externalId ? { ExternalId: role.externalId } : {}),
    },
    ...(source ? { masterCredentials: source } : {}),
    clientConfig: { region: stsConfig.region, ...(stsConfig.endpoint ? { endpoint: stsConfig.endpoint } : {}), ...(stsConfig.profile ? { profile: stsConfig.profile } : {}) },
  });
  // The error names the role, so a message can say the role, not the call, was refused.
  const marked: CredentialsProvider = () =>
    (assume() as Promise<TemporaryCredentials>).catch((error: unknown) => {
      if (error && typeof error === 'object') Object.assign(error, { assumedRole: role.roleArn });
      throw error;
    });
  return cached(marked, now);
}

/** One pending or held value, replaced once it is within the refresh margin of its expiry. */
export function cached(provider: CredentialsProvider, now: () => number = Date.now): CredentialsProvider {
  let held: Promise<TemporaryCredentials> | undefined;
  let expiresAt = Infinity;
  return () => {
    if (held && expiresAt - REFRESH_MARGIN_MS > now()) return held;
    expiresAt = Infinity;
    const pending = provider().then(
      (credentials) => {
        expiresAt = credentials.expiration ? credentials.expiration.getTime() : Infinity;
        return credentials;
      },
      (error: unknown) => {
        if (held === pending) held = undefined;
        throw error;
      },
    );
    held = pending;
    return pending;
  };
}
