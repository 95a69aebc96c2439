/**
 * RFC 6902 JSON Patch, applied to a copy of a resource model. Applying is `rfc6902`'s (maintained,
 * written in TypeScript, run against the json-patch test suite, and its `test` op compares values
 * structurally, so `{"a":1,"b":2}` tests equal to `{"b":2,"a":1}`); what stays ours is the shape
 * check of a PatchDocument and the wording of the errors the emulator answers with.
 */
import { applyPatch as applyRfc6902, type Operation } from 'rfc6902';
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
  if (typeof entry.path !== 'string' || !entry.path.startsWith('/')) {
    throw new PatchError(`Patch operation ${index} has no valid "path"`);
  }
  if (['add', 'replace', 'test'].includes(entry.op) && !('value' in entry)) {
    throw new PatchError(`Patch operation ${index} (${entry.op}) has no "value"`);
  }
  if (['move', 'copy'].includes(entry.op) && (typeof entry.from !== 'string' || !entry.from.startsWith('/'))) {
    throw new PatchError(`Patch operation ${index} (${entry.op}) has no "from"`);
  }
  return entry as unknown as PatchOperation;
}

export function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.split('/').slice(1).map(unescape);
}

/** Applies `operations` to a copy of `model`; the first failing operation throws PatchError. */
export function applyPatch(model: JsonObject, operations: readonly PatchOperation[]): JsonObject {
  const doc = deepClone(model);
  const results = applyRfc6902(doc, operations as Operation[]);
  const index = results.findIndex((result) => result !== null);
  if (index >= 0) throw new PatchError(describe(results[index]!, operations[index]));
  return doc;
}

function describe(error: Error, operation: PatchOperation): string {
  if (error.name === 'TestError') return `Patch test failed at "${operation.path}"`;
  // AWS words a replace or remove of a path the read model lacks (a write-only one, always) so:
  // `noSuchPath in source, path provided : //LoginProfile/Password` (hashicorp/terraform-provider-awscc#1377).
  if (error.name === 'MissingError') return `noSuchPath in source, path provided : /${operation.path}`;
  return `Patch operation "${operation.op}" at "${operation.path}" is invalid`;
}
