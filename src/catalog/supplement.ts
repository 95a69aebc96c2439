/**
 * What a second source knows about a type beyond its registry schema: properties the schema lacks
 * (as columns marked with their source) and cross-type references (`refersTo`). The bundled catalog
 * takes one from the AWS CDK's service specification (scripts/service-spec.ts reads the package,
 * at generation time only); the user catalog carries the bundled type's over to the account's
 * newer schema. The registry schema stays authoritative for everything it has: a supplement never
 * changes an existing column, handler, permission, write-only marker or list key.
 */

import { validateResourceType } from './generate.js';
import { columnName } from './naming.js';
import type { Column, ColumnSource, JsonSchema, JsonType, Reference, ResourceType } from './types.js';

export interface SupplementProperty {
  readonly property: string;
  readonly type: JsonType;
  /** A shallow JSON Schema of the value (the type only: the endpoint validates the rest). */
  readonly schema: JsonSchema;
  readonly description?: string;
  readonly readOnly?: boolean;
  readonly createOnly?: boolean;
}

export interface TypeSupplement {
  readonly properties: readonly SupplementProperty[];
  /** Property name → what it refers to; for registry properties and supplement ones alike. */
  readonly refersTo: Readonly<Record<string, readonly Reference[]>>;
}

export interface Supplement {
  /** Names the input in the catalog's index (`@aws-cdk/aws-service-spec@0.1.216`). */
  readonly input: string;
  readonly source: ColumnSource;
  readonly types: ReadonlyMap<string, TypeSupplement>;
}

/** The type with the supplement's properties added as columns and its references marked. */
export function applySupplement(type: ResourceType, supplement: TypeSupplement | undefined, source: ColumnSource): ResourceType {
  if (supplement === undefined) return type;
  const known = new Set(type.columns.map((c) => c.property));
  const names = new Set(type.columns.map((c) => c.name));
  const added = supplement.properties.filter((p) => !known.has(p.property) && !names.has(columnName(p.property)));
  const columns: Column[] = [
    ...type.columns,
    ...added.map((p) => ({
      name: columnName(p.property),
      property: p.property,
      type: p.type,
      ...(p.description !== undefined ? { description: p.description } : {}),
      source,
    })),
  ].map((column) => withReferences(column, supplement.refersTo[column.property]));
  const readOnly = added.filter((p) => p.readOnly).map((p) => p.property);
  const createOnly = added.filter((p) => p.createOnly && !p.readOnly).map((p) => p.property);
  const pointers = (names: readonly string[]) => names.map((p) => `/properties/${p}`);
  const merged: ResourceType = {
    ...type,
    columns,
    readOnly: [...type.readOnly, ...readOnly],
    createOnly: [...type.createOnly, ...createOnly],
    paths: {
      ...type.paths,
      readOnly: [...type.paths.readOnly, ...pointers(readOnly)],
      createOnly: [...type.paths.createOnly, ...pointers(createOnly)],
    },
    schema: { ...type.schema, properties: { ...type.schema.properties, ...Object.fromEntries(added.map((p) => [p.property, p.schema])) } },
  };
  validateResourceType(merged);
  return merged;
}

function withReferences(column: Column, refs: readonly Reference[] | undefined): Column {
  if (refs === undefined || refs.length === 0 || column.refersTo !== undefined) return column;
  return { ...column, refersTo: refs.map((r) => ({ typeName: r.typeName, property: r.property })) };
}

/** What a catalog entry itself carries over: its supplement-sourced columns and every reference. */
export function supplementOf(type: ResourceType, source: ColumnSource): TypeSupplement {
  const properties = type.columns
    .filter((c) => c.source === source)
    .map((c) => ({
      property: c.property,
      type: c.type,
      schema: type.schema.properties[c.property] ?? {},
      ...(c.description !== undefined ? { description: c.description } : {}),
      ...(type.readOnly.includes(c.property) ? { readOnly: true } : {}),
      ...(type.createOnly.includes(c.property) ? { createOnly: true } : {}),
    }));
  const refersTo = Object.fromEntries(type.columns.filter((c) => c.refersTo !== undefined).map((c) => [c.property, c.refersTo!]));
  return { properties, refersTo };
}
