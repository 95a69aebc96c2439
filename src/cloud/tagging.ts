/**
 * The Resource Groups Tagging API, as StackQL's `awscc.tagging.*` tables read it: GetResources,
 * GetTagKeys, GetTagValues, GetComplianceSummary (paged with PaginationToken to the end, a repeated
 * token stopping the listing as for Cloud Control, paging.ts) and DescribeReportCreation, through
 * `@aws-sdk/client-resource-groups-tagging-api`. The calls go through the same `call` as Cloud
 * Control's (client.ts hands it in): retries, time limits, the region's limiter and the tracer.
 * The service's throttling error is ThrottledException, which the SDK's classifier already counts
 * as throttling, so it is retried and slows the region's learned rate like ThrottlingException.
 */

import {
  DescribeReportCreationCommand,
  GetComplianceSummaryCommand,
  GetResourcesCommand,
  GetTagKeysCommand,
  GetTagValuesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { allPages } from './paging.js';
import { regionalClients } from './regional-clients.js';
import type { ComplianceSummaryFilter, ComplianceSummaryRow, ReportCreation, TaggedResource, TaggedResourceFilter } from './types.js';

type AnyCommand = { input: object };
type Call = <T>(spec: { op: string; region: string; signal?: AbortSignal }, send: (signal: AbortSignal) => Promise<T>) => Promise<T>;

/** "ResourcesPerPage … You can specify a minimum of 1 and a maximum value of 100." (API Reference) */
export const RESOURCES_PER_PAGE = 100;
/** GetComplianceSummary's MaxResults: "a minimum of 1 and a maximum value of 100". */
export const SUMMARIES_PER_PAGE = 100;

export function taggingCalls(call: Call, base: object) {
  const clients = regionalClients((region) => new ResourceGroupsTaggingAPIClient({ ...base, region }));
  const send = <T>(region: string, command: AnyCommand) => (signal: AbortSignal) =>
    clients.of(region).send(command as never, { abortSignal: signal }) as Promise<T>;

  /** Every page of a PaginationToken listing; the token is renamed for allPages' loop check. */
  async function paged<P extends { PaginationToken?: string }>(op: string, region: string, signal: AbortSignal | undefined, command: (token: string | undefined) => AnyCommand, take: (page: P) => void): Promise<void> {
    const spec = { op, region, signal };
    await allPages<P & { NextToken?: string }>(
      spec,
      async (token) => {
        const page = await call<P>(spec, send(region, command(token)));
        return { ...page, NextToken: page.PaginationToken };
      },
      take,
    );
  }

  return {
    async taggedResources(region: string, filter: TaggedResourceFilter = {}, signal?: AbortSignal): Promise<TaggedResource[]> {
      const out: TaggedResource[] = [];
      const input = {
        ...(filter.tagFilters ? { TagFilters: filter.tagFilters.map((f) => ({ Key: f.key, ...(f.values ? { Values: [...f.values] } : {}) })) } : {}),
        ...(filter.resourceTypeFilters ? { ResourceTypeFilters: [...filter.resourceTypeFilters] } : {}),
        ...(filter.includeComplianceDetails !== undefined ? { IncludeComplianceDetails: filter.includeComplianceDetails } : {}),
        ...(filter.excludeCompliantResources !== undefined ? { ExcludeCompliantResources: filter.excludeCompliantResources } : {}),
      };
      type Page = { PaginationToken?: string; ResourceTagMappingList?: { ResourceARN?: string; Tags?: { Key?: string; Value?: string }[]; ComplianceDetails?: Record<string, unknown> }[] };
      // ResourceARNList may not be sent with a page size or token ("you get an Invalid Parameter exception"): one call.
      const command = (token: string | undefined) =>
        new GetResourcesCommand(filter.resourceArnList
          ? { ...input, ResourceARNList: [...filter.resourceArnList] }
          : { ...input, ResourcesPerPage: RESOURCES_PER_PAGE, ...(token ? { PaginationToken: token } : {}) });
      await paged<Page>('GetResources', region, signal, command, (page) => {
        for (const m of page.ResourceTagMappingList ?? []) {
          out.push({
            resourceArn: m.ResourceARN ?? '',
            tags: (m.Tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' })),
            ...(m.ComplianceDetails ? { complianceDetails: m.ComplianceDetails } : {}),
          });
        }
      });
      return out;
    },
    async tagKeys(region: string, signal?: AbortSignal): Promise<string[]> {
      const out: string[] = [];
      await paged<{ PaginationToken?: string; TagKeys?: string[] }>('GetTagKeys', region, signal,
        (token) => new GetTagKeysCommand(token ? { PaginationToken: token } : {}),
        (page) => out.push(...(page.TagKeys ?? [])));
      return out;
    },
    async tagValues(region: string, key: string, signal?: AbortSignal): Promise<string[]> {
      const out: string[] = [];
      await paged<{ PaginationToken?: string; TagValues?: string[] }>('GetTagValues', region, signal,
        (token) => new GetTagValuesCommand({ Key: key, ...(token ? { PaginationToken: token } : {}) }),
        (page) => out.push(...(page.TagValues ?? [])));
      return out;
    },
    async complianceSummary(region: string, filter: ComplianceSummaryFilter = {}, signal?: AbortSignal): Promise<ComplianceSummaryRow[]> {
      const out: ComplianceSummaryRow[] = [];
      const input = {
        ...(filter.targetIdFilters ? { TargetIdFilters: [...filter.targetIdFilters] } : {}),
        ...(filter.regionFilters ? { RegionFilters: [...filter.regionFilters] } : {}),
        ...(filter.resourceTypeFilters ? { ResourceTypeFilters: [...filter.resourceTypeFilters] } : {}),
        ...(filter.tagKeyFilters ? { TagKeyFilters: [...filter.tagKeyFilters] } : {}),
        ...(filter.groupBy ? { GroupBy: [...filter.groupBy] as never } : {}),
      };
      await paged<{ PaginationToken?: string; SummaryList?: Record<string, unknown>[] }>('GetComplianceSummary', region, signal,
        (token) => new GetComplianceSummaryCommand({ ...input, MaxResults: SUMMARIES_PER_PAGE, ...(token ? { PaginationToken: token } : {}) }),
        (page) => out.push(...(page.SummaryList ?? []).map(definedOnly)));
      return out;
    },
    async reportCreation(region: string, signal?: AbortSignal): Promise<ReportCreation> {
      const answer = await call<{ Status?: string; S3Location?: string; ErrorMessage?: string }>(
        { op: 'DescribeReportCreation', region, signal }, send(region, new DescribeReportCreationCommand({})));
      return definedOnly({ Status: answer.Status, S3Location: answer.S3Location, ErrorMessage: answer.ErrorMessage });
    },
    destroy(): void {
      clients.destroy();
    },
  };
}

/** The SDK leaves absent members as undefined; rows and JSON show them as absent. */
function definedOnly<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
