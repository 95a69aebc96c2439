/**
 * An UPDATE's patch, checked the way Cloud Control will apply it: to the model as a read returns it,
 * without write-only values. A patch that leaves a required write-only property out (ccsql's own, or
 * a `SET PatchDocument` copied from a StackQL page, whose patches for these types omit it) is refused
 * here, naming the column, instead of being sent to fail with a ValidationException. A write-only
 * path is sent as `add`: Cloud Control applies `replace` only to a path the read model has, which a
 * write-only path never is (hashicorp/terraform-provider-awscc#1737; #1377 shows AWS refusing a
 * replace of `/LoginProfile/Password` with `noSuchPath in source`).
 */

import { applyPatch, type Operation } from 'rfc6902';
import type { ResourceType } from '../catalog/types.js';
import { CcsqlError } from '../errors.js';
import { columnOfProperty } from './columns.js';
import { escapePointer, unescapePointer, type PatchOperation } from './diff.js';
import { withoutWriteOnly } from './live-model.js';
import { carries, writeOnlyNeeds, type WriteOnlyNeed } from './write-only.js';

type Model = Record<string, unknown>;

/** Where the patch came from, for the way out the error gives. */
export type PatchSource = 'columns' | 'PatchDocument';

/** `replace` of a write-only path becomes `add`, which Cloud Control applies to the model as read. */
export function addForWriteOnly(type: ResourceType, ops: readonly PatchOperation[]): PatchOperation[] {
  return ops.map((op) => (op.op === 'replace' && isWriteOnlyPath(type, op.path) ? { ...op, op: 'add' } : op));
}

function isWriteOnlyPath(type: ResourceType, path: string): boolean {
  const segments = path.split('/').slice(1).map(unescapePointer);
  return type.paths.writeOnly.some((pointer) => {
    const schema = pointer.split('/').slice(2).map(unescapePointer);
    return schema.length <= segments.length && schema.every((s, i) => s === '*' || s === segments[i]);
  });
}

/** No patch can update a type whose required write-only property is also create-only: NOT_UPDATABLE. */
export function checkUpdatable(type: ResourceType, table: string, patch: readonly PatchOperation[]): void {
  const frozen = writeOnlyNeeds(type).filter((n) => n.createOnly);
  if (frozen.length > 0 && patch.length > 0) throw notUpdatable(type, table, frozen);
}

/** A patch that does not send every required write-only property again: WRITE_ONLY_REQUIRED. */
export function checkWriteOnlyNeeds(type: ResourceType, table: string, live: Model, patch: readonly PatchOperation[], source: PatchSource): void {
  const needs = writeOnlyNeeds(type);
  if (needs.length === 0 || patch.length === 0) return;
  const patched = withoutWriteOnly(type, live);
  // A patch that does not apply is Cloud Control's to refuse (InvalidRequestException), with its words.
  if (applyPatch(patched, structuredClone(patch) as Operation[]).some((result) => result !== null)) return;
  const missing = needs.filter((n) => !carries(n, patched));
  if (missing.length > 0) throw writeOnlyRequired(type, table, missing, source);
}

function notUpdatable(type: ResourceType, table: string, needs: readonly WriteOnlyNeed[]): CcsqlError {
  const columns = needs.map((n) => columnOfProperty(type, n.property));
  const them = columns.length === 1 ? 'it' : 'them';
  return new CcsqlError(
    'NOT_UPDATABLE',
    `${table} cannot be updated through Cloud Control: ${list(columns)} ${columns.length === 1 ? 'is' : 'are'} required and write-only, so every update must send ${them} again, ` +
      `but also create-only, so no update may send ${them} (see "Required write-only properties" in docs/writes.md); DELETE the resource and INSERT it again with the new values.`,
    { table, column: columns[0], columns, typeName: type.typeName },
  );
}

function writeOnlyRequired(type: ResourceType, table: string, needs: readonly WriteOnlyNeed[], source: PatchSource): CcsqlError {
  const columns = needs.map((n) => columnOfProperty(type, n.property));
  const what = list(needs.map((n) => columnOfProperty(type, n.property) + keysText(n)));
  const it = needs.length === 1 && needs[0]!.keys.length === 0 ? 'it' : 'them';
  const way =
    source === 'columns'
      ? `add SET ${needs.map((n) => `${columnOfProperty(type, n.property)} = ${n.keys.length === 0 ? '…' : `'{…${n.keys[0]!.map((k) => `, "${k}": …`).join('')}}'`}`).join(', ')}`
      : `add ${needs.map((n) => addExample(n)).join(', ')} to the PatchDocument`;
  return new CcsqlError('WRITE_ONLY_REQUIRED', `${table} needs ${what} in every UPDATE: Cloud Control cannot read ${it} back; ${way}.`, {
    table,
    column: columns[0],
    columns,
    paths: needs.map((n) => `/${escapePointer(n.property)}`),
    typeName: type.typeName,
  });
}

function keysText(need: WriteOnlyNeed): string {
  if (need.keys.length === 0) return '';
  return ` (with ${need.keys.map((set) => set.join(' and ')).join(', or ')})`;
}

function addExample(need: WriteOnlyNeed): string {
  const path = `/${escapePointer(need.property)}${need.keys.length === 0 ? '' : `/${escapePointer(need.keys[0]![0]!)}`}`;
  return `{"op": "add", "path": "${path}", "value": …}`;
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
