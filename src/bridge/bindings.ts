/**
 * Which SQLite table a StackQL name stands for, and registering it on first use. Tables are
 * registered lazily, per database, when a statement first names them: start-up never touches the
 * 1,489 types.
 */

import type { Database } from 'better-sqlite3';
import type { ResourceType } from '../catalog/types.js';
import type { TableBinding } from '../sql/rewrite.js';
import type { BridgeContext } from './context.js';
import { GENERIC_TABLES, type GenericTable } from './generic-tables.js';
import type { TableVariant } from './layout.js';
import { registerNativeTable } from './native-table.js';
import { resourceTableSpec } from './resource-table.js';

export type TableTarget =
  | { readonly kind: 'resource'; readonly type: ResourceType; readonly variant: TableVariant }
  | { readonly kind: 'generic'; readonly table: GenericTable };

export type Binding = TableBinding<TableTarget>;

/** The SQLite name a resource table variant is registered under. */
export function readNameOf(type: ResourceType, variant: TableVariant): string {
  if (variant === 'list_only') return `${type.sqlName}_list_only`;
  if (variant === 'singular') return type.aliases.singular ?? type.sqlName;
  return type.sqlName;
}

export function writeNameOf(type: ResourceType): string {
  return `${type.sqlName}:write`;
}

export function resolveBinding(ctx: BridgeContext, name: string): Binding | undefined {
  const generic = GENERIC_TABLES.find((t) => t.names.includes(canonicalProvider(name)));
  if (generic) return { readName: generic.names[0]!, target: { kind: 'generic', table: generic } };
  const resolved = ctx.catalog.resolve(name);
  if (!resolved) return undefined;
  const { type, variant } = resolved;
  const writable = variant === 'full' && Boolean(type.handlers.create || type.handlers.update || type.handlers.delete);
  return {
    readName: readNameOf(type, variant),
    ...(writable ? { writeName: writeNameOf(type) } : {}),
    target: { kind: 'resource', type, variant },
  };
}

function canonicalProvider(name: string): string {
  const lower = name.toLowerCase();
  return lower.startsWith('aws.') ? `awscc.${lower.slice(4)}` : lower;
}

/** Registers each named table once per database; writable views are left to the write path. */
export class TableRegistry {
  readonly #db: Database;
  readonly #ctx: BridgeContext;
  readonly #registered = new Set<string>();
  readonly #tables = new Set<string>();
  readonly #writeViews: (binding: Binding, name: string) => void;

  constructor(db: Database, ctx: BridgeContext, writeViews: (binding: Binding, name: string) => void = () => {}) {
    this.#db = db;
    this.#ctx = ctx;
    this.#writeViews = writeViews;
  }

  ensure(name: string, binding: Binding): void {
    if (this.#registered.has(name)) return;
    if (name !== binding.readName) {
      this.ensure(binding.readName, binding);
      this.#writeViews(binding, name);
    } else if (binding.target.kind === 'generic') {
      registerNativeTable(this.#db, name, binding.target.table.spec(this.#ctx));
    } else {
      registerNativeTable(this.#db, name, resourceTableSpec(this.#ctx, binding.target.type, binding.target.variant, name));
    }
    this.#registered.add(name);
    if (name === binding.readName) this.#tables.add(name);
  }

  /** The names of every table function registered so far (not the writable views). */
  tables(): ReadonlySet<string> {
    return this.#tables;
  }
}
