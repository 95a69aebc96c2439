/**
 * The default regions as a person gives them: names (`-r us-east-1 -r eu-west-1`), or `all` (also
 * `*`, as Steampipe's and CloudQuery's `regions = ["*"]`), meaning every region each account has
 * enabled, asked of AWS (AccountSet.enabledRegions). `all` beside a named region is refused when
 * given, saying which to keep, since the two cannot both hold. The names themselves are checked
 * against the regions AWS has before the first statement that reads a resource table
 * (regions.ts `checkRegionNames`, which suggests `all` for `al`): that check reads the SDK's
 * partition data, which a statement such as `select 1` never needs, so this module stays light.
 */

import { CcsqlError } from '../errors.js';

/** The word that asks for every region an account has enabled. */
export const ALL_REGIONS = 'all';
const ALL_SPELLINGS: ReadonlySet<string> = new Set([ALL_REGIONS, '*']);

/** Named regions, or every region each account has enabled. */
export type RegionSetting = readonly string[] | typeof ALL_REGIONS;

/** Whether `name` asks for every enabled region (`all` or `*`). */
export function isAllRegions(name: string): boolean {
  return ALL_SPELLINGS.has(name.trim().toLowerCase());
}

/** The setting `names` give (empty: none, the SDK's default region then); throws on what cannot mean anything. */
export function regionSetting(names: readonly string[]): RegionSetting {
  const all = names.filter(isAllRegions);
  if (all.length === 0) return Object.freeze([...names]);
  const named = names.filter((n) => !isAllRegions(n));
  if (named.length > 0) {
    throw new CcsqlError(
      'INVALID_ARGUMENT',
      `-r ${all[0]} reads every region each account has enabled, so it cannot be given with ${named.join(', ')}: keep -r all alone, or name only the regions to read (-r ${named.join(' -r ')}).`,
      { regions: [...names] },
    );
  }
  return ALL_REGIONS;
}
