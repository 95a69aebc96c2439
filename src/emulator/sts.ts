/**
 * STS over the AWS Query protocol that @aws-sdk/client-sts speaks: a form-encoded POST
 * (`Action=GetCallerIdentity&Version=2011-06-15`) answered with XML. GetCallerIdentity names the
 * caller auth.ts resolved (the test user, or an assumed role's session); AssumeRole is assume-role.ts.
 */
import { randomUUID } from 'node:crypto';
import { assumeRole, type AssumeRoleContext } from './assume-role.js';
import { ServiceError } from './wire.js';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export function parseForm(text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text));
}

export function isStsRequest(contentType: string | undefined, scopeService: string | undefined): boolean {
  return scopeService === 'sts' || (contentType ?? '').startsWith('application/x-www-form-urlencoded');
}

export interface StsAnswer {
  status: number;
  body: string;
}

/** Throws a ServiceError for STS's own refusals (its type is the Query error code). */
export function stsAnswer(form: Record<string, string>, ctx: AssumeRoleContext): StsAnswer {
  const action = form.Action ?? '';
  if (action === 'AssumeRole') return ok(action, assumeRole(form, ctx));
  if (action !== 'GetCallerIdentity') {
    throw new ServiceError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`, 400);
  }
  const { caller } = ctx;
  return ok(action, `<Arn>${caller.arn}</Arn><UserId>${caller.userId}</UserId><Account>${caller.account}</Account>`);
}

function ok(action: string, result: string): StsAnswer {
  const body =
    `<${action}Response xmlns="${NS}"><${action}Result>${result}</${action}Result>` +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, body };
}

/**
 * The Query protocol's names for the front end's refusals, which JSON services spell with
 * `Exception`: an expired session is `ExpiredToken` and an unaccepted key `InvalidClientTokenId`,
 * both HTTP 403, as STS and IAM answer them (aws/aws-sdk-java-v2#1649, cfn-sphere/cfn-sphere#55).
 */
const QUERY_CODES: Readonly<Record<string, { code: string; status?: number }>> = {
  MissingAuthenticationTokenException: { code: 'MissingAuthenticationToken', status: 403 },
  ExpiredTokenException: { code: 'ExpiredToken', status: 403 },
  UnrecognizedClientException: { code: 'InvalidClientTokenId', status: 403 },
  ThrottlingException: { code: 'Throttling' },
};

export function queryCodeOf(error: Pick<ServiceError, 'type' | 'status'>): { code: string; status: number } {
  const mapped = QUERY_CODES[error.type];
  return { code: mapped?.code ?? error.type, status: mapped?.status ?? error.status };
}

export function stsError(error: Pick<ServiceError, 'type' | 'message' | 'status'>): StsAnswer {
  const { code, status } = queryCodeOf(error);
  const body =
    `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
  return { status, body };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
