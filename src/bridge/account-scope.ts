/**
 * Which accounts a scan reads, and what becomes of one that fails. `account_id` is a parameter like
 * `region`: `WHERE account_id = …` (or IN, or a join) reads only those accounts; nothing reads every
 * configured account. An account's id is asked of STS only when something needs it (the filter, the
 * column read, or several accounts to tell apart), and the organisation is listed once.
 *
 * With several accounts, one that fails (its role cannot be assumed, it is suspended, a region is not
 * enabled for it: AccessDenied or invalid credentials) does not fail the query: its rows are missing
 * and one warning per account says which and why. `strict` makes it the statement's error instead.
 */

import type { Account } from '../cloud/accounts.js';
import { CcsqlError } from '../errors.js';
import type { BridgeContext } from './context.js';
import { MISSING, type Loader, type Missing } from './store.js';
import { ACCOUNT_FAILURES, SKIPPED, type Place } from './account-failures.js';

export { placeOf, SKIPPED, type Place } from './account-failures.js';

/**
 * The accounts a scan reads: every configured one, or those `accountArg` names. Whatever is not
 * known yet (the organisation's accounts, an id) is recorded as a miss, and the statement runs again.
 */
export function accountsOf(ctx: BridgeContext, accountArg: unknown, readsAccountColumn: boolean): readonly Account[] | Missing {
  const { accounts } = ctx;
  const region = ctx.regions()[0]!;
  let listed = accounts.listed();
  if (!listed) {
    const found = ctx.store.lookup<readonly Account[]>('accounts\u0000org', async () => {
      const all = await accounts.list(region, ctx.signal());
      for (const s of accounts.skipped) ctx.warn({ code: 'ACCOUNT_SKIPPED', account: s.id, message: `Account ${s.id} was skipped: ${s.reason}.` });
      return all;
    });
    if (found === MISSING) return MISSING;
    listed = found;
  }
  // To pick accounts by id, every id must be known; only to show it, the round that asks for the id
  // lists alongside (its rows are run again once the id is in).
  const pick = accountArg !== undefined || accounts.several;
  const ready = listed.filter((account) => {
    if (account.id !== undefined || !(pick || readsAccountColumn)) return true;
    ctx.store.lookup(`account-id\u0000${account.key}`, () => accounts.idOf(account, region));
    return !pick;
  });
  if (accountArg === undefined) return ready;
  if (ready.length < listed.length) return [];
  const id = String(accountArg);
  const named = ready.filter((a) => a.id === id);
  if (named.length > 0) return named;
  const reached = accounts.reach(id);
  if (reached) return [reached];
  ctx.accountFailures.unknown(id);
  return [];
}

/**
 * A loader whose account failure, with several accounts and not strict, becomes a skipped account
 * instead of the statement's error; a strict or single account's error names the account.
 */
export function guarded(ctx: BridgeContext, place: Place, loader: Loader): Loader {
  if (!ctx.accounts.several) return loader;
  return async (store) => {
    try {
      return await loader(store);
    } catch (error) {
      if (!(error instanceof CcsqlError) || !ACCOUNT_FAILURES.has(error.code)) throw error;
      return accountFailed(ctx, place, error);
    }
  };
}

/**
 * An account that cannot be read in a place: with several accounts and not strict, skipped (one
 * warning when the statement ends); otherwise the statement's error, naming the account when strict.
 */
export function accountFailed(ctx: BridgeContext, place: Place, error: CcsqlError): typeof SKIPPED {
  if (!ctx.accounts.several) throw error;
  // Strict: the statement's error, naming the account (cloud-messages.ts tells it with the table).
  if (ctx.strict) throw new CcsqlError(error.code, error.message, { ...error.details, account: place.account.id ?? place.account.label }, { cause: error });
  ctx.accountFailures.record(place, error);
  return SKIPPED;
}
