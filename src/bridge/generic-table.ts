/**
 * The pieces every generic table is built from (generic-tables.ts, tagging-tables.ts): `region` and
 * `account_id` parameters first, as in every resource table, then the table's own; rows fetched once
 * per statement and account-region through the store, a failed account of several skipped as for
 * resource tables (account-scope.ts).
 */

import { CcsqlError } from '../errors.js';
import type { BridgeContext } from './context.js';
import { accountsOf, guarded, placeOf, type Place } from './account-scope.js';
import { ACCOUNT_ID } from './layout.js';
import type { NativeParameter, NativeTableSpec } from './native-table.js';
import { regionsOf } from './region-scope.js';
import { MISSING, type Loader } from './store.js';

export interface GenericTable {
  /** The first name is the one registered; the others are accepted spellings. */
  readonly names: readonly string[];
  readonly description: string;
  spec(ctx: BridgeContext): NativeTableSpec;
}

export const visible = (...names: string[]): NativeParameter[] => names.map((name) => ({ name, hidden: false }));
/** Filters a query may pass, selectable by name but left out of `SELECT *`. */
export const hidden = (...names: string[]): NativeParameter[] => names.map((name) => ({ name, hidden: true }));

/**
 * A table whose rows come from `rows` once per account and region (every configured account and
 * session region when none is named; under `-r all`, each account's enabled regions). `parameters` start with `region`; `account_id` is added after
 * it, and each row `rows` gives (region first) gets its account's id there.
 */
export function table(
  names: string[],
  description: string,
  parameters: NativeParameter[],
  columns: string[],
  rows: (ctx: BridgeContext, place: Place, args: unknown[]) => unknown[][],
  types?: readonly string[],
): GenericTable {
  const [region, ...own] = parameters;
  return {
    names,
    description,
    spec: (ctx) => ({
      parameters: [region!, { name: ACCOUNT_ID, hidden: false }, ...own],
      columns,
      ...(types ? { types } : {}),
      rows: (regionArg: unknown, accountArg: unknown, ...args: unknown[]) => {
        const reads = ctx.columnUse()?.columns.get(names[0]!)?.has(1) ?? false;
        const accounts = accountsOf(ctx, accountArg, reads);
        if (accounts === MISSING) return [].values();
        const places = accounts.flatMap((account) => {
          const regions = regionsOf(ctx, account, regionArg);
          return regions === MISSING ? [] : regions.map((r) => placeOf(account, r));
        }).filter((p) => !ctx.accountFailures.has(p));
        for (const place of places) ctx.progress.region(place.region);
        return places.flatMap((place) => rows(ctx, place, args).map(([first, ...rest]) => [first, place.account.id ?? null, ...rest])).values();
      },
    }),
  };
}

export function required(value: unknown, column: string, tableName: string): string {
  if (value === undefined) {
    throw new CcsqlError('MISSING_LIST_KEY', `${tableName} needs ${column}: add WHERE ${column} = '…'.`, { table: tableName, column });
  }
  return String(value);
}

/** The value under `key` of one account-region (its failure skipped as account-scope.ts says). */
export function lookup<T>(ctx: BridgeContext, place: Place, key: string, loader: Loader): T | undefined {
  const value = ctx.store.lookup<T>(`${key}\u0000${place.key}`, guarded(ctx, place, loader));
  return value === MISSING ? undefined : value;
}
