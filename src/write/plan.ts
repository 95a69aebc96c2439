/**
 * From what the view's triggers captured to the Cloud Control calls a statement makes. INSERT rows
 * become DesiredStates, UPDATE rows the minimal patch between the row as read (OLD, the live model)
 * and the new values, DELETE rows an identifier. Everything is checked here, before anything is sent.
 */

import { isDeepStrictEqual } from 'node:util';
import type { ResourceType } from '../catalog/types.js';
import type { Operation } from '../cloud/types.js';
import { CcsqlError } from '../errors.js';
import { checkEnums, checkNotReadOnly, checkPatchPaths, checkRequired } from './checks.js';
import { writeColumnsOf, type RequestOption, type WriteColumn } from './columns.js';
import { diffValues, escapePointer, type PatchOperation } from './diff.js';
import { diffBase } from './live-model.js';
import { typePatchValues } from './patch-types.js';
import { fromSqlite } from './values.js';
import { addForWriteOnly, checkUpdatable, checkWriteOnlyNeeds } from './write-only-check.js';

export interface StagedRow {
  readonly op: 'INSERT' | 'UPDATE' | 'DELETE';
  readonly new: readonly unknown[] | null;
  readonly old: readonly unknown[] | null;
}

/** One Cloud Control call a write statement makes. */
export interface Change {
  readonly typeName: string;
  readonly table: string;
  readonly region: string;
  /** The account's id; undefined: the only account (the default credentials', whose id may be unasked). */
  readonly account?: string;
  readonly operation: Operation;
  readonly identifier?: string;
  readonly desiredState?: Record<string, unknown>;
  readonly patch?: readonly PatchOperation[];
  readonly clientToken?: string;
  readonly roleArn?: string;
  readonly typeVersionId?: string;
}

interface Scope {
  readonly type: ResourceType;
  readonly table: string;
  readonly columns: readonly WriteColumn[];
}

type Model = Record<string, unknown>;

/** Where an INSERT that names no region or account goes: the defaults, when there is one of each. */
export interface WriteDefaults {
  /** The default regions; `all` under `-r all`, where an INSERT must name its region. */
  readonly regions: readonly string[] | 'all';
  /** Several accounts are configured: an INSERT must name its account_id. */
  readonly severalAccounts: boolean;
  /** One of them, for the example the error gives (the first configured account's id, when known). */
  readonly exampleAccount?: string;
}

export function planChanges(type: ResourceType, table: string, staged: readonly StagedRow[], defaults: WriteDefaults): Change[] {
  const scope: Scope = { type, table, columns: writeColumnsOf(type) };
  const out: Change[] = [];
  for (const row of staged) {
    const change = row.op === 'INSERT' ? planInsert(scope, row.new!, defaults) : row.op === 'UPDATE' ? planUpdate(scope, row.new!, row.old!) : planDelete(scope, row.old!);
    if (change) out.push(change);
  }
  return out;
}

function planInsert(scope: Scope, values: readonly unknown[], defaults: WriteDefaults): Change {
  const { type, table } = scope;
  const { model, options, region, account, identifier } = readValues(scope, values);
  if (identifier !== undefined) throw invalid(table, 'Identifier', 'is assigned by Cloud Control when the resource is created: leave it out of the INSERT');
  if (options.PatchDocument !== undefined) throw invalid(table, 'PatchDocument', 'only applies to UPDATE: give the properties as columns');
  checkNotReadOnly(type, table, Object.keys(model), 'INSERT');
  checkRequired(type, table, model);
  checkEnums(type, table, model);
  if (account === undefined && defaults.severalAccounts) {
    throw invalid(table, 'account_id', `is needed: several accounts are configured, so give the account_id column a value, e.g. INSERT INTO ${table} (account_id, region, …) VALUES ('${defaults.exampleAccount ?? '111111111111'}', …)`);
  }
  return { ...base(scope, 'CREATE', region ?? insertRegion(table, defaults.regions), undefined, options, account), desiredState: model };
}

/** An INSERT naming no region goes to the one default region; with several, which one is the user's call. */
function insertRegion(table: string, regions: readonly string[] | 'all'): string {
  if (regions === 'all') throw invalid(table, 'region', `is needed: -r all reads every region each account has enabled, so give the region column a value, e.g. INSERT INTO ${table} (region, …) VALUES ('us-east-1', …)`);
  if (regions.length === 1) return regions[0]!;
  throw invalid(table, 'region', `is needed: several default regions are set (${regions.join(', ')}), so give the region column a value, e.g. INSERT INTO ${table} (region, …) VALUES ('${regions[0]}', …)`);
}

function planUpdate(scope: Scope, after: readonly unknown[], before: readonly unknown[]): Change | undefined {
  const { type, table, columns } = scope;
  const changed = columns.map((c, i) => ({ c, i })).filter(({ i }) => after[i] !== before[i]);
  const old = readValues(scope, before);
  for (const { c } of changed) {
    if (c.role === 'region') throw invalid(table, 'region', 'cannot change: a resource stays in its region; insert a copy in the other region instead');
    if (c.role === 'account') throw invalid(table, 'account_id', 'cannot change: a resource stays in its account; insert a copy in the other account instead');
    if (c.role === 'identifier') throw invalid(table, 'Identifier', 'cannot change: Cloud Control assigns it');
  }
  const next = readValues(scope, after, new Set(changed.map(({ i }) => i)));
  const at = columns.findIndex((c) => c.role === 'model');
  if (changed.some(({ c }) => c.role === 'model')) mergeModelChange(scope, next.model, before[at], after[at]);
  const raw = next.options.PatchDocument !== undefined;
  const patch = raw ? passThrough(scope, next.options.PatchDocument!, Object.keys(next.model)) : diffModel(diffBase(type, old.model, next.model), next.model);
  checkNotReadOnly(type, table, Object.keys(next.model), 'UPDATE');
  checkUpdatable(type, table, patch);
  checkPatchPaths(type, table, patch);
  checkEnums(type, table, next.model);
  checkWriteOnlyNeeds(type, table, old.model, patch, raw ? 'PatchDocument' : 'columns');
  if (patch.length === 0) return undefined;
  return { ...base(scope, 'UPDATE', old.region!, old.identifier, next.options, old.account), patch };
}

