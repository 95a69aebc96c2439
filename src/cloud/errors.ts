/**
 * Turns what the SDK throws into a CcsqlError with a stable code. The bridge adds the table name;
 * this layer knows only the operation, type and region.
 */

import { CcsqlError, type ErrorCode } from '../errors.js';
import { CallTimeoutError, formatMs } from './call-timeout.js';
import { isUnreachable } from './retry.js';
import { CHAIN_DESCRIPTION } from './credentials.js';
import { describeAnswer, UNREADABLE_WAY_OUT, unreadableAnswer } from './unreadable.js';

const CODE_BY_NAME: Readonly<Record<string, ErrorCode>> = {
  AccessDeniedException: 'ACCESS_DENIED',
  AccessDenied: 'ACCESS_DENIED',
  UnauthorizedOperation: 'ACCESS_DENIED',
  InvalidCredentialsException: 'INVALID_CREDENTIALS',
  UnrecognizedClientException: 'INVALID_CREDENTIALS',
  InvalidSignatureException: 'INVALID_CREDENTIALS',
  ExpiredTokenException: 'INVALID_CREDENTIALS',
  InvalidClientTokenId: 'INVALID_CREDENTIALS',
  IncompleteSignatureException: 'INVALID_CREDENTIALS',
  MissingAuthenticationTokenException: 'INVALID_CREDENTIALS',
  CredentialsProviderError: 'INVALID_CREDENTIALS',
  UnsupportedActionException: 'UNSUPPORTED_ACTION',
  TypeNotFoundException: 'TYPE_NOT_FOUND',
  ThrottlingException: 'THROTTLED',
  // The Resource Groups Tagging API's name for it.
  ThrottledException: 'THROTTLED',
  AbortError: 'CANCELLED',
};

export interface CloudErrorContext {
  readonly op: string;
  readonly region: string;
  readonly typeName?: string;
  readonly identifier?: string;
  /** The endpoint called, for an error that says it cannot be reached. */
  readonly endpoint?: string;
}

const UNREACHABLE_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
};

/** The AWS error name (`ThrottlingException`) of anything the SDK threw. */
export function awsErrorName(error: unknown): string {
  const e = error as { name?: string; Code?: string } | null;
  return e?.name ?? e?.Code ?? 'Error';
}

/** The SDK's own message names only the last provider it tried; this names the chain and the fixes. */
function noCredentials(): string {
  return `no AWS credentials were found: the AWS SDK's default chain tried ${CHAIN_DESCRIPTION}. ` +
    'Run aws configure or aws sso login, pass --profile NAME, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';
}

export function toCloudError(error: unknown, context: CloudErrorContext): CcsqlError {
  if (error instanceof CcsqlError) return error;
  const where = { region: context.region, typeName: context.typeName, identifier: context.identifier, op: context.op };
  if (error instanceof CallTimeoutError) {
    return new CcsqlError('CALL_TIMEOUT', `${context.op} in ${context.region} got no answer within ${formatMs(error.timeoutMs)}, on every attempt.`,
      { ...where, awsErrorName: 'TimeoutError' }, { cause: error });
  }
  if (isUnreachable(error)) {
    const code = String((error as { code?: string }).code);
    return new CcsqlError('ENDPOINT_UNREACHABLE', `Cannot reach Cloud Control at ${context.endpoint ?? 'its endpoint'} (${context.region}): ${UNREACHABLE_WORDS[code] ?? code} (${code}).`,
      { ...where, endpoint: context.endpoint, awsErrorName: code }, { cause: error });
  }
  const unread = unreadableAnswer(error);
  if (unread) {
    // The SDK's own words here speak of a hidden field; the user needs the call and what arrived instead.
    return new CcsqlError('UNREADABLE_ANSWER', `${context.op} failed in ${context.region}: its answer could not be read (${describeAnswer(unread)}); ${UNREADABLE_WAY_OUT}`,
      { ...where, awsErrorName: awsErrorName(error), ...unread }, { cause: error });
  }
  const name = awsErrorName(error);
  const code = CODE_BY_NAME[name] ?? 'CLOUD_CONTROL';
  const message = name === 'CredentialsProviderError' ? noCredentials() : `${name}: ${(error as { message?: string } | null)?.message ?? String(error)}`;
  // The account's role could not be assumed (assumed-role.ts): the call itself was never made.
  const assumedRole = (error as { assumedRole?: string } | null)?.assumedRole;
  if (assumedRole) {
    return new CcsqlError(code, `${context.op} in ${context.region} needs role ${assumedRole}, which could not be assumed: ${message}`,
      { ...where, awsErrorName: name, assumedRole }, { cause: error });
  }
  return new CcsqlError(
    code,
    `${context.op} failed in ${context.region}: ${message}`,
    { region: context.region, typeName: context.typeName, identifier: context.identifier, awsErrorName: name, op: context.op },
    { cause: error },
  );
}
