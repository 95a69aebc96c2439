/**
 * How Cloud Control values read in SQLite: strings and numbers as they are, booleans as 1 and 0
 * (SQLite's own convention, and what json_extract gives for JSON true/false, so `WHERE horovod` and
 * `json_extract(x, '$.Enabled') = 1` agree), whole numbers as INTEGER, objects and arrays as JSON text ready for json_extract
 * and json_each, anything absent as NULL.
 */

import type { JsonType } from '../catalog/types.js';

export type SqliteValue = string | number | bigint | null;

export function toSqlite(value: unknown): SqliteValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  // better-sqlite3 hands every JS number to SQLite as REAL; a BigInt makes a whole number an INTEGER.
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (typeof value === 'string' || typeof value === 'bigint') return value;
  return JSON.stringify(value);
}

/** Loose equality between a constraint SQLite passed and a value from a resource. */
export function sameValue(constraint: unknown, value: unknown): boolean {
  if (constraint === undefined) return true;
  return String(toSqlite(value)) === String(constraint);
}

/**
 * A list key as a ResourceModel carries it: a string property's key is text even when SQLite hands
 * over a number (`package_name = 12345`), an object or array key is its JSON text parsed.
 */
export function keyFromSqlite(value: unknown, type: JsonType | undefined): unknown {
  if ((type === 'object' || type === 'array') && typeof value === 'string') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  if (type === 'string' && (typeof value === 'number' || typeof value === 'bigint')) return String(value);
  return value;
}