function planDelete(scope: Scope, before: readonly unknown[]): Change {
  const old = readValues(scope, before);
  return base(scope, 'DELETE', old.region!, old.identifier, {}, old.account);
}

function base(scope: Scope, operation: Operation, region: string, identifier: string | undefined, options: Partial<Record<RequestOption, string>>, account?: string): Change {
  return {
    typeName: scope.type.typeName,
    table: scope.table,
    region,
    ...(account !== undefined ? { account } : {}),
    operation,
    ...(identifier !== undefined ? { identifier } : {}),
    ...(options.ClientToken !== undefined ? { clientToken: options.ClientToken } : {}),
    ...(options.RoleArn !== undefined ? { roleArn: options.RoleArn } : {}),
    ...(options.TypeVersionId !== undefined ? { typeVersionId: options.TypeVersionId } : {}),
  };
}

function diffModel(live: Model, values: Model): PatchOperation[] {
  const ops: PatchOperation[] = [];
  for (const [property, value] of Object.entries(values)) diffValues(`/${escapePointer(property)}`, live[property], value, ops);
  return ops;
}

/**
 * An UPDATE that sets resource_model changes the properties whose values differ between the old and
 * the new document (a property it drops is removed); a named column set in the same statement wins.
 */
function mergeModelChange(scope: Scope, model: Model, before: unknown, after: unknown): void {
  const old = before === null || before === undefined ? {} : modelOf(scope, before);
  const next = after === null || after === undefined ? {} : modelOf(scope, after);
  for (const property of new Set([...Object.keys(old), ...Object.keys(next)])) {
    if (property in model || isDeepStrictEqual(old[property], next[property])) continue;
    model[property] = next[property];
  }
}

function modelOf(scope: Scope, raw: unknown): Model {
  return fromSqlite(raw, 'object', { table: scope.table, column: 'resource_model' }) as Model;
}

/** Reads the view's columns (only those at `only`, when given) into a model and request options. */
function readValues(scope: Scope, values: readonly unknown[], only?: ReadonlySet<number>) {
  let model: Model = {};
  let document: Model = {};
  const options: Partial<Record<RequestOption, string>> = {};
  let region: string | undefined;
  let account: string | undefined;
  let identifier: string | undefined;
  scope.columns.forEach((c, i) => {
    const raw = values[i];
    if (only && !only.has(i)) return;
    // An UPDATE that sets a property to NULL removes it; elsewhere NULL means "not given".
    if (raw === null || raw === undefined) {
      if (only && c.role === 'property') model[c.property] = undefined;
      return;
    }
    if (c.role === 'property') setProperty(scope, model, c, fromSqlite(raw, c.type, { table: scope.table, column: c.name }));
    else if (c.role === 'model') document = only ? {} : modelOf(scope, raw);
    else if (c.role === 'option') options[c.option] = String(raw);
    else if (c.role === 'region') region = String(raw);
    else if (c.role === 'account') account = String(raw);
    else identifier = String(raw);
  });
  // The named columns are merged over the document: they are what the statement spelt out.
  model = { ...document, ...model };
  return { model, options, region, account, identifier };
}

function setProperty(scope: Scope, model: Model, c: Extract<WriteColumn, { role: 'property' }>, value: unknown): void {
  if (value === undefined) return;
  if (c.property in model && !isDeepStrictEqual(model[c.property], value)) {
    throw invalid(scope.table, c.name, `and "${c.canonical}" name the same property ${c.property} with different values: give it once`);
  }
  model[c.property] = value;
}

function passThrough(scope: Scope, text: string, alsoSet: readonly string[]): PatchOperation[] {
  if (alsoSet.length > 0) throw invalid(scope.table, 'PatchDocument', `is a whole patch: set it alone, or set the columns (${alsoSet.join(', ')}) alone`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CcsqlError('INVALID_JSON', `Column "PatchDocument" of ${scope.table} takes an RFC 6902 patch as JSON text, which this is not (${(error as Error).message}): write it as '[{"op": "replace", "path": "/…", "value": …}]'.`, { table: scope.table, column: 'PatchDocument' });
  }
  const ops = Array.isArray(parsed) ? parsed : [];
  if (!Array.isArray(parsed) || !ops.every((o) => o && typeof o === 'object' && typeof o.op === 'string' && typeof o.path === 'string')) {
    throw invalid(scope.table, 'PatchDocument', 'must be a JSON array of operations, each with "op" and "path"');
  }
  return addForWriteOnly(scope.type, typePatchValues(scope.type, ops as PatchOperation[]));
}

function invalid(table: string, column: string, what: string): CcsqlError {
  return new CcsqlError('INVALID_VALUE', `Column "${column}" of ${table} ${what}.`, { table, column });
}
