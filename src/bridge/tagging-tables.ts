/**
 * StackQL's `awscc.tagging.*` tables over the Resource Groups Tagging API, with StackQL's columns:
 * the members of each answer (stackql-provider-registry, providers/src/awscc/v00.00.00000/services/
 * tagging.yaml: native resources, so the columns are the response's own names; GetResources' rows
 * are its ResourceTagMappingList). Request members are WHERE parameters under the same names, as
 * StackQL passes them (`TagFilters = '[{"Key":"env","Values":["prod"]}]'`); lists are JSON text.
 * Every listing is read to its end, so the PaginationToken column StackQL shows is always NULL.
 *
 *   awscc.tagging.tagged_resources    GetResources: one row per tagged resource
 *   awscc.tagging.tag_keys            GetTagKeys: one row per region, TagKeys a JSON array
 *   awscc.tagging.tag_values          GetTagValues (Key required): one row per region and key
 *   awscc.tagging.compliance_summary  GetComplianceSummary: one row per region, SummaryList a JSON array
 *   awscc.tagging.report_creation     DescribeReportCreation
 */

import type { ComplianceSummaryFilter, ReportCreation, TaggedResource, TaggedResourceFilter } from '../cloud/index.js';
import { CcsqlError } from '../errors.js';
import type { BridgeContext } from './context.js';
import type { Place } from './account-scope.js';
import { hidden, lookup, required, table, visible, type GenericTable } from './generic-table.js';

const TAGGED = 'awscc.tagging.tagged_resources';
const KEYS = 'awscc.tagging.tag_keys';
const VALUES = 'awscc.tagging.tag_values';
const SUMMARY = 'awscc.tagging.compliance_summary';
const REPORT = 'awscc.tagging.report_creation';

const GET_RESOURCES_FILTERS = ['TagFilters', 'ResourceTypeFilters', 'ResourceARNList', 'IncludeComplianceDetails', 'ExcludeCompliantResources'];
const SUMMARY_FILTERS = ['TargetIdFilters', 'RegionFilters', 'ResourceTypeFilters', 'TagKeyFilters', 'GroupBy'];

/** JSON text of a list parameter; a bare `ec2:instance,s3:bucket` is taken as that list of strings. */
function listParam<T>(value: unknown, column: string, tableName: string, bare: boolean): T[] | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  if (bare && !text.startsWith('[')) return text.split(',').map((s) => s.trim()).filter(Boolean) as T[];
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) return parsed as T[];
  } catch {
    // answered below
  }
  throw new CcsqlError('INVALID_JSON', `${column} of ${tableName} takes a JSON array, which '${text}' is not: write it as ${bare ? `'["ec2:instance", "s3:bucket"]'` : `'[{"Key": "env", "Values": ["prod"]}]'`}.`, { table: tableName, column });
}

function boolParam(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  return value === 1 || value === true || /^(1|true)$/i.test(String(value));
}

function taggedFilter(args: unknown[]): TaggedResourceFilter {
  const [tagFilters, typeFilters, arns, include, exclude] = args;
  const tags = listParam<{ Key?: unknown; Values?: unknown }>(tagFilters, 'TagFilters', TAGGED, false);
  const resourceTypeFilters = listParam<string>(typeFilters, 'ResourceTypeFilters', TAGGED, true);
  const resourceArnList = listParam<string>(arns, 'ResourceARNList', TAGGED, true);
  const includeComplianceDetails = boolParam(include);
  const excludeCompliantResources = boolParam(exclude);
  return {
    ...(tags ? { tagFilters: tags.map((f) => ({ key: String(f.Key ?? ''), ...(Array.isArray(f.Values) ? { values: f.Values.map(String) } : {}) })) } : {}),
    ...(resourceTypeFilters ? { resourceTypeFilters } : {}),
    ...(resourceArnList ? { resourceArnList } : {}),
    ...(includeComplianceDetails !== undefined ? { includeComplianceDetails } : {}),
    ...(excludeCompliantResources !== undefined ? { excludeCompliantResources } : {}),
  };
}

