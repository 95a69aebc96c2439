/**
 * Builds a desired state that a resource type's schema accepts: required properties (nested ones
 * too), enums, simple patterns, length and range bounds, oneOf/anyOf alternatives. Used by the generic
 * emulator test and by anyone who needs a valid resource of an arbitrary type.
 */
import type { JsonSchema, ResourceType } from '../../src/catalog/types.js';
import { samplePattern } from '../../src/emulator/sample.js';
import { resolve, typesOf, type TypeSchema } from '../../src/emulator/schema.js';
import { validateModel, validateValue } from '../../src/emulator/validate.js';

export interface SynthesiseOptions {
  random?: () => number;
}

/** A valid desired state for `type`, or undefined when its schema defeats the generator. */
export function synthesise(type: ResourceType, options: SynthesiseOptions = {}): Record<string, unknown> | undefined {
  const random = options.random ?? Math.random;
  const alternatives = type.requiredAlternatives.length > 0 ? type.requiredAlternatives : [[]];
  for (const alternative of alternatives) {
    const model = synthesiseWith(type, [...type.required, ...alternative, ...type.listKeys.required], random);
    if (model && validateModel(type, model).length === 0) return model;
  }
  return undefined;
}

function synthesiseWith(type: ResourceType, properties: string[], random: () => number): Record<string, unknown> | undefined {
  const model: Record<string, unknown> = {};
  for (const property of new Set(properties)) {
    if (type.readOnly.includes(property) || !(property in type.schema.properties)) continue;
    const value = valueFor(type.schema.properties[property], type.schema, random, 0);
    if (value === undefined) return undefined;
    model[property] = value;
  }
  return model;
}

/** A valid value for one property, distinct from `avoid` where the schema allows. */
export function synthesiseProperty(
  type: ResourceType,
  property: string,
  options: SynthesiseOptions & { avoid?: unknown } = {},
): unknown {
  const random = options.random ?? Math.random;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const value = valueFor(type.schema.properties[property], type.schema, random, 0);
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(options.avoid)) return value;
  }
  return undefined;
}

const MAX_DEPTH = 8;

function valueFor(raw: JsonSchema | undefined, root: TypeSchema, random: () => number, depth: number): unknown {
  if (!raw || depth > MAX_DEPTH) return undefined;
  const schema = resolve(raw, root);
  const value = candidate(schema, root, random, depth);
  if (value === undefined) return undefined;
  return validateValue(value, schema, root, '#').length === 0 ? value : undefined;
}

function candidate(schema: JsonSchema, root: TypeSchema, random: () => number, depth: number): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  for (const options of [schema.oneOf, schema.anyOf]) {
    if (!options) continue;
    for (const option of options) {
      const merged = merge({ ...schema, oneOf: undefined, anyOf: undefined }, resolve(option, root));
      const value = candidate(merged, root, random, depth + 1);
      if (value !== undefined && validateValue(value, schema, root, '#').length === 0) return value;
    }
  }
  if (schema.allOf) {
    const merged = schema.allOf.reduce<JsonSchema>((acc, part) => merge(acc, resolve(part, root)), { ...schema, allOf: undefined });
    return candidate(merged, root, random, depth + 1);
  }
  const type = typesOf(schema)[0] ?? 'string';
  switch (type) {
    case 'string':
      return stringFor(schema, random);
    case 'integer':
    case 'number':
      return numberFor(schema);
    case 'boolean':
      return true;
    case 'array':
      return arrayFor(schema, root, random, depth);
    case 'object':
      return objectFor(schema, root, random, depth);
    default:
      return undefined;
  }
}

function merge(a: JsonSchema, b: JsonSchema): JsonSchema {
  return {
    ...a,
    ...b,
    properties: { ...a.properties, ...b.properties },
    required: [...(a.required ?? []), ...(b.required ?? [])],
  };
}

function stringFor(schema: JsonSchema, random: () => number): string | undefined {
  const { minLength, maxLength } = schema;
  if (schema.pattern) return samplePattern(schema.pattern, { random, minLength, maxLength });
  const formats: Record<string, string> = {
    'date-time': new Date(0).toISOString(),
    date: '2026-01-01',
    uri: 'https://example.com/ccsql',
    email: 'ccsql@example.com',
    ipv4: '10.0.0.1',
  };
  if (schema.format && formats[schema.format]) return formats[schema.format];
  let text = 'ccsql' + Math.floor(random() * 1e8).toString(36);
  while (minLength !== undefined && text.length < minLength) text += 'x';
  return maxLength !== undefined ? text.slice(0, Math.max(maxLength, minLength ?? 0)) : text;
}

function numberFor(schema: JsonSchema): number {
  const low = schema.minimum ?? 1;
  return schema.maximum !== undefined ? Math.min(low, schema.maximum) : low;
}

function arrayFor(schema: JsonSchema, root: TypeSchema, random: () => number, depth: number): unknown[] | undefined {
  const count = Math.max(schema.minItems ?? 1, 1);
  if (schema.maxItems === 0) return [];
  const items: unknown[] = [];
  for (let i = 0; i < count; i += 1) {
    const item = valueFor(schema.items ?? { type: 'string' }, root, random, depth + 1);
    if (item === undefined) return schema.minItems ? undefined : [];
    items.push(item);
  }
  return items;
}

function objectFor(schema: JsonSchema, root: TypeSchema, random: () => number, depth: number): object | undefined {
  const out: Record<string, unknown> = {};
  for (const key of schema.required ?? []) {
    const child = schema.properties?.[key] ?? patternChild(schema) ?? { type: 'string' };
    const value = valueFor(child, root, random, depth + 1);
    if (value === undefined) return undefined;
    out[key] = value;
  }
  return out;
}

function patternChild(schema: JsonSchema): JsonSchema | undefined {
  return Object.values(schema.patternProperties ?? {})[0];
}
