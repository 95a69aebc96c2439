/**
 * The accounts a seed describes, read once into a frozen value: the organisation Organizations
 * answers from, the roles STS AssumeRole trusts, and what each account refuses (suspended, regions
 * not enabled). Multi-account clients are tested against it, so a malformed entry is an error
 * naming the entry, never a silently different organisation.
 */
import { createHash } from 'node:crypto';
import { CcsqlError } from '../errors.js';
import { isObject } from './pointer.js';
import type { SeedAccount, SeedDocument } from './types.js';

export const ACCOUNT_STATUSES = ['ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
const JOINED_METHODS = ['INVITED', 'CREATED'] as const;
/** When seeded accounts "joined" unless the seed says: a fixed date, so every run agrees. */
export const DEFAULT_JOINED = '2026-01-01T00:00:00.000Z';
/** IAM's role ARN: `arn:aws:iam::<account>:role/<path/><name>`; the name is what the session ARN keeps. */
export const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\u0021-\u007e]*\/)?([\w+=,.@-]{1,64})$/;

export interface OrgAccount {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly status: AccountStatus;
  readonly joinedMethod: 'INVITED' | 'CREATED';
  readonly joinedTimestamp: string;
  readonly enabledRegions: ReadonlySet<string> | undefined;
}

export interface Organization {
  readonly id: string;
  readonly managementAccount: string;
  readonly accounts: readonly OrgAccount[];
  readonly delegatedAdministrators: ReadonlySet<string>;
}

export interface TrustedRole {
  readonly arn: string;
  readonly externalId: string | undefined;
}

export interface Directory {
  /** Undefined when the seed lists no accounts: the caller's account is in no organisation. */
  readonly organization: Organization | undefined;
  /** Undefined when the seed lists none: every role is trusted. */
  readonly trustedRoles: readonly TrustedRole[] | undefined;
}

export const EMPTY_DIRECTORY: Directory = Object.freeze({ organization: undefined, trustedRoles: undefined });

export function accountOf(directory: Directory, id: string): OrgAccount | undefined {
  return directory.organization?.accounts.find((account) => account.id === id);
}

/** The directory a seed gives; a seed naming none of its fields keeps `previous`. */
export function readDirectory(doc: SeedDocument, previous: Directory): Directory {
  const named = ['accounts', 'managementAccount', 'delegatedAdministrators', 'trustedRoles'].some((key) => key in doc);
  if (!named) return previous;
  const organization = doc.accounts === undefined ? undefined : readOrganization(doc);
  if (organization === undefined && (doc.managementAccount !== undefined || doc.delegatedAdministrators !== undefined)) {
    invalid('Seed "managementAccount" and "delegatedAdministrators" need an "accounts" list.');
  }
  const trustedRoles = doc.trustedRoles === undefined ? undefined : readTrustedRoles(doc.trustedRoles);
  return Object.freeze({ organization, trustedRoles });
}

function readOrganization(doc: SeedDocument): Organization {
  if (!Array.isArray(doc.accounts) || doc.accounts.length === 0) invalid('Seed "accounts" must be a non-empty array of {"Id", "Name", "Status"} objects.');
  const managementAccount = doc.managementAccount ?? (doc.accounts[0] as Partial<SeedAccount> | undefined)?.Id;
  // The management account created the organisation rather than joining it; AWS lists it INVITED.
  const accounts = doc.accounts.map((entry, index) => readAccount(entry, index, isObject(entry) && entry.Id === managementAccount ? 'INVITED' : 'CREATED'));
  const ids = accounts.map((account) => account.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) invalid(`Seed account "${repeated}" is listed twice.`);
  if (typeof managementAccount !== 'string' || !ids.includes(managementAccount)) {
    invalid(`Seed "managementAccount" ${JSON.stringify(managementAccount)} is not among the seed's "accounts".`);
  }
  const delegated = doc.delegatedAdministrators ?? [];
  if (!Array.isArray(delegated)) invalid('Seed "delegatedAdministrators" must be an array of account ids.');
  for (const id of delegated) if (!ids.includes(id)) invalid(`Seed delegated administrator ${JSON.stringify(id)} is not among the seed's "accounts".`);
  return Object.freeze({
    id: organizationId(managementAccount),
    managementAccount,
    accounts: Object.freeze(accounts.map((account) => Object.freeze(account))),
    delegatedAdministrators: new Set(delegated),
  });
}

