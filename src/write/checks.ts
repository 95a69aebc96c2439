/**
 * What ccsql checks before a write statement sends anything: required properties (and the schema's
 * alternative sets of them), read-only and create-only properties, and values outside a schema
 * `enum`. Each failure is one CcsqlError naming the table and column, raised before the first call.
 */

import type { JsonSchema, ResourceType } from '../catalog/types.js';
import { CcsqlError } from '../errors.js';
import { columnOfProperty } from './columns.js';
import { unescapePointer, type PatchOperation } from './diff.js';
import { preview } from './values.js';

type Model = Record<string, unknown>;

export function checkRequired(type: ResourceType, table: string, model: Model): void {
  const missing = type.required.find((p) => model[p] === undefined);
  if (missing) {
    const column = columnOfProperty(type, missing);
    throw new CcsqlError('MISSING_REQUIRED', `INSERT into ${table} needs ${column} (${missing}): add it to the column list.`, { table, column });
  }
  const alternatives = type.requiredAlternatives;
  if (alternatives.length === 0 || alternatives.some((set) => set.every((p) => model[p] !== undefined))) return;
  const sets = alternatives.map((set) => set.map((p) => columnOfProperty(type, p)).join(' and '));
  const column = columnOfProperty(type, alternatives[0]!.find((p) => model[p] === undefined)!);
  throw new CcsqlError('MISSING_REQUIRED', `INSERT into ${table} needs one of: ${sets.join('; ')}.`, { table, column });
}

export function checkNotReadOnly(type: ResourceType, table: string, properties: Iterable<string>, verb: 'INSERT' | 'UPDATE'): void {
  for (const p of properties) {
    if (!type.readOnly.includes(p)) continue;
    const column = columnOfProperty(type, p);
    const way = verb === 'INSERT' ? 'leave it out of the INSERT' : 'leave it out of the SET list';
    throw new CcsqlError('READ_ONLY_COLUMN', `Column "${column}" of ${table} is read-only (Cloud Control sets it): ${way}.`, { table, column });
  }
}

/** A patch may not touch a create-only or read-only path, nested ones included. */
export function checkPatchPaths(type: ResourceType, table: string, operations: readonly PatchOperation[]): void {
  for (const operation of operations) {
    const segments = operation.path.split('/').slice(1).map(unescapePointer);
    const column = columnOfProperty(type, segments[0] ?? '');
    if (covers(type.paths.createOnly, segments)) {
      throw new CcsqlError(
        'CREATE_ONLY_COLUMN',
        `Column "${column}" of ${table} can only be set when the resource is created (${operation.path}): delete and insert the resource to change it.`,
        { table, column, path: operation.path },
      );
    }
    if (covers(type.paths.readOnly, segments)) {
      throw new CcsqlError('READ_ONLY_COLUMN', `Column "${column}" of ${table} is read-only (${operation.path}): Cloud Control sets it, leave it out of the update.`, {
        table,
        column,
        path: operation.path,
      });
    }
  }
}

/** Does a schema pointer (`/properties/A/*\/B`) cover the patch path segments (or a parent of them)? */
function covers(pointers: readonly string[], segments: readonly string[]): boolean {
  return pointers.some((pointer) => {
    const schema = pointer.split('/').slice(2).map(unescapePointer);
    if (schema.length > segments.length) return false;
    return schema.every((s, i) => s === '*' || s === segments[i]);
  });
}

/** Values outside an `enum`, at any depth the schema describes with properties and items. */
export function checkEnums(type: ResourceType, table: string, model: Model): void {
  for (const [property, value] of Object.entries(model)) {
    const schema = type.schema.properties[property];
    if (schema) walk(type, schema, value, `/${property}`, (path, allowed) => enumError(type, table, property, path, value, allowed));
  }
}

function walk(type: ResourceType, schema: JsonSchema, value: unknown, path: string, fail: (path: string, allowed: unknown[]) => never, depth = 0): void {
  const resolved = resolve(type, schema);
  if (!resolved || value === undefined || depth > 20) return;
  if (Array.isArray(resolved.enum) && !resolved.enum.some((e) => e === value)) fail(path, resolved.enum);
  if (Array.isArray(value) && resolved.items) {
    value.forEach((item, i) => walk(type, resolved.items!, item, `${path}/${i}`, fail, depth + 1));
  } else if (value && typeof value === 'object' && resolved.properties) {
    for (const [key, inner] of Object.entries(value as Model)) {
      const child = resolved.properties[key];
      if (child) walk(type, child, inner, `${path}/${key}`, fail, depth + 1);
    }
  }
}

function resolve(type: ResourceType, schema: JsonSchema): JsonSchema | undefined {
  let current: JsonSchema | undefined = schema;
  for (let hops = 0; current?.$ref && hops < 10; hops += 1) {
    const name: string | undefined = /^#\/definitions\/(.+)$/.exec(current.$ref)?.[1];
    current = name ? type.schema.definitions?.[name] : undefined;
  }
  return current;
}

function enumError(type: ResourceType, table: string, property: string, path: string, value: unknown, allowed: unknown[]): never {
  const column = columnOfProperty(type, property);
  const at = path === `/${property}` ? '' : ` at ${path}`;
  const shown = path === `/${property}` ? value : pick(value, path.split('/').slice(2));
  const choices = allowed.map((a) => (typeof a === 'string' ? `'${a}'` : String(a))).join(', ');
  throw new CcsqlError('INVALID_VALUE', `Column "${column}" of ${table}${at} takes one of ${choices}, not ${preview(typeof shown === 'object' ? JSON.stringify(shown) : shown)}.`, {
    table,
    column,
    path,
    allowed,
  });
}

function pick(value: unknown, segments: string[]): unknown {
  return segments.reduce<unknown>((v, s) => (v && typeof v === 'object' ? (v as Model)[s] : undefined), value);
}
