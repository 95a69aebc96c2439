/**
 * Which regions a scan reads in one account. Named default regions (`-r us-east-1 -r eu-west-1`)
 * are read as given, in every account. Under `-r all` each account reads the regions it has
 * enabled, asked of AWS once per account and session (AccountSet.enabledRegions), so a region an
 * account has not enabled is never called, and accounts of one organisation may read different
 * regions. `WHERE region = …` narrows any scan to that region; under `-r all`, a region the account
 * has not enabled fails that account there (REGION_NOT_ENABLED) as a refused account-region does:
 * skipped with an ACCOUNT_SKIPPED warning among several accounts, the statement's error otherwise.
 */

import type { Account } from '../cloud/accounts.js';
import { CcsqlError } from '../errors.js';
import { accountFailed, guarded, placeOf } from './account-scope.js';
import type { BridgeContext } from './context.js';
import { MISSING, type Missing } from './store.js';

/** The regions a scan of `account` reads (`regionArg` is the region the query names, if any). */
export function regionsOf(ctx: BridgeContext, account: Account, regionArg: unknown): readonly string[] | Missing {
  const named = regionArg === undefined ? undefined : String(regionArg);
  if (!ctx.allRegions()) return named === undefined ? ctx.regions() : [named];
  const enabled = enabledRegions(ctx, account);
  if (enabled === MISSING || named === undefined) return enabled;
  if (enabled.includes(named)) return [named];
  const place = placeOf(account, named);
  if (!ctx.accountFailures.has(place)) accountFailed(ctx, place, notEnabled(account, named, enabled));
  return [];
}

/** The account's enabled regions: known once AWS has answered, else recorded as a miss of this round. */
function enabledRegions(ctx: BridgeContext, account: Account): readonly string[] | Missing {
  const known = ctx.accounts.knownEnabledRegions(account);
  if (known) return known;
  const home = placeOf(account, ctx.regions()[0]!);
  // An account whose regions could not be listed is skipped (with several) in its home region.
  if (ctx.accountFailures.has(home)) return [];
  return ctx.store.lookup<readonly string[]>(`enabled-regions\u0000${account.key}`, guarded(ctx, home, () => ctx.accounts.enabledRegions(account, home.region, ctx.signal())));
}

function notEnabled(account: Account, region: string, enabled: readonly string[]): CcsqlError {
  return new CcsqlError(
    'REGION_NOT_ENABLED',
    `Region ${region} is not enabled for ${account.id ? `account ${account.id}` : `the account of ${account.label}`}, so ccsql does not call it (the account has enabled ${enabled.join(', ')}): enable it in the account's settings, or read one of those.`,
    { region, account: account.id ?? account.label },
  );
}