function summaryFilter(args: unknown[]): ComplianceSummaryFilter {
  const out: Record<string, string[]> = {};
  const names = ['targetIdFilters', 'regionFilters', 'resourceTypeFilters', 'tagKeyFilters', 'groupBy'];
  args.forEach((value, i) => {
    const list = listParam<string>(value, SUMMARY_FILTERS[i]!, SUMMARY, true);
    if (list) out[names[i]!] = list.map(String);
  });
  return out;
}

/** Parameters echoed into their columns (NULL when not given), so SQLite's own check of them holds. */
const echo = (args: unknown[]) => args.map((a) => a ?? null);
const key = (...parts: unknown[]) => ['tagging', ...parts.map((p) => (p === undefined ? '' : String(p)))].join('\u0000');
const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

function taggedRows(ctx: BridgeContext, place: Place, args: unknown[]): unknown[][] {
  const { region, account: { cloud } } = place;
  const filter = taggedFilter(args);
  const found = lookup<TaggedResource[]>(ctx, place, key('resources', region, ...args), () => cloud.taggedResources(region, filter, ctx.signal()));
  return (found ?? []).map((r) => [region, ...echo(args), r.resourceArn, json(r.tags), json(r.complianceDetails)]);
}

export const TAGGING_TABLES: readonly GenericTable[] = [
  table([TAGGED], 'Tagged resources of the region, with their tags (Resource Groups Tagging API GetResources).',
    [...visible('region'), ...hidden(...GET_RESOURCES_FILTERS)], ['ResourceARN', 'Tags', 'ComplianceDetails'], taggedRows, ['TEXT', 'JSON', 'JSON']),
  table([KEYS], 'Tag keys in use in the region (GetTagKeys).', visible('region'), ['TagKeys', 'PaginationToken'],
    (ctx, place) => {
      const { region, account: { cloud } } = place;
      const keys = lookup<string[]>(ctx, place, key('keys', region), () => cloud.tagKeys(region, ctx.signal()));
      return keys ? [[region, JSON.stringify(keys), null]] : [];
    }, ['JSON', 'TEXT']),
  table([VALUES], 'Values of one tag key in use in the region (GetTagValues).', visible('region', 'Key'), ['TagValues', 'PaginationToken'],
    (ctx, place, [keyArg]) => {
      const { region, account: { cloud } } = place;
      const tagKey = required(keyArg, 'Key', VALUES);
      const values = lookup<string[]>(ctx, place, key('values', region, tagKey), () => cloud.tagValues(region, tagKey, ctx.signal()));
      return values ? [[region, tagKey, JSON.stringify(values), null]] : [];
    }, ['JSON', 'TEXT']),
  table([SUMMARY], 'Counts of resources noncompliant with their tag policies (GetComplianceSummary).',
    [...visible('region'), ...hidden(...SUMMARY_FILTERS)], ['SummaryList', 'PaginationToken'],
    (ctx, place, args) => {
      const { region, account: { cloud } } = place;
      const filter = summaryFilter(args);
      const list = lookup<unknown[]>(ctx, place, key('summary', region, ...args), () => cloud.complianceSummary(region, filter, ctx.signal()));
      return list ? [[region, ...echo(args), JSON.stringify(list), null]] : [];
    }, ['JSON', 'TEXT']),
  table([REPORT], 'Status of the organization\'s tag-policy report (DescribeReportCreation).', visible('region'), ['Status', 'S3Location', 'ErrorMessage'],
    (ctx, place) => {
      const { region, account: { cloud } } = place;
      const report = lookup<ReportCreation>(ctx, place, key('report', region), () => cloud.reportCreation(region, ctx.signal()));
      return report ? [[region, report.Status ?? null, report.S3Location ?? null, report.ErrorMessage ?? null]] : [];
    }),
];
