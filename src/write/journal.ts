/**
 * The durable journal of writes (`ccsql_requests`, DDL in sql/journal.sql). A statement's changes are
 * appended in one transaction, each with its ClientToken, before the first call; the flusher records
 * every event it receives, so a session that opens the same file knows, for each unfinished change,
 * whether to poll its RequestToken or resend it with the same ClientToken.
 */

import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { TERMINAL_STATUSES, type Operation, type ProgressEvent } from '../cloud/types.js';
import type { PatchOperation } from './diff.js';
import type { Change } from './plan.js';
import { readSqlFile } from './sql-files.js';

/** A journaled change: what to send, and how far it got. */
export interface JournalEntry extends Change {
  readonly id: number;
  readonly clientToken: string;
  readonly requestToken?: string;
  readonly status: string;
  /** When the first send was accepted (ms), for the handler timeout. */
  readonly sentAt?: number;
}

interface Row {
  id: number;
  type_name: string;
  table_name: string;
  region: string;
  account_id: string | null;
  operation: Operation;
  identifier: string | null;
  desired_state: string | null;
  patch_document: string | null;
  client_token: string;
  role_arn: string | null;
  type_version_id: string | null;
  request_token: string | null;
  status: string;
  sent_at: string | null;
}

export function installJournal(db: Database): void {
  db.exec(readSqlFile('journal.sql'));
  // A journal made before ccsql read several accounts lacks the column; its rows are the one account's.
  const columns = db.prepare('PRAGMA table_info(ccsql_requests)').all() as { name: string }[];
  if (!columns.some((c) => c.name === 'account_id')) db.exec('ALTER TABLE ccsql_requests ADD COLUMN account_id TEXT');
}

export class Journal {
  readonly #db: Database;
  readonly #now: () => number;
  readonly #insert: Statement;
  readonly #record: Statement;
  readonly #unfinished: Statement;

