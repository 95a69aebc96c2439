/**
 * Turns what SQLite hands a trigger back into the JSON Cloud Control expects, by the column's JSON
 * type: `'true'` and 1 into true for a boolean, `'42'` into 42 for an integer, JSON text into an
 * object or array. StackQL pages quote every value (`'{{ horovod }}'`), so text is accepted for
 * every type. An empty string stands for "not given" except in string columns, where it is a value.
 */

import type { JsonType } from '../catalog/types.js';
import { CcsqlError } from '../errors.js';

export interface ValueContext {
  readonly table: string;
  readonly column: string;
}

export function fromSqlite(value: unknown, type: JsonType, at: ValueContext): unknown {
  if (value === null || value === undefined) return undefined;
  if (type === 'string') return typeof value === 'string' ? value : String(value);
  if (value === '') return undefined;
  if (type === 'boolean') return toBoolean(value, at);
  if (type === 'integer' || type === 'number') return toNumber(value, type, at);
  return toStructure(value, type, at);
}

function toBoolean(value: unknown, at: ValueContext): boolean {
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === 'true' || word === '1') return true;
    if (word === 'false' || word === '0') return false;
  }
  if (typeof value === 'boolean') return value;
  throw invalid(at, value, 'true or false');
}

function toNumber(value: unknown, type: 'integer' | 'number', at: ValueContext): number {
  const n = typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || (type === 'integer' && !Number.isInteger(n))) throw invalid(at, value, type === 'integer' ? 'a whole number' : 'a number');
  return n;
}

function toStructure(value: unknown, type: 'object' | 'array', at: ValueContext): unknown {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw new CcsqlError(
        'INVALID_JSON',
        `Column "${at.column}" of ${at.table} takes JSON text, and ${preview(value)} does not parse (${(error as Error).message}): write it as '${type === 'array' ? '[…]' : '{…}'}'.`,
        { table: at.table, column: at.column },
      );
    }
  }
  const isArray = Array.isArray(parsed);
  const fits = type === 'array' ? isArray : typeof parsed === 'object' && parsed !== null && !isArray;
  if (!fits) throw invalid(at, value, type === 'array' ? 'a JSON array' : 'a JSON object');
  return parsed;
}

function invalid(at: ValueContext, value: unknown, wanted: string): CcsqlError {
  return new CcsqlError('INVALID_VALUE', `Column "${at.column}" of ${at.table} takes ${wanted}, not ${preview(value)}.`, {
    table: at.table,
    column: at.column,
  });
}

export function preview(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…'` : text;
}
