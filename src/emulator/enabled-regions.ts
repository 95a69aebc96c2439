/**
 * Which regions a seeded account has enabled, for Account Management's ListRegions
 * (account-regions.ts) and for refusing the calls signed for any other (auth.ts): its
 * `EnabledRegions`, else those AWS enables in a new account.
 */
import { partitionRegions } from '../cloud/regions.js';
import type { OrgAccount } from './accounts.js';

/**
 * The aws partition's regions that every account has enabled, those the AWS Account Management
 * Reference Guide ("Specify which AWS Regions your account can use") lists as needing no opt-in:
 * the regions AWS had opened by 20 March 2019 (Osaka, once a local region, among them). Every
 * region opened since is opt-in, so the list does not grow; China and GovCloud have no opt-in.
 */
const ENABLED_BY_DEFAULT: ReadonlySet<string> = new Set([
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2',
  'ca-central-1', 'eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'sa-east-1',
]);

/** The regions an account can use: its seeded `EnabledRegions`, else those enabled by default. */
export function enabledRegionsOf(account: OrgAccount | undefined, partition: readonly string[]): ReadonlySet<string> {
  return account?.enabledRegions ?? enabledByDefault(partition);
}

/** Whether a seeded account may call `region` (auth.ts refuses the others as AWS does). */
export function usesRegion(account: OrgAccount, region: string): boolean {
  return enabledRegionsOf(account, partitionOf(region)).has(region);
}

/** The regions of a partition every account has enabled: in the aws partition the older ones, elsewhere all. */
export function enabledByDefault(partition: readonly string[]): ReadonlySet<string> {
  return partition.includes('us-east-1') ? ENABLED_BY_DEFAULT : new Set(partition);
}

/** The regions of `region`'s partition (the aws partition's for a region the SDK does not know). */
export function partitionOf(region: string): readonly string[] {
  const partitions = partitionRegions();
  return partitions.find((p) => p.includes(region)) ?? partitions[0] ?? [...ENABLED_BY_DEFAULT];
}
