/**
 * AWS Account Management's ListRegions over REST-JSON (`POST /listRegions`, signing name `account`),
 * answered from the seed's accounts, so `-r all` clients learn each account's enabled regions
 * through the real @aws-sdk/client-account.
 *
 * As the Account Management API reference describes it: every region of the caller's partition
 * with its RegionOptStatus, ENABLED_BY_DEFAULT for the regions AWS enables in every account, ENABLED
 * for an opt-in region turned on, DISABLED otherwise, filtered by RegionOptStatusContains; pages of
 * MaxResults (1–50) and a NextToken; AccountId names a member account and may be given only by the
 * management account or a delegated administrator (AccessDeniedException, 403), not for the
 * management account itself (ValidationException, 400); an invalid member is ValidationException
 * too; throttling is TooManyRequestsException (429). A seeded account's `EnabledRegions` are the
 * regions it can use; without them, or for an account the seed does not list, those enabled by
 * default, as for a new account.
 */
import { accountOf, type Directory } from './accounts.js';
import type { Caller } from './auth.js';
import { enabledByDefault, enabledRegionsOf, partitionOf } from './enabled-regions.js';
import type { JsonObject } from './types.js';
import { ServiceError } from './wire.js';

export const ACCOUNT_SIGNING_NAME = 'account';
export const ACCOUNT_CONTENT_TYPE = 'application/json';
const MAX_PAGE = 50;
const STATUSES = ['ENABLED', 'ENABLING', 'DISABLING', 'DISABLED', 'ENABLED_BY_DEFAULT'] as const;

export function accountAnswer(op: string, body: JsonObject, caller: Caller, directory: Directory): JsonObject {
  if (op !== 'ListRegions') throw accountError('UnknownOperationException', `Unknown operation ${op}`, 404);
  const account = accountFor(body.AccountId, caller, directory);
  const partition = partitionOf(caller.region);
  const enabled = enabledRegionsOf(accountOf(directory, account), partition);
  const wanted = statusFilter(body.RegionOptStatusContains);
  const byDefault = enabledByDefault(partition);
  const regions = partition
    .map((name) => ({ RegionName: name, RegionOptStatus: !enabled.has(name) ? 'DISABLED' : byDefault.has(name) ? 'ENABLED_BY_DEFAULT' : 'ENABLED' }))
    .filter((r) => wanted === undefined || wanted.has(r.RegionOptStatus));
  return page(regions, body);
}

/** The account asked about: the caller's own, or a member the management account or a delegated administrator names. */
function accountFor(id: unknown, caller: Caller, directory: Directory): string {
  if (id === undefined) return caller.account;
  if (typeof id !== 'string' || !/^\d{12}$/.test(id)) throw validation(`Value at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^\\d{12}$`);
  const org = directory.organization;
  const manages = org !== undefined && (caller.account === org.managementAccount || org.delegatedAdministrators.has(caller.account));
  if (!manages) throw accountError('AccessDeniedException', `User: arn:aws:iam::${caller.account}:user/ccsql-test is not authorized to perform: account:ListRegions on resource: arn:aws:account::${caller.account}:account/${id}`, 403);
  if (id === org.managementAccount && caller.account === org.managementAccount) throw validation("The management account can't specify its own AccountId: call the operation without AccountId.");
  if (!org.accounts.some((a) => a.id === id)) throw validation(`Account ${id} is not a member of your organization.`);
  return id;
}

function statusFilter(value: unknown): ReadonlySet<string> | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((s) => !STATUSES.includes(s as never))) {
    throw validation(`Value at 'regionOptStatusContains' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${STATUSES.join(', ')}]]`);
  }
  return new Set(value as string[]);
}

function page(regions: readonly JsonObject[], body: JsonObject): JsonObject {
  const max = body.MaxResults ?? MAX_PAGE;
  if (typeof max !== 'number' || max < 1 || max > MAX_PAGE) throw validation(`Value '${String(max)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${MAX_PAGE}`);
  const start = body.NextToken === undefined ? 0 : offsetOf(body.NextToken, regions.length);
  const end = start + Math.floor(max);
  return end < regions.length ? { Regions: regions.slice(start, end), NextToken: tokenOf(end) } : { Regions: regions.slice(start, end) };
}

/** Tokens name an offset, opaque to clients as AWS's are; one not handed out is refused. */
function tokenOf(offset: number): string {
  return Buffer.from(`ccsql-regions:${offset}`).toString('base64url');
}

function offsetOf(token: unknown, count: number): number {
  const match = typeof token === 'string' ? /^ccsql-regions:(\d+)$/.exec(Buffer.from(token, 'base64url').toString()) : null;
  const offset = match ? Number(match[1]) : NaN;
  if (!(offset > 0 && offset < count)) throw validation('The NextToken value is not valid.');
  return offset;
}

function validation(message: string): ServiceError {
  return accountError('ValidationException', message, 400);
}

/** Account Management's errors carry no namespace in `__type` (REST-JSON: the SDK reads it from the body). */
export function accountError(type: string, message: string, status: number): ServiceError {
  return new ServiceError(type, message, status, '');
}

/** The REST-JSON error body. */
export function accountErrorBody(error: ServiceError): string {
  return JSON.stringify({ __type: error.type, message: error.message });
}
