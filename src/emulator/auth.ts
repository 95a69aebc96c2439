/**
 * Who is calling, from the SigV4 `Authorization` header's credential scope
 * (`Credential=AKID/20240101/us-east-1/cloudcontrolapi/aws4_request`). Signatures are not checked:
 * tests sign with dummy keys. A key STS AssumeRole issued acts as its role's account; an access key
 * id of twelve digits is taken as the account, so tests can act as several accounts; any other key
 * is the emulator's default account.
 *
 * The account then refuses the call the way AWS does, for every service alike: an expired session
 * is ExpiredTokenException "The security token included in the request is expired", and a region
 * the account has not enabled (its seeded `EnabledRegions`, else those AWS enables by default,
 * account-regions.ts) is UnrecognizedClientException "The security token included in the
 * request is invalid." — both HTTP 403 as AWS's Common Errors list them
 * (https://docs.aws.amazon.com/mgn/latest/APIReference/CommonErrors.html); opt-in regions answer
 * so for tokens they do not accept (aws-samples/aws-control-tower-config-customization#27,
 * awslabs/landing-zone-accelerator-on-aws#269). A suspended account's own keys are answered the
 * same: AWS documents no other answer, and a suspended account's credentials stop authenticating.
 */
import { accountOf, type Directory } from './accounts.js';
import { usesRegion } from './enabled-regions.js';
import type { Sessions } from './sessions.js';
import { ServiceError } from './wire.js';

export const STS_USER = 'ccsql-test';

export interface Caller {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
  readonly account: string;
  /** What GetCallerIdentity answers: the test user, or the assumed role's session. */
  readonly arn: string;
  readonly userId: string;
}

/** What a call is checked against: the emulator's accounts and the sessions it issued, at `now`. */
export interface Identities {
  readonly defaultAccount: string;
  readonly sessions: Sessions;
  readonly directory: Directory;
  readonly now: number;
}

export const INVALID_TOKEN = 'The security token included in the request is invalid.';
export const EXPIRED_TOKEN = 'The security token included in the request is expired';

/** `global`: the call goes to a global service's one endpoint, which no region the account has disabled refuses. */
export function callerFrom(header: string | undefined, identities: Identities, global = false): Caller {
  const { accessKeyId, region, service } = scopeOf(header);
  const session = identities.sessions.get(accessKeyId);
  if (session && identities.now >= session.expiresAt) throw new ServiceError('ExpiredTokenException', EXPIRED_TOKEN);
  const account = session?.account ?? (/^\d{12}$/.test(accessKeyId) ? accessKeyId : identities.defaultAccount);
  const seeded = accountOf(identities.directory, account);
  if (seeded && (seeded.status === 'SUSPENDED' || (!global && !usesRegion(seeded, region)))) {
    throw new ServiceError('UnrecognizedClientException', INVALID_TOKEN);
  }
  const arn = session?.arn ?? `arn:aws:iam::${account}:user/${STS_USER}`;
  return { accessKeyId, region, service, account, arn, userId: session?.assumedRoleId ?? 'AIDACCSQLTESTUSER0001' };
}

function scopeOf(header: string | undefined): { accessKeyId: string; region: string; service: string } {
  if (header === undefined || header.trim() === '') {
    throw new ServiceError('MissingAuthenticationTokenException', 'Request is missing Authentication Token');
  }
  const credential = /Credential=([^,\s]+)/.exec(header)?.[1];
  if (!header.startsWith('AWS4-HMAC-SHA256') || credential === undefined) {
    throw new ServiceError(
      'IncompleteSignatureException',
      `Authorization header requires 'Credential' parameter. Authorization=${header.split(' ')[0]}`,
    );
  }
  const [accessKeyId, , region, service] = credential.split('/');
  if (!accessKeyId || !region || !service) {
    throw new ServiceError('IncompleteSignatureException', `Credential scope is malformed: ${credential}`);
  }
  return { accessKeyId, region, service };
}

/**
 * Test keys that make the endpoint refuse a caller the way AWS does, so the refusal paths of a client
 * can be exercised: an access key id starting `AKIDDENIED` lacks every permission, one starting
 * `AKIDINVALID` is unknown to AWS.
 */
export function refuseTestKeys(caller: Caller, op: string): void {
  if (caller.accessKeyId.startsWith('AKIDDENIED')) {
    throw new ServiceError(
      'AccessDeniedException',
      `User: arn:aws:iam::${caller.account}:user/ccsql-test is not authorized to perform: cloudformation:${op} because no identity-based policy allows the cloudformation:${op} action`,
    );
  }
  if (caller.accessKeyId.startsWith('AKIDINVALID')) {
    throw new ServiceError('UnrecognizedClientException', INVALID_TOKEN);
  }
}
