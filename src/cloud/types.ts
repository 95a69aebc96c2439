/**
 * The narrow interface ccsql uses to talk to Cloud Control. Nothing outside src/cloud imports @aws-sdk.
 */

import type { ProgressEvent } from '../shapes.js';
import type { ListCursor } from './paging.js';

export type { ProgressEvent };

export const OPERATION_STATUSES = [
  'PENDING',
  'IN_PROGRESS',
  'SUCCESS',
  'FAILED',
  'CANCEL_IN_PROGRESS',
  'CANCEL_COMPLETE',
] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['SUCCESS', 'FAILED', 'CANCEL_COMPLETE']);

export const OPERATIONS = ['CREATE', 'UPDATE', 'DELETE'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** One resource as ListResources or GetResource describes it. */
export interface ResourceDescription {
  readonly identifier: string;
  readonly properties: Record<string, unknown>;
}

export interface WriteOptions {
  readonly clientToken?: string;
  readonly roleArn?: string;
  readonly typeVersionId?: string;
  readonly signal?: AbortSignal;
}

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

/** What the tracer hook hears about every attempt of every call: declared in shapes.ts, where ExecuteOptions.onCall needs it too. */
export type { CallTrace } from '../shapes.js';

/** One tag as the Tagging API and Cloud Control models carry it. */
export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** One line of GetResources: a resource's ARN, its tags and (when asked for) its tag-policy compliance. */
export interface TaggedResource {
  readonly resourceArn: string;
  readonly tags: readonly Tag[];
  readonly complianceDetails?: Record<string, unknown>;
}

/** GetResources' filters; `resourceArnList` asks for those resources only, in one call. */
export interface TaggedResourceFilter {
  readonly tagFilters?: readonly { readonly key: string; readonly values?: readonly string[] }[];
  /** `service[:resourceType]`, as in ARNs: `s3:bucket`, `ec2:instance`, `auditmanager`. */
  readonly resourceTypeFilters?: readonly string[];
  readonly resourceArnList?: readonly string[];
  readonly includeComplianceDetails?: boolean;
  readonly excludeCompliantResources?: boolean;
}

export interface ComplianceSummaryFilter {
  readonly targetIdFilters?: readonly string[];
  readonly regionFilters?: readonly string[];
  readonly resourceTypeFilters?: readonly string[];
  readonly tagKeyFilters?: readonly string[];
  readonly groupBy?: readonly string[];
}

/** One Summary of GetComplianceSummary, with the API's member names. */
export type ComplianceSummaryRow = Readonly<Record<string, unknown>>;

/** DescribeReportCreation's answer, with the API's member names (`Status`, `S3Location`, `ErrorMessage`). */
export interface ReportCreation {
  readonly Status?: string;
  readonly S3Location?: string;
  readonly ErrorMessage?: string;
  readonly [member: string]: unknown;
}

export interface RequestFilter {
  readonly operations?: readonly string[];
  readonly statuses?: readonly string[];
}

export interface ListFromOptions {
  readonly from?: ListCursor;
  readonly enough?: () => boolean;
  readonly signal?: AbortSignal;
  readonly onPage: (page: readonly ResourceDescription[]) => void;
}

export interface Cloud {
  /** Every page of a listing; `onPage` hears each page as it arrives, so work on it can start early. */
  list(typeName: string, region: string, model?: Record<string, unknown>, signal?: AbortSignal, onPage?: (page: readonly ResourceDescription[]) => void): Promise<ResourceDescription[]>;
  /**
   * Pages of a listing from `from` (or its start) until it ends or `enough()`, asked after each page,
   * says the pages so far suffice: then the cursor a later call continues from. A `LIMIT` reads only
   * the pages it needs this way.
   */
  listFrom(typeName: string, region: string, model: Record<string, unknown> | undefined, options: ListFromOptions): Promise<ListCursor | undefined>;
  /** undefined when the resource does not exist: a point lookup of a missing resource is no row. */
  get(typeName: string, region: string, identifier: string, signal?: AbortSignal): Promise<ResourceDescription | undefined>;
  create(typeName: string, region: string, desiredState: Record<string, unknown>, options?: WriteOptions): Promise<ProgressEvent>;
  update(typeName: string, region: string, identifier: string, patch: readonly unknown[], options?: WriteOptions): Promise<ProgressEvent>;
  delete(typeName: string, region: string, identifier: string, options?: WriteOptions): Promise<ProgressEvent>;
  status(region: string, requestToken: string, signal?: AbortSignal): Promise<ProgressEvent>;
  listRequests(region: string, filter?: RequestFilter, signal?: AbortSignal): Promise<ProgressEvent[]>;
  cancel(region: string, requestToken: string): Promise<ProgressEvent>;
  whoami(region: string): Promise<CallerIdentity>;
  /** AWS Organizations ListAccounts (all pages), asked from the management or a delegated administrator account. */
  organizationAccounts(region: string, signal?: AbortSignal): Promise<OrganizationAccount[]>;
  /** Account Management ListRegions (all pages): the regions the account has enabled, by default or opted in, sorted. */
  enabledRegions(region: string, signal?: AbortSignal): Promise<string[]>;
  /** Resource Groups Tagging API GetResources (all pages): the region's tagged resources. */
  taggedResources(region: string, filter?: TaggedResourceFilter, signal?: AbortSignal): Promise<TaggedResource[]>;
  /** GetTagKeys (all pages): every tag key in use in the region. */
  tagKeys(region: string, signal?: AbortSignal): Promise<string[]>;
  /** GetTagValues (all pages): every value of one tag key in the region. */
  tagValues(region: string, key: string, signal?: AbortSignal): Promise<string[]>;
  /** GetComplianceSummary (all pages): counts of resources not compliant with their tag policies. */
  complianceSummary(region: string, filter?: ComplianceSummaryFilter, signal?: AbortSignal): Promise<ComplianceSummaryRow[]>;
  /** DescribeReportCreation: the status of the organization's tag-policy report. */
  reportCreation(region: string, signal?: AbortSignal): Promise<ReportCreation>;
  /** The CloudFormation registry's RESOURCE types of one visibility and provisioning type (all pages). */
  listTypes(region: string, query: TypeQuery, signal?: AbortSignal): Promise<RegistryTypeSummary[]>;
  /** One type's schema and registration, as DescribeType answers. */
  describeType(region: string, summary: RegistryTypeSummary, signal?: AbortSignal): Promise<RegistryType>;
  /**
   * A write sent at `sentAt` ended FAILED with ErrorCode Throttling (the service behind the handler
   * throttled it): the region's learned rate slows down as for a ThrottlingException.
   */
  reportThrottle(region: string, sentAt: number): void;
  /** Counters since the cloud was made: calls sent and throttles seen (for progress lines). */
  readonly stats: { calls: number; throttles: number; inFlight: number };
  destroy(): void;
}

/** One account of an organisation, as ListAccounts describes it. */
export interface OrganizationAccount {
  readonly id: string;
  readonly name?: string;
  /** ACTIVE, SUSPENDED or PENDING_CLOSURE. */
  readonly status?: string;
}

export const VISIBILITIES = ['PUBLIC', 'PRIVATE'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const PROVISIONING_TYPES = ['FULLY_MUTABLE', 'IMMUTABLE', 'NON_PROVISIONABLE'] as const;
export type ProvisioningType = (typeof PROVISIONING_TYPES)[number];

export interface TypeQuery {
  readonly visibility: Visibility;
  readonly provisioningType: ProvisioningType;
}

/** One line of ListTypes. */
export interface RegistryTypeSummary {
  readonly typeName: string;
  readonly visibility: Visibility;
  readonly provisioningType: ProvisioningType;
  readonly typeArn?: string;
  /** ISO time. */
  readonly lastUpdated?: string;
  readonly defaultVersionId?: string;
  /** False for a public third-party type the account has not activated. */
  readonly isActivated?: boolean;
}

/** What DescribeType says of a type: its schema (JSON text) and registration. */
export interface RegistryType {
  readonly typeName: string;
  readonly schema: string;
  readonly typeVersionArn?: string;
  readonly lastUpdated?: string;
  readonly provisioningType?: string;
  readonly visibility: Visibility;
  readonly isActivated?: boolean;
}
