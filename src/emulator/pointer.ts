/**
 * JSON pointers as the registry schemas write them (`/properties/A/B`, `*` for every array item), and
 * RFC 6901 pointers as PatchDocuments use them.
 */
import type { JsonObject } from './types.js';

/** `/properties/Tags/*\/Key` → `['Tags', '*', 'Key']`. */
export function schemaPathSegments(path: string): string[] {
  const parts = path.split('/').slice(1).map(unescape);
  return parts[0] === 'properties' ? parts.slice(1) : parts;
}

export function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Removes every value a schema path names (wildcards included) from `model`, in place. */
export function removePath(model: unknown, segments: readonly string[]): void {
  if (segments.length === 0 || model === null || typeof model !== 'object') return;
  const [head, ...rest] = segments;
  const children = childrenOf(model, head);
  if (rest.length === 0) {
    if (Array.isArray(model)) return;
    if (head === '*') for (const key of Object.keys(model)) delete (model as JsonObject)[key];
    else delete (model as JsonObject)[head];
    return;
  }
  for (const child of children) removePath(child, rest);
}

/** True when a value exists at the schema path anywhere in `model`. */
export function hasPath(model: unknown, segments: readonly string[]): boolean {
  if (segments.length === 0) return model !== undefined;
  if (model === null || typeof model !== 'object') return false;
  const [head, ...rest] = segments;
  return childrenOf(model, head).some((child) => hasPath(child, rest));
}

function childrenOf(model: object, segment: string): unknown[] {
  if (Array.isArray(model)) return segment === '*' ? model : [model[Number(segment)]];
  const record = model as JsonObject;
  if (segment === '*') return Object.values(record);
  return segment in record ? [record[segment]] : [];
}

/** Whether the patch path `/A/0/B` falls under the schema path `/properties/A/*\/B` (or names a parent of it). */
export function pathCovers(schemaPath: readonly string[], patchPath: readonly string[]): boolean {
  const length = Math.min(schemaPath.length, patchPath.length);
  for (let i = 0; i < length; i += 1) {
    if (schemaPath[i] !== '*' && schemaPath[i] !== patchPath[i]) return false;
  }
  return true;
}

export function deepClone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** The value at a catalog property path (`Schedule/ScheduleId` names a nested property). */
export function getAt(model: JsonObject, path: string): unknown {
  let node: unknown = model;
  for (const segment of path.split('/')) node = isObject(node) ? node[segment] : undefined;
  return node;
}

/** Sets a value at a catalog property path, creating the objects on the way. */
export function setAt(model: JsonObject, path: string, value: unknown): void {
  const segments = path.split('/');
  let node = model;
  for (const segment of segments.slice(0, -1)) {
    if (!isObject(node[segment])) node[segment] = {};
    node = node[segment] as JsonObject;
  }
  node[segments[segments.length - 1]] = value;
}
