/**
 * The Resource Groups Tagging API (AWS JSON 1.1, `X-Amz-Target: ResourceGroupsTaggingAPI_20170126.<Op>`),
 * the five reads StackQL's `awscc.tagging.*` tables make, answered from the emulator's own Cloud
 * Control store (resources.ts says how a stored resource is seen):
 *
 * - GetResources: the caller's tagged resources, filtered by TagFilters (all must hold; a key's
 *   values are alternatives), ResourceTypeFilters and ResourceARNList; paged by ResourcesPerPage
 *   (1–100) and PaginationToken; ResourceARNList with a page size or token is refused, as AWS does.
 * - GetTagKeys, GetTagValues (Key required): the keys and a key's values in use, sorted, in pages.
 * - GetComplianceSummary: no tag policy exists in the emulator, so nothing is noncompliant and the
 *   SummaryList is empty. DescribeReportCreation: no report was started, `Status: "NO REPORT"` (the
 *   API Reference: "NO REPORT - No report was generated in the last 90 days"). AWS answers these two
 *   only in an organization's management account in us-east-1; the emulator does not enforce that.
 *
 * The last page carries an empty PaginationToken, as AWS sends it.
 */
import type { ServiceContext } from '../context.js';
import type { CallContext, JsonObject } from '../types.js';
import { ServiceError } from '../wire.js';
import { matchesTagFilters, matchesTypeFilter, taggedResources } from './resources.js';

export const TAGGING_TARGET_PREFIX = 'ResourceGroupsTaggingAPI_20170126.';
export const TAGGING_CONTENT_TYPE = 'application/x-amz-json-1.1';
const NAMESPACE = 'com.amazonaws.resourcegroupstaggingapi';

/** GetTagKeys and GetTagValues page sizes are the service's own (undocumented); 50 here. */
export const TAG_PAGE_SIZE = 50;
export const DEFAULT_RESOURCES_PER_PAGE = 100;

type Operation = (service: ServiceContext, body: JsonObject, ctx: CallContext) => JsonObject;

export function taggingError(type: string, message: string): ServiceError {
  return new ServiceError(type, message, type === 'InternalServiceException' ? 500 : 400, NAMESPACE);
}

const invalid = (message: string) => taggingError('InvalidParameterException', message);

const OPERATIONS: Readonly<Record<string, Operation>> = {
  GetResources: getResources,
  GetTagKeys: (service, body, ctx) => {
    const keys = new Set(taggedResources(service, ctx).flatMap((r) => r.tags.map((t) => t.Key)));
    return paged(body, [...keys].sort(), TAG_PAGE_SIZE, 'TagKeys');
  },
  GetTagValues: (service, body, ctx) => {
    const key = body.Key;
    if (typeof key !== 'string' || key.length === 0 || key.length > 128) throw invalid('Key must be a tag key of 1 to 128 characters.');
    const values = new Set(taggedResources(service, ctx).flatMap((r) => r.tags.filter((t) => t.Key === key).map((t) => t.Value)));
    return paged(body, [...values].sort(), TAG_PAGE_SIZE, 'TagValues');
  },
  GetComplianceSummary: (_service, body) => {
    const max = body.MaxResults;
    if (max !== undefined && (!Number.isInteger(max) || (max as number) < 1 || (max as number) > 100)) throw invalid('MaxResults must be from 1 to 100.');
    return paged(body, [], 100, 'SummaryList');
  },
  DescribeReportCreation: () => ({ Status: 'NO REPORT' }),
};

export function isTaggingOperation(op: string): boolean {
  return Object.hasOwn(OPERATIONS, op);
}

export function handleTagging(service: ServiceContext, op: string, body: JsonObject, ctx: CallContext): JsonObject {
  const operation = OPERATIONS[op];
  if (!operation) throw new ServiceError('UnknownOperationException', `Unknown operation ${TAGGING_TARGET_PREFIX}${op}`);
  return operation(service, body, ctx);
}

function getResources(service: ServiceContext, body: JsonObject, ctx: CallContext): JsonObject {
  const tagFilters = listOf<{ Key: string; Values?: string[] }>(body, 'TagFilters', 50);
  for (const f of tagFilters) {
    if (typeof f?.Key !== 'string' || f.Key.length === 0) throw invalid('Each TagFilter must have a Key.');
    if ((f.Values?.length ?? 0) > 20) throw invalid(`TagFilter for key ${f.Key} has more than 20 values.`);
  }
  const typeFilters = listOf<string>(body, 'ResourceTypeFilters', 100);
  const arns = body.ResourceARNList === undefined ? undefined : listOf<string>(body, 'ResourceARNList', 100);
  if (arns && (body.ResourcesPerPage !== undefined || body.TagsPerPage !== undefined || body.PaginationToken)) {
    throw invalid('ResourceARNList cannot be specified with ResourcesPerPage, TagsPerPage or PaginationToken.');
  }
  const perPage = body.ResourcesPerPage ?? DEFAULT_RESOURCES_PER_PAGE;
  if (!Number.isInteger(perPage) || (perPage as number) < 1 || (perPage as number) > 100) throw invalid('ResourcesPerPage must be from 1 to 100.');
  const include = body.IncludeComplianceDetails === true;
  if (body.ExcludeCompliantResources === true && !include) throw invalid('ExcludeCompliantResources requires IncludeComplianceDetails to be true.');
  // No tag policy exists here: every resource is compliant, so ExcludeCompliantResources leaves none.
  const matching = body.ExcludeCompliantResources === true ? [] : taggedResources(service, ctx)
    .filter((r) => (arns ? arns.includes(r.arn) : true) && matchesTypeFilter(r.resourceType, typeFilters) && matchesTagFilters(r.tags, tagFilters))
    .map((r) => ({
      ResourceARN: r.arn,
      Tags: r.tags,
      ...(include ? { ComplianceDetails: { NoncompliantKeys: [], KeysWithNoncompliantValues: [], ComplianceStatus: true } } : {}),
    }));
  return paged(arns ? {} : body, matching, perPage as number, 'ResourceTagMappingList');
}

function listOf<T>(body: JsonObject, member: string, max: number): T[] {
  const value = body[member];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid(`${member} must be a list.`);
  if (value.length > max) throw invalid(`${member} can have at most ${max} items.`);
  return value as T[];
}

function paged(body: JsonObject, items: readonly unknown[], size: number, member: string): JsonObject {
  const start = decodeToken(body.PaginationToken);
  const end = start + size;
  return { [member]: items.slice(start, end), PaginationToken: end < items.length ? encodeToken(end) : '' };
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

function decodeToken(token: unknown): number {
  if (token === undefined || token === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as { offset?: unknown };
    if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed.offset;
  } catch {
    // answered below, as for a token the service did not issue
  }
  throw invalid('The PaginationToken is not valid.');
}
