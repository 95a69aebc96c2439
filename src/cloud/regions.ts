/**
 * The regions AWS has, from the AWS SDK's own partition data (the endpoints ruleset's partitions,
 * shipped in @aws-sdk/core), so a region AWS opens arrives with an SDK update and a typo such as
 * `us-est-1` is refused before any call, naming the nearest real region.
 *
 * The SDK exports `partition(region)`, which tells a known region (it carries a `description`) from
 * one that merely looks like one, but not the list of regions itself, and importing it loads SDK code
 * at start-up (the SDK is loaded lazily, on the first call: lazy.ts). So the list is read as data from
 * the partitions module that @aws-sdk/core ships (a JSON object literal); should that file move in a
 * later SDK, every name of a region's shape is accepted rather than every query refused. Nearest by
 * edit distance (fastest-levenshtein).
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import { CcsqlError } from '../errors.js';

const PARTITIONS_MODULE = 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js';

interface PartitionsInfo {
  readonly partitions: readonly { readonly regionRegex: string; readonly regions: Readonly<Record<string, unknown>> }[];
}

let byPartition: readonly (readonly string[])[] | undefined;
let known: readonly string[] | undefined;

/** The regions of each partition the SDK knows (aws, aws-cn, aws-us-gov, …), without pseudo-regions. */
export function partitionRegions(): readonly (readonly string[])[] {
  if (byPartition) return byPartition;
  try {
    const core = dirname(createRequire(import.meta.url).resolve('@aws-sdk/core/package.json'));
    const text = readFileSync(join(core, PARTITIONS_MODULE), 'utf8');
    const json = text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
    const info = JSON.parse(json) as PartitionsInfo;
    byPartition = info.partitions.map((p) => Object.keys(p.regions).filter((r) => new RegExp(p.regionRegex).test(r)));
  } catch {
    byPartition = [];
  }
  return byPartition;
}

/** Every region of every partition the SDK knows, without pseudo-regions such as `aws-global`. */
export function knownRegions(): readonly string[] {
  return (known ??= partitionRegions().flat());
}

const REGION_SHAPE = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Whether AWS has `region` (the SDK's partition data lists it). */
export function isKnownRegion(region: string): boolean {
  const regions = knownRegions();
  return regions.length > 0 ? regions.includes(region) : REGION_SHAPE.test(region);
}

/** The region AWS has that is closest to `region` by edit distance (undefined without the SDK's data). */
export function nearestRegion(region: string): string | undefined {
  const regions = knownRegions();
  return regions.length > 0 ? closest(region, [...regions]) : undefined;
}

/** Throws UNKNOWN_REGION naming the nearest real region unless AWS has `region`. */
export function checkRegion(region: string): void {
  if (isKnownRegion(region)) return;
  const nearest = nearestRegion(region);
  const hint = nearest ? ` Did you mean '${nearest}'?` : '';
  throw new CcsqlError('UNKNOWN_REGION', `AWS has no region '${region}'.${hint}`, { region, ...(nearest ? { nearest } : {}) });
}

/**
 * Throws UNKNOWN_REGION for the first of `names` (the default regions a person gave) that AWS does
 * not have, suggesting `all` (every enabled region) for a name nearer to it than to any region.
 */
export function checkRegionNames(names: readonly string[]): void {
  for (const name of names) {
    if (isKnownRegion(name)) continue;
    const nearest = nearestRegion(name);
    const toAll = distance(name.toLowerCase(), 'all');
    const suggestion = toAll <= 2 && (nearest === undefined || toAll < distance(name, nearest)) ? 'all' : nearest;
    const hint = suggestion === 'all' ? " Did you mean 'all' (every region the account has enabled)?" : suggestion ? ` Did you mean '${suggestion}'?` : '';
    throw new CcsqlError('UNKNOWN_REGION', `AWS has no region '${name}'.${hint}`, { region: name, ...(suggestion ? { nearest: suggestion } : {}) });
  }
}