  constructor(db: Database, now: () => number) {
    this.#db = db;
    this.#now = now;
    installJournal(db);
    this.#insert = db.prepare(
      `INSERT INTO ccsql_requests (statement_id, type_name, table_name, region, account_id, operation, identifier, desired_state, patch_document,
         client_token, role_arn, type_version_id, created_at, updated_at)
       VALUES (@statement, @typeName, @table, @region, @account, @operation, @identifier, @desiredState, @patch, @clientToken, @roleArn, @typeVersionId, @at, @at)`,
    );
    this.#record = db.prepare(
      `UPDATE ccsql_requests SET request_token = coalesce(@requestToken, request_token), identifier = coalesce(@identifier, identifier),
         status = @status, error_code = @errorCode, status_message = @statusMessage, resource_model = coalesce(@resourceModel, resource_model),
         event = @event, sent_at = coalesce(sent_at, @sentAt), updated_at = @at, finished_at = @finishedAt
       WHERE id = @id`,
    );
    this.#unfinished = db.prepare('SELECT * FROM ccsql_requests WHERE finished_at IS NULL ORDER BY id');
  }

  /** Appends a statement's changes in one transaction: all of them are journaled, or none. */
  append(changes: readonly Change[]): JournalEntry[] {
    const at = new Date(this.#now()).toISOString();
    return this.#db.transaction(() => {
      const { next } = this.#db.prepare('SELECT coalesce(max(statement_id), 0) + 1 AS next FROM ccsql_requests').get() as { next: number };
      return changes.map((change): JournalEntry => {
        const clientToken = change.clientToken ?? randomUUID();
        const info = this.#insert.run({
          statement: next,
          typeName: change.typeName,
          table: change.table,
          region: change.region,
          account: change.account ?? null,
          operation: change.operation,
          identifier: change.identifier ?? null,
          desiredState: change.desiredState ? JSON.stringify(change.desiredState) : null,
          patch: change.patch ? JSON.stringify(change.patch) : null,
          clientToken,
          roleArn: change.roleArn ?? null,
          typeVersionId: change.typeVersionId ?? null,
          at,
        });
        return { ...change, id: Number(info.lastInsertRowid), clientToken, status: 'QUEUED' };
      });
    })();
  }

  /** Records an event; `status` overrides the event's own (a delete of a gone resource is done). */
  record(entry: JournalEntry, event: ProgressEvent, status = event.OperationStatus ?? 'FAILED'): JournalEntry {
    const now = this.#now();
    const at = new Date(now).toISOString();
    const sent = event.RequestToken !== undefined;
    this.#record.run({
      id: entry.id,
      requestToken: event.RequestToken ?? null,
      identifier: event.Identifier ?? null,
      status,
      errorCode: event.ErrorCode ?? null,
      statusMessage: event.StatusMessage ?? null,
      resourceModel: event.ResourceModel ?? null,
      event: JSON.stringify(event),
      sentAt: sent ? new Date(entry.sentAt ?? now).toISOString() : null,
      at,
      finishedAt: TERMINAL_STATUSES.has(status) ? at : null,
    });
    return {
      ...entry,
      status,
      ...(event.RequestToken ? { requestToken: event.RequestToken } : {}),
      ...(event.Identifier && entry.operation === 'CREATE' ? { identifier: event.Identifier } : {}),
      ...(sent ? { sentAt: entry.sentAt ?? now } : {}),
    };
  }

  /**
   * Starts a new attempt of a change whose last one ended FAILED with nothing done (its handler was
   * throttled): the finished attempt moves to ccsql_request_attempts, and the change gets a new
   * ClientToken (the old one names a request that failed), all in one transaction.
   */
  newAttempt(entry: JournalEntry, last: ProgressEvent): JournalEntry {
    const clientToken = randomUUID();
    const at = new Date(this.#now()).toISOString();
    this.#db.transaction(() => {
      this.#db
        .prepare(
          `INSERT INTO ccsql_request_attempts (request_id, attempt, client_token, request_token, status, error_code, status_message, event, sent_at, finished_at)
           SELECT id, (SELECT count(*) + 1 FROM ccsql_request_attempts WHERE request_id = @id), client_token, request_token, @status, @errorCode,
             @statusMessage, @event, sent_at, @at FROM ccsql_requests WHERE id = @id`,
        )
        .run({ id: entry.id, status: last.OperationStatus ?? 'FAILED', errorCode: last.ErrorCode ?? null, statusMessage: last.StatusMessage ?? null, event: JSON.stringify(last), at });
      this.#db
        .prepare(
          `UPDATE ccsql_requests SET client_token = @clientToken, request_token = NULL, status = 'QUEUED', error_code = NULL, status_message = NULL,
             event = NULL, sent_at = NULL, finished_at = NULL, updated_at = @at WHERE id = @id`,
        )
        .run({ id: entry.id, clientToken, at });
    })();
    const { requestToken: _r, sentAt: _s, ...rest } = entry;
    void _r;
    void _s;
    return { ...rest, clientToken, status: 'QUEUED' };
  }

  /** Every change not yet at a terminal status, oldest first. */
  unfinished(): JournalEntry[] {
    return (this.#unfinished.all() as Row[]).map(entryOf);
  }
}

function entryOf(row: Row): JournalEntry {
  return {
    id: row.id,
    typeName: row.type_name,
    table: row.table_name,
    region: row.region,
    ...(row.account_id !== null && row.account_id !== undefined ? { account: row.account_id } : {}),
    operation: row.operation,
    ...(row.identifier !== null ? { identifier: row.identifier } : {}),
    ...(row.desired_state !== null ? { desiredState: JSON.parse(row.desired_state) as Record<string, unknown> } : {}),
    ...(row.patch_document !== null ? { patch: JSON.parse(row.patch_document) as PatchOperation[] } : {}),
    clientToken: row.client_token,
    ...(row.role_arn !== null ? { roleArn: row.role_arn } : {}),
    ...(row.type_version_id !== null ? { typeVersionId: row.type_version_id } : {}),
    ...(row.request_token !== null ? { requestToken: row.request_token } : {}),
    status: row.status,
    ...(row.sent_at !== null ? { sentAt: Date.parse(row.sent_at) } : {}),
  };
}
