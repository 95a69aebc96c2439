/** Internal shapes shared by the emulator's modules. */
import type { ResourceType } from '../catalog/types.js';

/** The part of the catalog the emulator needs; `src/catalog`'s Catalog satisfies it. */
export interface CatalogLike {
  byTypeName(typeName: string): ResourceType | undefined;
  typeNames(): readonly string[] | Iterable<string>;
  all(): readonly ResourceType[] | Iterable<ResourceType>;
}

export interface SeedResource {
  TypeName: string;
  Region?: string;
  Account?: string;
  Properties: Record<string, unknown>;
}

/** An account of the seed's organisation, as Organizations' ListAccounts names its members. */
export interface SeedAccount {
  Id: string;
  Name: string;
  /** ACTIVE by default; a SUSPENDED account cannot be assumed into and its callers are refused. */
  Status?: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
  Email?: string;
  JoinedMethod?: 'INVITED' | 'CREATED';
  /** ISO 8601; a fixed date by default, so every run agrees. */
  JoinedTimestamp?: string;
  /**
   * The regions the account has enabled (ListRegions answers them); a call signed for any other is
   * refused. When omitted, those AWS enables in a new account (no opt-in region).
   */
  EnabledRegions?: string[];
}

/** A role STS AssumeRole accepts: its ARN, or the ARN with the external id its trust policy requires. */
export type SeedTrustedRole = string | { Arn: string; ExternalId?: string };

export interface SeedDocument {
  resources: SeedResource[];
  /** The organisation's accounts; without them Organizations answers AWSOrganizationsNotInUseException. */
  accounts?: SeedAccount[];
  /** Who may call ListAccounts; the first account listed by default. */
  managementAccount?: string;
  /** Member accounts that may also call ListAccounts. */
  delegatedAdministrators?: string[];
  /** The roles AssumeRole accepts; every role when omitted. */
  trustedRoles?: SeedTrustedRole[];
}

/** Who is calling: taken from the SigV4 credential scope. */
export interface CallContext {
  readonly region: string;
  readonly account: string;
}

export type JsonObject = Record<string, unknown>;

export const OPERATIONS = ['CREATE', 'UPDATE', 'DELETE'] as const;
export type Operation = (typeof OPERATIONS)[number];

export const OPERATION_STATUSES = [
  'PENDING',
  'IN_PROGRESS',
  'SUCCESS',
  'FAILED',
  'CANCEL_IN_PROGRESS',
  'CANCEL_COMPLETE',
] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/** A ProgressEvent as the wire carries it (EventTime and RetryAfter in epoch seconds). */
export interface ProgressEvent {
  TypeName: string;
  Identifier?: string;
  RequestToken: string;
  Operation: Operation;
  OperationStatus: OperationStatus;
  EventTime: number;
  ResourceModel?: string;
  StatusMessage?: string;
  ErrorCode?: string;
  RetryAfter?: number;
}
