/**
 * The model an UPDATE's patch is made against: the row as Cloud Control read it. Write-only values
 * are never in it (a read does not return them), so a patch sends them with `add`, as Cloud Control
 * applies the patch to that same read model. A read-only key inside an object column (Synthetics
 * `Code/SourceLocationArn`) is one the user cannot write, so an object given without it keeps it
 * rather than removing it (a removal would be refused as a read-only path).
 */

import type { ResourceType } from '../catalog/types.js';
import { unescapePointer } from './diff.js';

type Model = Record<string, unknown>;

/** A copy of `model` as Cloud Control's read returns it: without write-only values, at any depth. */
export function withoutWriteOnly(type: ResourceType, model: Model): Model {
  const copy = structuredClone(model);
  for (const pointer of type.paths.writeOnly) removeAt(copy, segmentsOf(pointer));
  return copy;
}

/** The live model to diff `values` against: as read, less the nested read-only keys `values` leaves out. */
export function diffBase(type: ResourceType, live: Model, values: Model): Model {
  const base = withoutWriteOnly(type, live);
  for (const pointer of type.paths.readOnly) {
    const segments = segmentsOf(pointer);
    if (segments.length < 2 || segments.includes('*') || !(segments[0]! in values)) continue;
    if (valueAt(values, segments) === undefined) removeAt(base, segments);
  }
  return base;
}

function segmentsOf(pointer: string): string[] {
  return pointer.split('/').slice(2).map(unescapePointer);
}

function valueAt(model: Model, segments: readonly string[]): unknown {
  return segments.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Model)[key] : undefined), model);
}

function removeAt(node: unknown, segments: readonly string[]): void {
  if (node === null || typeof node !== 'object' || segments.length === 0) return;
  const [head, ...rest] = segments as [string, ...string[]];
  const children = head === '*' ? Object.keys(node) : [head];
  for (const key of children) {
    if (rest.length === 0 && head !== '*') delete (node as Model)[key];
    else removeAt((node as Model)[key], rest);
  }
}