function readAccount(entry: SeedAccount, index: number, defaultJoinedMethod: 'INVITED' | 'CREATED'): OrgAccount {
  const where = `Seed account ${index}`;
  if (!isObject(entry)) invalid(`${where} must be an object with "Id", "Name" and "Status".`);
  if (typeof entry.Id !== 'string' || !/^\d{12}$/.test(entry.Id)) invalid(`${where} needs an "Id" of twelve digits, not ${JSON.stringify(entry.Id)}.`);
  if (typeof entry.Name !== 'string' || entry.Name === '') invalid(`${where} ("${entry.Id}") needs a "Name" string.`);
  const status = entry.Status ?? 'ACTIVE';
  if (!ACCOUNT_STATUSES.includes(status)) invalid(`${where} ("${entry.Id}") has "Status" ${JSON.stringify(status)}; expected one of ${ACCOUNT_STATUSES.join(', ')}.`);
  const joinedMethod = entry.JoinedMethod ?? defaultJoinedMethod;
  if (!JOINED_METHODS.includes(joinedMethod)) invalid(`${where} ("${entry.Id}") has "JoinedMethod" ${JSON.stringify(joinedMethod)}; expected INVITED or CREATED.`);
  const joined = entry.JoinedTimestamp ?? DEFAULT_JOINED;
  if (typeof joined !== 'string' || Number.isNaN(Date.parse(joined))) invalid(`${where} ("${entry.Id}") has a "JoinedTimestamp" that is not an ISO 8601 date.`);
  const regions = entry.EnabledRegions;
  if (regions !== undefined && (!Array.isArray(regions) || regions.some((region) => typeof region !== 'string'))) {
    invalid(`${where} ("${entry.Id}") has "EnabledRegions" that is not an array of region names.`);
  }
  if (entry.Email !== undefined && typeof entry.Email !== 'string') invalid(`${where} ("${entry.Id}") has an "Email" that is not a string.`);
  return {
    id: entry.Id,
    name: entry.Name,
    email: entry.Email ?? `aws+${entry.Id}@example.com`,
    status,
    joinedMethod,
    joinedTimestamp: new Date(joined).toISOString(),
    enabledRegions: regions === undefined ? undefined : new Set(regions),
  };
}

function readTrustedRoles(entries: unknown): readonly TrustedRole[] {
  if (!Array.isArray(entries)) invalid('Seed "trustedRoles" must be an array of role ARNs or {"Arn", "ExternalId"} objects.');
  return Object.freeze(
    entries.map((entry: unknown, index) => {
      const arn = typeof entry === 'string' ? entry : isObject(entry) ? entry.Arn : undefined;
      const externalId = isObject(entry) ? entry.ExternalId : undefined;
      if (typeof arn !== 'string' || !ROLE_ARN.test(arn)) {
        invalid(`Seed trusted role ${index} must be a role ARN such as "arn:aws:iam::111111111111:role/Audit", not ${JSON.stringify(arn ?? entry)}.`);
      }
      if (externalId !== undefined && typeof externalId !== 'string') invalid(`Seed trusted role ${index} ("${arn}") has an "ExternalId" that is not a string.`);
      return Object.freeze({ arn, externalId });
    }),
  );
}

/** `o-` and ten characters, derived from the management account so every run agrees. */
function organizationId(managementAccount: string): string {
  const digest = createHash('sha256').update(managementAccount).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return `o-${Array.from(digest.subarray(0, 10), (byte) => alphabet[byte % alphabet.length]).join('')}`;
}

function invalid(message: string): never {
  throw new CcsqlError('INVALID_ARGUMENT', message);
}
