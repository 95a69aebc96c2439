/**
 * A write names its region in a column, so a typo there would be journaled and retried at every open
 * of the database, each time until the network gave up. Regions are checked against the ones AWS has
 * before anything is journaled or planned for a dry run.
 */
import { isKnownRegion, nearestRegion } from '../cloud/regions.js';
import { CcsqlError } from '../errors.js';
import type { Change } from './plan.js';

export async function checkRegions(table: string, changes: readonly Change[]): Promise<void> {
  if (changes.length === 0) return;
  for (const region of new Set(changes.map((c) => c.region))) {
    if (isKnownRegion(region)) continue;
    const nearest = nearestRegion(region);
    const hint = nearest ? `did you mean "${nearest}"?` : 'regions look like "us-east-1"; aws ec2 describe-regions lists those of the account.';
    throw new CcsqlError('UNKNOWN_REGION', `Region "${region}" of a write to ${table} is not an AWS region: ${hint} Nothing was sent.`, { table, region, ...(nearest ? { nearest } : {}) });
  }
}
