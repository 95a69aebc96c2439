/**
 * Desired-state validation against a resource type's schema, with the messages CloudFormation's
 * handler framework gives (`Model validation failed (#/Name: ...)`). Read-only properties are not
 * part of the input schema, so giving one reads as an extraneous key, as it does on AWS.
 */
import type { JsonSchema, ResourceType } from '../catalog/types.js';
import { isObject, schemaPathSegments } from './pointer.js';
import { compilePattern, resolve, typesOf, type TypeSchema } from './schema.js';

/** Returns the validation failures of `model`, empty when it is valid. */
export function validateModel(type: ResourceType, model: unknown, options: { allowReadOnly?: boolean } = {}): string[] {
  if (!isObject(model)) return ['#: expected type: JSONObject, found: ' + jsonTypeName(model)];
  const problems: string[] = [];
  const topReadOnly = new Set(type.readOnly);
  for (const key of Object.keys(model)) {
    const known = key in type.schema.properties;
    if (!known && type.schema.additionalProperties !== true) problems.push(`#: extraneous key [${key}] is not permitted`);
    else if (topReadOnly.has(key) && !options.allowReadOnly) problems.push(`#: extraneous key [${key}] is not permitted`);
  }
  for (const key of type.required) {
    if (!(key in model) && !topReadOnly.has(key)) problems.push(`#: required key [${key}] not found`);
  }
  problems.push(...checkAlternatives(type, model));
  for (const [key, value] of Object.entries(model)) {
    const schema = type.schema.properties[key];
    if (schema && value !== null) problems.push(...validateValue(value, schema, type.schema, `#/${key}`));
  }
  if (!options.allowReadOnly) problems.push(...nestedReadOnly(type, model));
  return problems;
}

function checkAlternatives(type: ResourceType, model: Record<string, unknown>): string[] {
  const sets = type.requiredAlternatives;
  if (sets.length === 0) return [];
  if (sets.some((set) => set.every((key) => key in model))) return [];
  return [`#: required key [${sets[0].find((key) => !(key in model)) ?? sets[0][0]}] not found`];
}

function nestedReadOnly(type: ResourceType, model: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const path of type.paths.readOnly) {
    const segments = schemaPathSegments(path);
    if (segments.length < 2 || segments.includes('*')) continue;
    let node: unknown = model;
    for (const segment of segments.slice(0, -1)) node = isObject(node) ? node[segment] : undefined;
    const last = segments[segments.length - 1];
    if (isObject(node) && last in node) {
      problems.push(`#/${segments.slice(0, -1).join('/')}: extraneous key [${last}] is not permitted`);
    }
  }
  return problems;
}

/** Validates one value against a schema fragment; `at` is the everit-style location (`#/A/0/B`). */
export function validateValue(value: unknown, raw: JsonSchema, root: TypeSchema, at: string): string[] {
  const schema = resolve(raw, root);
  const typeProblem = checkType(value, schema, at);
  if (typeProblem) return [typeProblem];
  const problems = [...checkScalar(value, schema, at), ...checkCombinators(value, schema, root, at)];
  if (isObject(value)) problems.push(...checkObject(value, schema, root, at));
  if (Array.isArray(value)) problems.push(...checkArray(value, schema, root, at));
  return problems;
}

function checkType(value: unknown, schema: JsonSchema, at: string): string | undefined {
  const allowed = typesOf(schema);
  if (allowed.length === 0 || allowed.some((t) => matchesType(value, t))) return undefined;
  // everit validates "integer" with its number schema: a non-number is "expected type: Number".
  const expected = allowed[0] === 'integer' && typeof value !== 'number' ? 'number' : allowed[0];
  return `${at}: expected type: ${capitalise(expected)}, found: ${jsonTypeName(value)}`;
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    case 'null':
      return value === null;
    default:
      return true;
  }
}

function checkScalar(value: unknown, schema: JsonSchema, at: string): string[] {
  const problems: string[] = [];
  const fail = (keyword: string) => problems.push(`${at}: failed validation constraint for keyword [${keyword}]`);
  if (schema.enum && !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))) {
    problems.push(`${at}: ${JSON.stringify(value)} is not a valid enum value`);
  }
  if (schema.const !== undefined && JSON.stringify(schema.const) !== JSON.stringify(value)) fail('const');
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && [...value].length < schema.minLength) fail('minLength');
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) fail('maxLength');
    const pattern = compilePattern(schema.pattern);
    if (pattern && !pattern.test(value)) fail('pattern');
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) fail('minimum');
    if (schema.maximum !== undefined && value > schema.maximum) fail('maximum');
  }
  return problems;
}

function checkCombinators(value: unknown, schema: JsonSchema, root: TypeSchema, at: string): string[] {
  const problems: string[] = [];
  for (const part of schema.allOf ?? []) problems.push(...validateValue(value, part, root, at));
  if (schema.anyOf && !schema.anyOf.some((part) => validateValue(value, part, root, at).length === 0)) {
    problems.push(`${at}: #: no subschema matched out of the total ${schema.anyOf.length} subschemas`);
  }
  if (schema.oneOf) {
    const matches = schema.oneOf.filter((part) => validateValue(value, part, root, at).length === 0).length;
    if (matches !== 1) problems.push(`${at}: #: ${matches} subschemas matched instead of one`);
  }
  return problems;
}

function checkObject(value: Record<string, unknown>, schema: JsonSchema, root: TypeSchema, at: string): string[] {
  const problems: string[] = [];
  for (const key of schema.required ?? []) {
    if (!(key in value)) problems.push(`${at}: required key [${key}] not found`);
  }
  for (const [key, child] of Object.entries(value)) {
    const childSchema = schemaForKey(schema, key);
    if (childSchema === false) problems.push(`${at}: extraneous key [${key}] is not permitted`);
    else if (childSchema && child !== null) problems.push(...validateValue(child, childSchema, root, `${at}/${key}`));
  }
  return problems;
}

function schemaForKey(schema: JsonSchema, key: string): JsonSchema | false | undefined {
  if (schema.properties?.[key]) return schema.properties[key];
  for (const [pattern, child] of Object.entries(schema.patternProperties ?? {})) {
    if (compilePattern(pattern)?.test(key) ?? true) return child;
  }
  if (schema.additionalProperties === false && (schema.properties || schema.patternProperties)) return false;
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}

function checkArray(value: unknown[], schema: JsonSchema, root: TypeSchema, at: string): string[] {
  const problems: string[] = [];
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    problems.push(`${at}: expected minimum item count: ${schema.minItems}, found: ${value.length}`);
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    problems.push(`${at}: expected maximum item count: ${schema.maxItems}, found: ${value.length}`);
  }
  if (schema.items) {
    value.forEach((item, index) => problems.push(...validateValue(item, schema.items!, root, `${at}/${index}`)));
  }
  return problems;
}

function jsonTypeName(value: unknown): string {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'JSONArray';
  if (typeof value === 'object') return 'JSONObject';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'BigDecimal';
  return capitalise(typeof value);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function validationMessage(problems: readonly string[]): string {
  return `Model validation failed (${problems.join('\n')})`;
}
