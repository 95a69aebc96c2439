/**
 * All registry schemas → the committed catalog files. Pure and deterministic (entries sorted by
 * type name, JSON with a fixed key order), so the staleness test can compare strings.
 */

import { generateResourceType, invalid } from './generate.js';
import type { GenerateOptions, RegistrySchema } from './generate.js';
import { applySupplement, type Supplement } from './supplement.js';
import { singularResourceName } from './naming.js';
import { INDEX_FILE, serviceFilePath } from './files.js';
import type { CatalogIndex, IndexEntry, ServiceFile } from './files.js';
import type { ResourceType } from './types.js';

export { INDEX_FILE, serviceFilePath };
export type { CatalogIndex, IndexEntry, ServiceFile };

export interface CatalogStats {
  readonly types: number;
  readonly services: number;
  readonly listNeedsKeys: number;
  readonly noListHandler: number;
  readonly compoundPrimaryIdentifier: number;
  readonly withWriteOnly: number;
  readonly singularAliases: number;
  readonly columnAliases: number;
}

export interface BuiltCatalog {
  readonly types: readonly ResourceType[];
  /** Relative path → file content. */
  readonly files: ReadonlyMap<string, string>;
  readonly stats: CatalogStats;
}

/** Anything without a `typeName` (a README, a meta file) is not a resource schema and is skipped. */
export function isRegistrySchema(value: unknown): value is RegistrySchema {
  return typeof value === 'object' && value !== null && typeof (value as { typeName?: unknown }).typeName === 'string';
}

export interface BuildOptions {
  /** Properties and references from a second source, merged under the registry schemas. */
  readonly supplement?: Supplement;
  /** Per-schema naming and origin (the user catalog's private types, its account origin). */
  readonly optionsOf?: (schema: RegistrySchema) => GenerateOptions;
  /** What the catalog was made from, recorded in index.json (the staleness test compares it). */
  readonly inputs?: readonly string[];
}

export function buildCatalog(schemas: readonly RegistrySchema[], options: BuildOptions = {}): BuiltCatalog {
  const { supplement } = options;
  const generated = schemas
    .map((schema) => generateResourceType(schema, options.optionsOf?.(schema)))
    .map((type) => (supplement ? applySupplement(type, supplement.types.get(type.typeName), supplement.source) : type))
    .sort((a, b) => compare(a.typeName, b.typeName));
  checkUniqueTypeNames(generated);
  const taken = claimNames(generated);
  const types = generated.map((type) => withSingular(type, taken));
  const inputs = [...(options.inputs ?? []), ...(supplement ? [supplement.input] : [])];
  return { types, files: renderFiles(types, inputs), stats: statsOf(types) };
}

/** Canonical and `_list_only` names must be unique across the catalog: a clash is a generator bug. */
export function claimNames(types: readonly Pick<ResourceType, 'typeName' | 'sqlName'>[]): Map<string, string> {
  const taken = new Map<string, string>();
  for (const type of types) {
    for (const name of [type.sqlName, `${type.sqlName}_list_only`]) {
      const owner = taken.get(name);
      if (owner !== undefined) throw invalid(type.typeName, `would be table "${name}", which "${owner}" already is`);
      taken.set(name, type.typeName);
    }
  }
  return taken;
}

/** The singular alias is only a convenience: it is dropped where it would shadow another name. */
function withSingular(type: ResourceType, taken: Map<string, string>): ResourceType {
  const namespace = type.sqlName.split('.')[0];
  const singular = `${namespace}.${type.service}.${singularResourceName(type.typeName)}`;
  if (taken.has(singular)) return type;
  taken.set(singular, type.typeName);
  return { ...type, aliases: { singular, columns: type.aliases.columns } };
}

function checkUniqueTypeNames(types: readonly ResourceType[]): void {
  for (let i = 1; i < types.length; i++) {
    const type = types[i] as ResourceType;
    if (type.typeName === types[i - 1]?.typeName) throw invalid(type.typeName, 'appears in two schemas');
  }
}

function renderFiles(types: readonly ResourceType[], inputs: readonly string[]): Map<string, string> {
  const byService = new Map<string, ResourceType[]>();
  for (const type of types) byService.set(type.service, [...(byService.get(type.service) ?? []), type]);
  const files = new Map<string, string>();
  const index: CatalogIndex = { version: 1, ...(inputs.length > 0 ? { inputs } : {}), types: types.map(indexEntry) };
  files.set(INDEX_FILE, render(index, 1));
  for (const service of [...byService.keys()].sort(compare)) {
    const file: ServiceFile = { service, types: byService.get(service) ?? [] };
    files.set(serviceFilePath(service), render(file, 1));
  }
  return files;
}

function indexEntry(type: ResourceType): IndexEntry {
  return {
    typeName: type.typeName,
    sqlName: type.sqlName,
    service: type.service,
    ...(type.aliases.singular !== undefined ? { singular: type.aliases.singular } : {}),
    file: serviceFilePath(type.service),
  };
}

/** One space of indentation: readable diffs at a third of the size of two. */
function render(value: unknown, indent: number): string {
  return `${JSON.stringify(value, null, indent)}\n`;
}

function statsOf(types: readonly ResourceType[]): CatalogStats {
  const count = (test: (type: ResourceType) => boolean): number => types.filter(test).length;
  return {
    types: types.length,
    services: new Set(types.map((type) => type.service)).size,
    listNeedsKeys: count((t) => t.handlers.list !== undefined && t.listKeys.required.length > 0),
    noListHandler: count((t) => t.handlers.list === undefined),
    compoundPrimaryIdentifier: count((t) => t.primaryIdentifier.length > 1),
    withWriteOnly: count((t) => t.paths.writeOnly.length > 0),
    singularAliases: count((t) => t.aliases.singular !== undefined),
    columnAliases: types.reduce((sum, t) => sum + Object.keys(t.aliases.columns).length, 0),
  };
}

/** Code-point order, independent of the machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
