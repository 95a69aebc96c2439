/**
 * Reading the registry schemas: compacting property schemas for the catalog and deriving a
 * column's JSON type. Both walk JSON Schema as keywords, not as plain objects, because a property
 * may itself be called `description` or `type`.
 */

import { JSON_TYPES } from './types.js';
import type { JsonSchema, JsonType } from './types.js';

/** Keywords that only document; everything else is needed to validate or synthesise values. */
const DOC_KEYWORDS = new Set(['description', 'markdownDescription', '$comment', 'examples', 'title', 'documentationUrl']);
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions']);
/** Keywords whose value is a schema or a list of schemas. */
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'oneOf', 'anyOf', 'allOf', 'not', 'contains']);

export function stripDocs(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DOC_KEYWORDS.has(key)) continue;
    if (SCHEMA_MAPS.has(key) && isObject(value)) out[key] = stripMap(value as Record<string, JsonSchema>);
    else if (SCHEMA_VALUES.has(key)) out[key] = stripValue(value);
    else out[key] = value;
  }
  return out;
}

export function stripMap(map: Readonly<Record<string, JsonSchema>>): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [name, sub] of Object.entries(map)) out[name] = isObject(sub) ? stripDocs(sub) : sub;
  return out;
}

function stripValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (isObject(item) ? stripDocs(item as JsonSchema) : item));
  return isObject(value) ? stripDocs(value as JsonSchema) : value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The JSON type of a property, as StackQL documents it: `$ref`s resolved, a `["object","string"]`
 * union read as its non-object member (StackQL's choice), a schema with only `properties` or
 * `patternProperties` (or nothing at all: free-form JSON) an object.
 */
export function jsonTypeOf(schema: JsonSchema, definitions: Readonly<Record<string, JsonSchema>>, depth = 0): JsonType {
  if (depth > 20) return 'object';
  const { type } = schema;
  if (typeof type === 'string') return asJsonType(type);
  if (Array.isArray(type) && type.length > 0) return asJsonType(type.find((t) => t !== 'object') ?? 'object');
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/definitions/')) {
    const target = definitions[ref.slice('#/definitions/'.length)];
    if (target !== undefined) return jsonTypeOf(target, definitions, depth + 1);
  }
  for (const branches of [schema.allOf, schema.oneOf, schema.anyOf]) {
    const typed = branches?.map((branch) => jsonTypeOf(branch, definitions, depth + 1));
    if (typed !== undefined && typed.length > 0) return typed[0] as JsonType;
  }
  if (schema.items !== undefined) return 'array';
  return 'object';
}

function asJsonType(type: string): JsonType {
  return (JSON_TYPES as readonly string[]).includes(type) ? (type as JsonType) : 'string';
}
