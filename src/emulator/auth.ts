/**
 * Who is calling, from the SigV4 `Authorization` header's credential scope
 * (`Credential=AKID/20240101/us-east-1/cloudcontrolapi/aws4_request`). Signatures are not checked:
 * tests sign with dummy keys. An access key id of twelve digits is taken as the account, so tests can
 * act as several accounts; any other key is the emulator's default account.
 */
import { ServiceError } from './wire.js';

export interface Caller {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
  readonly account: string;
}

export function callerFrom(header: string | undefined, defaultAccount: string): Caller {
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
  const account = /^\d{12}$/.test(accessKeyId) ? accessKeyId : defaultAccount;
  return { accessKeyId, region, service, account };
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
    throw new ServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
}
