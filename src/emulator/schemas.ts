/**
 * `ccsql emulator --schemas DIR`: registry schema files that add types to the emulated account or
 * override the bundled ones (a newer LogGroup, a private `Acme::Widgets::Thing`). They are served
 * by Cloud Control's operations and by the registry's ListTypes and DescribeType alike; a type of
 * an organisation other than AWS is a PRIVATE type of the account, registered when the emulator
 * starts.
 */
import { buildCatalog } from '../catalog/build.js';
import { catalogFromFiles, type Catalog } from '../catalog/index.js';
import { namespaceOf } from '../catalog/naming.js';
import { overlayCatalog } from '../catalog/overlay.js';
import { readSchemaDir } from '../catalog/read-schemas.js';
import type { RegistryEntry } from './registry.js';

export interface EmulatedRegistry {
  readonly catalog: Catalog;
  readonly entries: ReadonlyMap<string, RegistryEntry>;
}

export function withSchemas(base: Catalog, dir: string | undefined, now: number): EmulatedRegistry {
  if (dir === undefined) return { catalog: base, entries: new Map() };
  const schemas = readSchemaDir(dir);
  const built = buildCatalog(schemas, { optionsOf: (schema) => ({ namespace: namespaceOf(schema.typeName) }) });
  const lastUpdated = new Date(now).toISOString();
  const entries = new Map<string, RegistryEntry>(
    built.types.map((type) => [
      type.typeName,
      { visibility: type.sqlName.startsWith('awscc.') ? 'PUBLIC' : 'PRIVATE', lastUpdated, versionId: base.has(type.typeName) ? '00000002' : '00000001' },
    ]),
  );
  return { catalog: overlayCatalog(base, catalogFromFiles(built.files)), entries };
}
