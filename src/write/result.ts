/**
 * What a write statement returns: one row per change with the RETURNING columns of its final (or,
 * with nowait, first) ProgressEvent, and, when a change failed or did not finish, one error that
 * still carries every row.
 */

import type { ProgressEvent } from '../cloud/types.js';
import { CcsqlError } from '../errors.js';
import type { Outcome } from './flush.js';

export const EVENT_FIELDS = [
  'ErrorCode',
  'EventTime',
  'Identifier',
  'Operation',
  'OperationStatus',
  'RequestToken',
  'ResourceModel',
  'RetryAfter',
  'StatusMessage',
  'TypeName',
  // Not a ProgressEvent field: the region the request went to (an INSERT's default region shows here).
  'region',
] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

/** The event fields a RETURNING list names (`*` is all of them); an unknown name fails before any call. */
export function returningFields(table: string, names: readonly string[] | undefined): EventField[] {
  if (!names) return [];
  const fields: EventField[] = [];
  for (const name of names) {
    if (name === '*') {
      fields.push(...EVENT_FIELDS);
      continue;
    }
    const field = EVENT_FIELDS.find((f) => f.toLowerCase() === name.toLowerCase());
    if (!field) {
      throw new CcsqlError('UNKNOWN_COLUMN', `RETURNING ${name} is not a field of the ProgressEvent a write to ${table} returns: use any of ${EVENT_FIELDS.join(', ')}.`, {
        table,
        column: name,
      });
    }
    fields.push(field);
  }
  return fields;
}

export function rowOfEvent(event: ProgressEvent, region: string, fields: readonly EventField[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const f of fields) row[f] = f === 'region' ? region : (event[f] ?? null);
  return row;
}

/** The error for a flush where some change failed or timed out, or undefined when all went well. */
export function flushError(table: string, outcomes: readonly Outcome[], rows: readonly Record<string, unknown>[]): CcsqlError | undefined {
  const failed = outcomes.filter((o) => o.kind === 'failed');
  const late = outcomes.filter((o) => o.kind === 'timeout');
  const unread = outcomes.filter((o) => o.kind === 'uncertain');
  const first = failed[0] ?? unread[0] ?? late[0];
  if (!first) return undefined;
  const { entry, event } = first;
  const details = {
    table,
    typeName: entry.typeName,
    region: entry.region,
    identifier: event.Identifier ?? entry.identifier,
    requestToken: event.RequestToken ?? entry.requestToken,
    errorCode: event.ErrorCode,
    statusMessage: event.StatusMessage,
    rows,
    events: outcomes.map((o) => o.event),
    failures: [...failed, ...unread, ...late].map((o) => ({ id: o.entry.id, operation: o.entry.operation, identifier: o.event.Identifier ?? o.entry.identifier, errorCode: o.event.ErrorCode, statusMessage: o.event.StatusMessage, timedOut: o.kind === 'timeout' })),
  };
  const what = `${entry.operation} of ${entry.identifier ?? 'a new resource'} in ${entry.region}`;
  if (failed.length > 0 && entry.operation === 'CREATE' && event.ErrorCode === 'AlreadyExists') {
    // Also what a create resent after its handler was throttled meets if the name was taken meanwhile: never a second resource.
    const name = /identifier '([^']+)'/.exec(event.StatusMessage ?? '')?.[1] ?? event.Identifier;
    return new CcsqlError(
      'ALREADY_EXISTS',
      `${table} already has a resource ${name ? `with identifier '${name}' ` : 'with the identifier given '}in ${entry.region}: pick another name, or UPDATE that resource (${failed.length} of ${outcomes.length} changes failed; every event is in ccsql_requests).`,
      { ...details, identifier: name ?? details.identifier },
    );
  }
  if (failed.length > 0) {
    return new CcsqlError(
      'WRITE_FAILED',
      `${failed.length} of ${outcomes.length} changes to ${table} failed; first, ${what}: ${event.ErrorCode ?? 'FAILED'}: ${event.StatusMessage ?? 'no message'} (every change's event is in ccsql_requests).`,
      details,
    );
  }
  if (unread.length > 0) {
    return new CcsqlError(
      'WRITE_UNCERTAIN',
      `${unread.length} of ${outcomes.length} changes to ${table} may have been accepted, but Cloud Control's answers could not be read, even when sent again with the same ClientToken; first, ${what}. They stay journaled: resuming (--resume, db.resume()) sends them again with the same ClientToken, which cannot apply them twice. Do not run the statement again.`,
      details,
    );
  }
  return new CcsqlError(
    'WRITE_TIMEOUT',
    `${late.length} of ${outcomes.length} changes to ${table} did not finish within the ${entry.typeName} handler timeout; first, ${what}: Cloud Control may still finish them, and opening this database again resumes watching them.`,
    details,
  );
}
