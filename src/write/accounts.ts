/**
 * The account each change of a write goes to: the one its row names (an UPDATE or DELETE acts in the
 * row's own account, an INSERT in the account_id it gives), or, with one account configured, that
 * one. Only a configured account is written to (a read may reach any account a role template
 * names; a write goes only where the user said ccsql may act), and one that is not is refused before
 * anything is sent or journaled.
 */

import type { Account } from '../cloud/accounts.js';
import type { Cloud } from '../cloud/types.js';
import type { BridgeContext } from '../bridge/context.js';
import { placeOf } from '../bridge/account-scope.js';
import { CcsqlError } from '../errors.js';

interface Located {
  readonly table: string;
  readonly account?: string;
  readonly region: string;
}

/** The account of a change, or an error naming the table, the account and the way out. */
export function accountOf(ctx: BridgeContext, change: Located, journaled = false): Account {
  const listed = ctx.accounts.listed() ?? [];
  const account = change.account === undefined ? (ctx.accounts.several ? undefined : listed[0]) : listed.find((a) => a.id === change.account);
  if (account) return account;
  const id = change.account ?? '(none given)';
  const message = journaled
    ? `A write to ${change.table} journaled by an earlier session is in account ${id}, which is not one of the accounts this session was given: open the database with that account (--accounts or --profile) to resume it; it stays journaled.`
    : `A write to ${change.table} names account ${id}, which is not one of the accounts ccsql was given: add it with --accounts (or --profile). Nothing was sent.`;
  throw new CcsqlError('ACCOUNT_NOT_CONFIGURED', message, { table: change.table, account: id });
}

/**
 * Refuses the whole statement (or resume) if any change's account is out of reach, listing the
 * organisation first: nothing is sent unless every change can be.
 */
export async function checkAccounts(ctx: BridgeContext, changes: readonly Located[], journaled = false): Promise<void> {
  if (changes.length > 0) await ctx.accounts.list(ctx.regions()[0] ?? changes[0]!.region, ctx.signal());
  for (const change of changes) accountOf(ctx, change, journaled);
}

export function cloudOf(ctx: BridgeContext, change: Located): Cloud {
  return accountOf(ctx, change).cloud;
}

/** The store keys' prefix of a change's account and region, to forget what the write changed. */
export function whereOf(ctx: BridgeContext, change: Located): string {
  return placeOf(accountOf(ctx, change), change.region).key;
}
