/**
 * The minimal RFC 6902 patch from a live model to new values. Objects are compared key by key, so
 * changing one field of a nested configuration sends one operation; arrays are replaced whole, as
 * Cloud Control handlers treat lists (Tags) as one value.
 */

import { isDeepStrictEqual } from 'node:util';

export interface PatchOperation {
  readonly op: 'add' | 'remove' | 'replace';
  readonly path: string;
  readonly value?: unknown;
}

/** Operations turning `before` into `after` under `path`; `undefined` means absent. */
export function diffValues(path: string, before: unknown, after: unknown, out: PatchOperation[] = []): PatchOperation[] {
  if (isDeepStrictEqual(before, after)) return out;
  if (after === undefined) {
    out.push({ op: 'remove', path });
  } else if (before === undefined) {
    out.push({ op: 'add', path, value: after });
  } else if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of Object.keys(before)) if (!(key in after)) out.push({ op: 'remove', path: `${path}/${escapePointer(key)}` });
    for (const [key, value] of Object.entries(after)) diffValues(`${path}/${escapePointer(key)}`, before[key], value, out);
  } else {
    out.push({ op: 'replace', path, value: after });
  }
  return out;
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
