/**
 * The pieces every generic table is built from (generic-tables.ts, tagging-tables.ts): one region
 * parameter first, then the table's own; rows fetched once per statement through the store.
 */

import { CcsqlError } from '../errors.js';
import type { BridgeContext } from './context.js';
import type { NativeParameter, NativeTableSpec } from './native-table.js';
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

/** A table whose rows come from `rows` once per region (every session region when none is named). */
export function table(
  names: string[],
  description: string,
  parameters: NativeParameter[],
  columns: string[],
  rows: (ctx: BridgeContext, region: string, args: unknown[]) => unknown[][],
  types?: readonly string[],
): GenericTable {
  return {
    names,
    description,
    spec: (ctx) => ({
      parameters,
      columns,
      ...(types ? { types } : {}),
      rows: (regionArg: unknown, ...args: unknown[]) => {
        const regions = regionArg === undefined ? ctx.regions() : [String(regionArg)];
        return regions.flatMap((region) => rows(ctx, region, args)).values();
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

export function lookup<T>(ctx: BridgeContext, key: string, loader: Loader): T | undefined {
  const value = ctx.store.lookup<T>(key, loader);
  return value === MISSING ? undefined : value;
}
