/**
 * The regions an account has enabled, for `-r all`: the Account Management API's ListRegions with
 * RegionOptStatusContains ENABLED and ENABLED_BY_DEFAULT (the regions on by default, and the opt-in
 * regions the account has turned on), through `@aws-sdk/client-account`. Chosen over EC2's
 * DescribeRegions: one IAM action, `account:ListRegions` (in AWSAccountManagementReadOnlyAccess and
 * ReadOnlyAccess), asked of one global endpoint rather than of a region the account must have
 * enabled, and a client a fraction of EC2's size. The call goes through the same `call` as Cloud
 * Control's: retries, time limit, the region's limiter and the tracer.
 */

import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { allPages } from './paging.js';

type Call = <T>(spec: { op: string; region: string; signal?: AbortSignal }, send: (signal: AbortSignal) => Promise<T>) => Promise<T>;

/** ListRegions' MaxResults: "Valid Range: Minimum value of 1. Maximum value of 50." (API Reference) */
export const REGIONS_PER_PAGE = 50;
const ENABLED_STATUSES = ['ENABLED', 'ENABLED_BY_DEFAULT'] as const;

interface Page {
  NextToken?: string;
  Regions?: { RegionName?: string; RegionOptStatus?: string }[];
}

/** Every region the caller's account has enabled, sorted; asked from `region` (the SDK routes it to the global endpoint). */
export async function listEnabledRegions(call: Call, config: object & { region: string }, signal?: AbortSignal): Promise<string[]> {
  const client = new AccountClient(config);
  const spec = { op: 'ListRegions', region: config.region, signal };
  const out = new Set<string>();
  try {
    await allPages<Page>(
      spec,
      (nextToken) => call<Page>(spec, (s) => client.send(new ListRegionsCommand({ MaxResults: REGIONS_PER_PAGE, NextToken: nextToken, RegionOptStatusContains: [...ENABLED_STATUSES] }), { abortSignal: s })),
      (page) => {
        for (const r of page.Regions ?? []) if (r.RegionName && ENABLED_STATUSES.includes(r.RegionOptStatus as never)) out.add(r.RegionName);
      },
    );
  } finally {
    client.destroy();
  }
  return [...out].sort();
}
