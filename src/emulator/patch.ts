/** RFC 6902 JSON Patch, applied to a copy of a resource model. */
import { deepClone, isObject, unescape } from './pointer.js';
import type { JsonObject } from './types.js';

export interface PatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: unknown;
  from?: string;
}

export class PatchError extends Error {}

/** Parses and shape-checks a PatchDocument string. */
export function parsePatch(text: string): PatchOperation[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PatchError('PatchDocument is not valid JSON');
  }
  if (!Array.isArray(parsed)) throw new PatchError('PatchDocument must be a JSON array of operations');
  return parsed.map((entry, index) => checkOperation(entry, index));
}

function checkOperation(entry: unknown, index: number): PatchOperation {
  const ops = ['add', 'remove', 'replace', 'move', 'copy', 'test'];
  if (!isObject(entry) || typeof entry.op !== 'string' || !ops.includes(entry.op)) {
    throw new PatchError(`Patch operation ${index} has no valid "op"`);
  }
  if (typeof entry.path !== 'string' || (entry.path !== '' && !entry.path.startsWith('/'))) {
    throw new PatchError(`Patch operation ${index} has no valid "path"`);
  }
  if (['add', 'replace', 'test'].includes(entry.op) && !('value' in entry)) {
    throw new PatchError(`Patch operation ${index} (${entry.op}) has no "value"`);
  }
  if (['move', 'copy'].includes(entry.op) && typeof entry.from !== 'string') {
    throw new PatchError(`Patch operation ${index} (${entry.op}) has no "from"`);
  }
  return entry as unknown as PatchOperation;
}

export function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.split('/').slice(1).map(unescape);
}

/** Applies `operations` to a copy of `model`; throws PatchError as RFC 6902 requires. */
export function applyPatch(model: JsonObject, operations: readonly PatchOperation[]): JsonObject {
  let doc: unknown = deepClone(model);
  for (const operation of operations) doc = applyOne(doc, operation);
  if (!isObject(doc)) throw new PatchError('The patched resource model is not a JSON object');
  return doc;
}

function applyOne(doc: unknown, operation: PatchOperation): unknown {
  const path = pointerSegments(operation.path);
  switch (operation.op) {
    case 'add':
      return add(doc, path, deepClone(operation.value));
    case 'remove':
      return remove(doc, path).doc;
    case 'replace':
      return add(remove(doc, path).doc, path, deepClone(operation.value));
    case 'move': {
      const taken = remove(doc, pointerSegments(operation.from!));
      return add(taken.doc, path, taken.value);
    }
    case 'copy':
      return add(doc, path, deepClone(get(doc, pointerSegments(operation.from!))));
    case 'test':
      if (JSON.stringify(get(doc, path)) !== JSON.stringify(operation.value)) {
        throw new PatchError(`Patch test failed at "${operation.path}"`);
      }
      return doc;
  }
}

function get(doc: unknown, path: readonly string[]): unknown {
  let node = doc;
  for (const segment of path) {
    if (Array.isArray(node) && /^\d+$/.test(segment) && Number(segment) < node.length) node = node[Number(segment)];
    else if (isObject(node) && segment in node) node = node[segment];
    else throw new PatchError(`Path "/${path.join('/')}" does not exist`);
  }
  return node;
}

function add(doc: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = get(doc, path.slice(0, -1));
  const key = path[path.length - 1];
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (!/^(\d+|-)$/.test(key) || index > parent.length) throw new PatchError(`Invalid array index "${key}"`);
    parent.splice(index, 0, value);
  } else if (isObject(parent)) {
    parent[key] = value;
  } else {
    throw new PatchError(`Path "/${path.join('/')}" does not exist`);
  }
  return doc;
}

function remove(doc: unknown, path: readonly string[]): { doc: unknown; value: unknown } {
  if (path.length === 0) return { doc: undefined, value: doc };
  const value = get(doc, path);
  const parent = get(doc, path.slice(0, -1));
  const key = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete (parent as JsonObject)[key];
  return { doc, value };
}
