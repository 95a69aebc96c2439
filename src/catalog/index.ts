/**
 * The catalog at run time. Start-up parses only `index.json` (names); a type's full entry comes
 * from its service file, parsed on first use and kept, so looking up one table never parses the
 * other 1,488 types.
 *
 * @example
 * const table = defaultCatalog().resolve('awscc.sagemaker.images');
 * table?.type.primaryIdentifier; // ['ImageArn']
 */

import { readFileSync } from 'node:fs';
import { CcsqlError } from '../errors.js';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { INDEX_FILE } from './files.js';
import type { CatalogIndex, IndexEntry, ServiceFile } from './files.js';
import type { ResourceType } from './types.js';

export type { Column, Handler, HandlerName, JsonSchema, JsonType, ResourceType, Tagging } from './types.js';
export type { IndexEntry } from './files.js';

export interface ResolvedTable {
  readonly type: ResourceType;
  readonly variant: 'full' | 'list_only' | 'singular';
}

export interface Catalog {
  readonly size: number;
  /** What the catalog was generated from, as its index.json records it. */
  readonly inputs?: readonly string[];
  typeNames(): readonly string[];
  sqlNames(): readonly string[];
  services(): readonly string[];
  resourcesOf(service: string): readonly { sqlName: string; typeName: string }[];
  /** Whether the catalog has the type, answered from the index (no type file is read). */
  has(typeName: string): boolean;
  byTypeName(typeName: string): ResourceType | undefined;
  resolve(name: string): ResolvedTable | undefined;
  all(): Iterable<ResourceType>;
}

export interface LoadCatalogOptions {
  /** Reads a catalog file by absolute path; tests inject one to count what is parsed. */
  readonly readFile?: (path: string) => string;
}

export function loadCatalog(dir: string = defaultCatalogDir(), options: LoadCatalogOptions = {}): Catalog {
  const readFile = options.readFile ?? ((path: string) => readCatalogFile(path));
  const index = JSON.parse(readFile(join(dir, INDEX_FILE))) as CatalogIndex;
  return new LazyCatalog(dir, index.types, readFile, index.inputs);
}

/** A catalog file that cannot be read is a damaged catalog: say which file, and the way out. */
function readCatalogFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CcsqlError('INVALID_ARGUMENT', `The catalog file "${path}" cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): run ccsql catalog update to write the user catalog again, or ccsql catalog reset to go back to the bundled one.`, { path }, { cause: error });
  }
}

/** A catalog held in memory (the emulator's `--schemas`): the same loader over a map of files. */
export function catalogFromFiles(files: ReadonlyMap<string, string>): Catalog {
  const dir = '/in-memory-catalog';
  return loadCatalog(dir, {
    readFile: (path) => {
      const content = files.get(path.slice(dir.length + 1));
      if (content === undefined) throw new Error(`In-memory catalog has no file "${path}".`);
      return content;
    },
  });
}

/**
 * StackQL's awscc provider named Personalize and EventSchemas schemas `schemata` until its 2026
 * provider updates, and `schemas` since: pages written for either spelling keep working.
 */
const FORMER_SPELLINGS = /(?<=^awscc\.(?:personalize|eventschemas))\.schemata((?:_list_only)?)$/;

let memo: Catalog | undefined;

export function defaultCatalog(): Catalog {
  memo ??= loadCatalog();
  return memo;
}

/** The repo's `catalog/`: the folder holding package.json, found from this file (src/ or dist/). */
export function defaultCatalogDir(): string {
  return join(packageRoot(), 'catalog');
}

type Variant = ResolvedTable['variant'];

class LazyCatalog implements Catalog {
  readonly size: number;
  readonly inputs?: readonly string[];
  readonly #dir: string;
  readonly #entries: readonly IndexEntry[];
  readonly #readFile: (path: string) => string;
  readonly #byTypeName = new Map<string, IndexEntry>();
  readonly #byName = new Map<string, { entry: IndexEntry; variant: Variant }>();
  readonly #files = new Map<string, ReadonlyMap<string, ResourceType>>();

  constructor(dir: string, entries: readonly IndexEntry[], readFile: (path: string) => string, inputs?: readonly string[]) {
    if (inputs) this.inputs = Object.freeze([...inputs]);
    this.#dir = dir;
    this.#entries = entries;
    this.#readFile = readFile;
    this.size = entries.length;
    for (const entry of entries) {
      this.#byTypeName.set(entry.typeName, entry);
      this.#byName.set(entry.sqlName.toLowerCase(), { entry, variant: 'full' });
      this.#byName.set(`${entry.sqlName}_list_only`.toLowerCase(), { entry, variant: 'list_only' });
      if (entry.singular !== undefined) this.#byName.set(entry.singular.toLowerCase(), { entry, variant: 'singular' });
    }
  }

  typeNames(): readonly string[] {
    return this.#entries.map((entry) => entry.typeName);
  }

  sqlNames(): readonly string[] {
    return this.#entries.map((entry) => entry.sqlName);
  }

  services(): readonly string[] {
    return [...new Set(this.#entries.map((entry) => entry.service))].sort();
  }

  resourcesOf(service: string): readonly { sqlName: string; typeName: string }[] {
    const wanted = service.toLowerCase();
    return this.#entries
      .filter((entry) => entry.service === wanted)
      .map(({ sqlName, typeName }) => ({ sqlName, typeName }))
      .sort((a, b) => (a.sqlName < b.sqlName ? -1 : a.sqlName > b.sqlName ? 1 : 0));
  }

  has(typeName: string): boolean {
    return this.#byTypeName.has(typeName);
  }

  byTypeName(typeName: string): ResourceType | undefined {
    const entry = this.#byTypeName.get(typeName);
    return entry === undefined ? undefined : this.#load(entry);
  }

  /** `awscc.` or `aws.` (older pages) or a private type's own namespace, any case, optionally double-quoted as SQL writes it. */
  resolve(name: string): ResolvedTable | undefined {
    const bare = name.trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    const canonical = bare.startsWith('aws.') ? `awscc.${bare.slice(4)}` : bare;
    const hit = this.#byName.get(canonical) ?? this.#byName.get(canonical.replace(FORMER_SPELLINGS, (_, kept: string) => `.schemas${kept}`));
    return hit === undefined ? undefined : Object.freeze({ type: this.#load(hit.entry), variant: hit.variant });
  }

  *all(): Iterable<ResourceType> {
    for (const entry of this.#entries) yield this.#load(entry);
  }

  #load(entry: IndexEntry): ResourceType {
    let types = this.#files.get(entry.file);
    if (types === undefined) {
      const file = JSON.parse(this.#readFile(join(this.#dir, entry.file))) as ServiceFile;
      types = new Map(file.types.map((type) => [type.typeName, deepFreeze(type)]));
      this.#files.set(entry.file, types);
    }
    const type = types.get(entry.typeName);
    if (type === undefined) throw new Error(`Catalog file "${entry.file}" has no entry for "${entry.typeName}".`);
    return type;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
