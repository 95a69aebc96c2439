/**
 * How Cloud Control values read in SQLite: strings and numbers as they are, booleans as 1 and 0
 * (SQLite's own convention, and what json_extract gives for JSON true/false, so `WHERE horovod` and
 * `json_extract(x, '$.Enabled') = 1` agree), objects and arrays as JSON text ready for json_extract
 * and json_each, anything absent as NULL.
 */

export type SqliteValue = string | number | bigint | null;

export function toSqlite(value: unknown): SqliteValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return value;
  return JSON.stringify(value);
}

/** Loose equality between a constraint SQLite passed and a value from a resource. */
export function sameValue(constraint: unknown, value: unknown): boolean {
  if (constraint === undefined) return true;
  return String(toSqlite(value)) === String(constraint);
}
