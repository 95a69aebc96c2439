/**
 * SQL functions StackQL's SQLite build adds (github stackql/sqlite-ext-functions) that stackql-deploy
 * stacks call: `split_part`, `json_equal`, `aws_policy_equal`. Installed on every connection, so a
 * statement copied from a stack runs in the shell too.
 *
 * Semantics as the C sources have them: `json_equal` ignores object key order and keeps array order;
 * `aws_policy_equal` also ignores the order of the arrays IAM treats as sets (under Action, NotAction,
 * Resource, NotResource, Principal, NotPrincipal, AWS, Service), where one string equals a one-item
 * list and `arn:` strings compare without case; any other array, and the top level (a Tags list), is
 * ordered. A NULL argument is an error, as it is in StackQL, not a NULL result.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Database } from 'better-sqlite3';
import { CcsqlError } from '../errors.js';

const SET_KEYS = new Set(['action', 'notaction', 'resource', 'notresource', 'principal', 'notprincipal', 'aws', 'service']);

export function installStackqlFunctions(db: Database): void {
  db.function('split_part', { deterministic: true }, splitPart);
  db.function('json_equal', { deterministic: true }, (a: unknown, b: unknown) => (jsonEqual(parse(a, b, 'json_equal', 'Invalid JSON strings'), parse(b, a, 'json_equal', 'Invalid JSON strings')) ? 1 : 0));
  db.function('aws_policy_equal', { deterministic: true }, (a: unknown, b: unknown) => {
    if (typeof a === 'string' && a === b) return 1;
    return policyEqual(parse(a, b, 'aws_policy_equal', 'Invalid policy strings'), parse(b, a, 'aws_policy_equal', 'Invalid policy strings'), false) ? 1 : 0;
  });
}

/** The `n`th part (1-based; negative counts from the end) of `text` split at `separator`; NULL past either end. */
export function splitPart(text: unknown, separator: unknown, n: unknown): string | null {
  if (text === null || separator === null || n === null) return null;
  const parts = String(text).split(String(separator));
  const index = Number(n);
  if (!Number.isInteger(index) || index === 0) return null;
  return parts[index > 0 ? index - 1 : parts.length + index] ?? null;
}

function parse(value: unknown, other: unknown, fn: string, nullMessage: string): unknown {
  if (value === null || value === undefined || other === null || other === undefined) throw new CcsqlError('SQL_ERROR', `${fn}: ${nullMessage} (an argument is NULL, as StackQL reports it).`);
  try {
    return JSON.parse(String(value)) as unknown;
  } catch {
    throw new CcsqlError('SQL_ERROR', `${fn}: Error parsing JSON strings (an argument is not JSON).`);
  }
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= Number.EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
  }
  return isDeepStrictEqual(a, b);
}

function policyEqual(a: unknown, b: unknown, unordered: boolean): boolean {
  if (unordered) {
    const left = Array.isArray(a) ? a : [a];
    const right = Array.isArray(b) ? b : [b];
    if (left.length !== right.length) return false;
    const unused = [...right];
    return left.every((item) => {
      const at = unused.findIndex((candidate) => policyEqual(item, candidate, false) || arnEqual(item, candidate));
      return at >= 0 && unused.splice(at, 1).length === 1;
    });
  }
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => policyEqual(item, b[i], false));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => {
      const match = Object.keys(b).find((k) => k.toLowerCase() === key.toLowerCase());
      return match !== undefined && policyEqual(a[key], b[match], SET_KEYS.has(key.toLowerCase()));
    });
  }
  return jsonEqual(a, b);
}

function arnEqual(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.startsWith('arn:') && a.toLowerCase() === b.toLowerCase();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
