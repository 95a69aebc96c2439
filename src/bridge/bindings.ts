/**
 * Which SQLite table a StackQL name stands for, and registering it on first use. Tables are
 * registered lazily, per database, when a statement first names them: start-up never touches the
 * 1,489 types.
 */

import type { Database } from 'better-sqlite3';
import type { ResourceType } from '../catalog/types.js';
import { CcsqlError } from '../errors.js';
import type { TableBinding } from '../sql/rewrite.js';
import type { BridgeContext } from './context.js';
import { GENERIC_TABLES, type GenericTable } from './generic-tables.js';
import { keywordColumns } from './keyword-columns.js';
import { layoutOf, type TableVariant } from './layout.js';
import { registerNativeTable } from './native-table.js';
import { STACKQL_VIEWS, type StackqlView } from './stackql-views.js';
import { resourceTableSpec } from './resource-table.js';

export type TableTarget =
  | { readonly kind: 'resource'; readonly type: ResourceType; readonly variant: TableVariant }
  | { readonly kind: 'generic'; readonly table: GenericTable }
  | { readonly kind: 'view'; readonly view: StackqlView };

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
  if (generic) {
    const spec = generic.spec(ctx);
    const keywords = keywordColumns([...spec.parameters.map((p) => p.name), ...spec.columns, ...(spec.hiddenColumns ?? [])]);
    return { readName: generic.names[0]!, pushed: spec.parameters.map((p) => p.name), keywords, target: { kind: 'generic', table: generic } };
  }
  const view = STACKQL_VIEWS.find((v) => v.name === canonicalProvider(name));
  if (view) return { readName: view.name, pushed: ['region'], target: { kind: 'view', view } };
  const resolved = ctx.catalog.resolve(name);
  if (!resolved) return undefined;
  const { type, variant } = resolved;
  if (type.unavailable) {
    throw new CcsqlError(type.unavailable.code, `Table ${type.sqlName} (${type.typeName}) cannot be used: ${type.unavailable.reason}.`, { table: type.sqlName, typeName: type.typeName });
  }
  const writable = variant === 'full' && Boolean(type.handlers.create || type.handlers.update || type.handlers.delete);
  const own = (name: string) => type.columns.some((c) => c.name.toLowerCase() === name);
  const layout = layoutOf(type, variant);
  // The writable view also offers each list key under its property name (ImageName).
  const pushed = [...layout.parameters.map((p) => p.name), ...(writable ? [...layout.keys, ...layout.idParts].map((k) => k.property) : [])];
  return {
    readName: readNameOf(type, variant),
    ...(writable ? { writeName: writeNameOf(type) } : {}),
    shared: { identifier: own('identifier'), region: own('region'), account: own('account_id') },
    pushed,
    keywords: keywordColumns([...layout.parameters, ...layout.visible, ...layout.aliases].map((c) => c.name)),
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
  readonly #targets = new Map<string, TableTarget>();
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
    } else if (binding.target.kind === 'view') {
      for (const used of binding.target.view.uses) {
        const dependency = resolveBinding(this.#ctx, used);
        if (dependency) this.ensure(dependency.readName, dependency);
      }
      this.#db.exec(`CREATE TEMP VIEW IF NOT EXISTS "${name}" AS ${binding.target.view.sql}`);
    } else if (binding.target.kind === 'generic') {
      registerNativeTable(this.#db, name, binding.target.table.spec(this.#ctx));
    } else {
      registerNativeTable(this.#db, name, resourceTableSpec(this.#ctx, binding.target.type, binding.target.variant, name));
    }
    this.#registered.add(name);
    if (name === binding.readName) {
      this.#tables.add(name);
      this.#targets.set(name, binding.target);
    }
  }

  /** What a registered table function reads (a resource type's variant, a generic table). */
  targetOf(name: string): TableTarget | undefined {
    return this.#targets.get(name);
  }

  /** The names of every table function registered so far (not the writable views). */
  tables(): ReadonlySet<string> {
    return this.#tables;
  }
}
