/**
 * AWS Organizations over AWS JSON 1.1 (`X-Amz-Target: AWSOrganizationsV20161128.<Op>`, signing
 * name `organizations`), answered from the seed's `accounts`, so `--org` clients list an
 * organisation's accounts through the real @aws-sdk/client-organizations.
 *
 * As the Organizations API reference describes them: ListAccounts pages hold 1–20 accounts (20 when
 * MaxResults is omitted) and may be called only by the management account or a delegated
 * administrator, others get AccessDeniedException (HTTP 403); a caller whose account is in no
 * organisation gets AWSOrganizationsNotInUseException (404); a MaxResults out of range or a
 * NextToken not handed out is InvalidInputException with its Reason (400); throttling is
 * TooManyRequestsException (429). DescribeOrganization answers any member.
 */
import type { Directory, OrgAccount, Organization } from './accounts.js';
import type { Caller } from './auth.js';
import type { JsonObject } from './types.js';
import { epochSeconds, ServiceError } from './wire.js';

export const ORGANIZATIONS_TARGET = 'AWSOrganizationsV20161128.';
export const ORGANIZATIONS_CONTENT_TYPE = 'application/x-amz-json-1.1';
const MAX_PAGE = 20;

export function organizationsAnswer(op: string, body: JsonObject, caller: Caller, directory: Directory): JsonObject {
  if (op !== 'ListAccounts' && op !== 'DescribeOrganization') {
    throw new ServiceError('UnknownOperationException', `Unknown operation ${ORGANIZATIONS_TARGET}${op}`);
  }
  const org = directory.organization;
  if (!org || !org.accounts.some((account) => account.id === caller.account)) {
    throw orgError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.', 404);
  }
  if (op === 'DescribeOrganization') return { Organization: describe(org) };
  if (caller.account !== org.managementAccount && !org.delegatedAdministrators.has(caller.account)) {
    throw orgError('AccessDeniedException', "You don't have permissions to access this resource.", 403);
  }
  return listAccounts(org, body);
}

function listAccounts(org: Organization, body: JsonObject): JsonObject {
  const max = body.MaxResults ?? MAX_PAGE;
  if (typeof max !== 'number' || max < 1) throw invalidInput('MIN_VALUE_EXCEEDED', 'You provided a value that is smaller than the minimum allowed.');
  if (max > MAX_PAGE) throw invalidInput('MAX_VALUE_EXCEEDED', 'You provided a value that is larger than the maximum allowed.');
  const start = body.NextToken === undefined ? 0 : offsetOf(body.NextToken, org.accounts.length);
  const end = start + Math.floor(max);
  const page = org.accounts.slice(start, end).map((account) => accountShape(org, account));
  return end < org.accounts.length ? { Accounts: page, NextToken: tokenOf(end) } : { Accounts: page };
}

function accountShape(org: Organization, account: OrgAccount): JsonObject {
  return {
    Id: account.id,
    Arn: `arn:aws:organizations::${org.managementAccount}:account/${org.id}/${account.id}`,
    Email: account.email,
    Name: account.name,
    Status: account.status,
    State: account.status,
    JoinedMethod: account.joinedMethod,
    JoinedTimestamp: epochSeconds(Date.parse(account.joinedTimestamp)),
  };
}

function describe(org: Organization): JsonObject {
  const management = org.accounts.find((account) => account.id === org.managementAccount)!;
  return {
    Id: org.id,
    Arn: `arn:aws:organizations::${org.managementAccount}:organization/${org.id}`,
    FeatureSet: 'ALL',
    MasterAccountArn: `arn:aws:organizations::${org.managementAccount}:account/${org.id}/${org.managementAccount}`,
    MasterAccountId: org.managementAccount,
    MasterAccountEmail: management.email,
    AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
  };
}

/** Tokens name an offset, opaque to clients as AWS's are; one not handed out is refused. */
function tokenOf(offset: number): string {
  return Buffer.from(`ccsql-accounts:${offset}`).toString('base64url');
}

function offsetOf(token: unknown, count: number): number {
  const match = typeof token === 'string' ? /^ccsql-accounts:(\d+)$/.exec(Buffer.from(token, 'base64url').toString()) : null;
  const offset = match ? Number(match[1]) : NaN;
  if (!(offset > 0 && offset < count)) throw invalidInput('INVALID_NEXT_TOKEN', 'The NextToken value is not valid. Get it from the response to a previous call of the operation.');
  return offset;
}

/** InvalidInputException carries a Reason member, as the model has it. */
class InvalidInput extends ServiceError {
  readonly reason: string;

  constructor(reason: string, message: string) {
    super('InvalidInputException', message, 400, '');
    this.reason = reason;
  }
}

function invalidInput(reason: string, message: string): ServiceError {
  return new InvalidInput(reason, message);
}

/** Organizations' own errors carry no namespace in `__type`. */
export function orgError(type: string, message: string, status: number): ServiceError {
  return new ServiceError(type, message, status, '');
}

/** The JSON 1.1 error body; the front end's refusals keep their namespace. */
export function organizationsErrorBody(error: ServiceError): string {
  const type = error.namespace ? `${error.namespace}#${error.type}` : error.type;
  const reason = error instanceof InvalidInput ? { Reason: error.reason } : {};
  return JSON.stringify({ __type: type, Message: error.message, ...reason });
}
