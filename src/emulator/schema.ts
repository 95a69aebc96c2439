/** Walking a resource type's schema: `$ref` resolution into `definitions`. */
import type { JsonSchema, ResourceType } from '../catalog/types.js';
import { translateJavaPattern } from './java-regex.js';

export type TypeSchema = ResourceType['schema'];

/** Follows `$ref` chains (`#/definitions/X`); unknown refs resolve to an open schema. */
export function resolve(schema: JsonSchema | undefined, root: TypeSchema, depth = 0): JsonSchema {
  if (!schema) return {};
  if (!schema.$ref || depth > 20) return schema;
  const match = /#\/(definitions|properties)\/(.+)$/.exec(schema.$ref);
  if (!match) return {};
  const table = match[1] === 'definitions' ? root.definitions : root.properties;
  const target = table?.[match[2]];
  const { $ref: _ref, ...rest } = schema;
  void _ref;
  return resolve({ ...target, ...rest }, root, depth + 1);
}

export function propertySchema(type: ResourceType, property: string): JsonSchema {
  return resolve(type.schema.properties[property], type.schema);
}

/** The JSON types a schema allows; empty when it does not say. */
export function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.properties || schema.patternProperties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

/**
 * Compiles a schema `pattern` as AWS's Java validator reads it (java-regex.ts), or undefined where
 * JavaScript cannot read it at all.
 */
export function compilePattern(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined || pattern === '') return undefined;
  const cached = patternCache.get(pattern);
  if (cached !== undefined) return cached ?? undefined;
  const { source, flags } = translateJavaPattern(pattern);
  let compiled: RegExp | null = null;
  for (const attempt of [`${flags}u`, flags]) {
    try {
      compiled = new RegExp(source, [...new Set(attempt)].join(''));
      break;
    } catch {
      compiled = null;
    }
  }
  patternCache.set(pattern, compiled);
  return compiled ?? undefined;
}

const patternCache = new Map<string, RegExp | null>();
