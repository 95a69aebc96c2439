/**
 * The write path of one database, as `CcsqlDatabase` sees it: creating writable views on demand,
 * running write statements, and resuming what an earlier session left unfinished.
 */

import type { Database, Statement } from 'better-sqlite3';
import type { Binding } from '../bridge/bindings.js';
import type { BridgeContext } from '../bridge/context.js';
import { realTimers, type Timers } from '../cloud/timers.js';
import { CcsqlError } from '../errors.js';
import type { ExecuteOptions, PendingWrite, ResumeReport, StatementResult } from '../shapes.js';
import type { RewrittenStatement } from '../sql/rewrite.js';
import { executeWrite, explainCaptureError, type WriteContext } from './execute.js';
import { checkAccounts, cloudOf } from './accounts.js';
import { flush } from './flush.js';
import { Journal } from './journal.js';
import { createWriteView } from './view.js';

export interface WriteSettings {
  readonly timers?: Timers;
  /** Writes return their first event instead of waiting (the session form of `/*+ nowait *\/`). */
  readonly nowait?: boolean;
  /** Why the journal cannot be kept in this database (a read-only file, a file ccsql may not change). */
  readonly journalBlocked?: () => string | undefined;
}

export class Writer {
  readonly #ctx: WriteContext;
  readonly #db: Database;
  readonly #timers: Timers;
  readonly #blocked: () => string | undefined;
  #journal: Journal | undefined;

  constructor(db: Database, bridge: BridgeContext, settings: WriteSettings = {}) {
    const timers = settings.timers ?? realTimers;
    this.#db = db;
    this.#timers = timers;
    this.#blocked = settings.journalBlocked ?? (() => undefined);
    const journal = (): Journal => this.#journalOrThrow();
    this.#ctx = {
      bridge,
      db,
      get journal() {
        return journal();
      },
      timers,
      nowait: settings.nowait ?? false,
    };
    if (this.#blocked() === undefined) this.#journalOrThrow();
  }

  /** The journal, installed on first need; a database that cannot keep it refuses resource writes. */
  #journalOrThrow(): Journal {
    if (this.#journal) return this.#journal;
    const blocked = this.#blocked();
    if (blocked) throw new CcsqlError('JOURNAL_UNAVAILABLE', `A write to a resource table needs ccsql's journal (ccsql_requests) in this database, and ${blocked}`);
    this.#journal = new Journal(this.#db, () => this.#timers.now());
    return this.#journal;
  }

  /** The changes an earlier session journaled and did not see finish, oldest first. */
  pending(): PendingWrite[] {
    if (!this.#journal && !hasJournalTable(this.#db)) return [];
    const now = this.#timers.now();
    // SELECT *: a journal made before account_id existed is read as it is (a read-only file is not migrated).
    const rows = this.#db.prepare('SELECT * FROM ccsql_requests WHERE finished_at IS NULL ORDER BY id').all() as {
      id: number; table_name: string; region: string; account_id?: string | null; operation: PendingWrite['operation']; identifier: string | null; status: string; created_at: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      table: r.table_name,
      region: r.region,
      ...(r.account_id ? { account: r.account_id } : {}),
      operation: r.operation,
      ...(r.identifier !== null ? { identifier: r.identifier } : {}),
      status: r.status,
      createdAt: r.created_at,
      ageMs: Math.max(0, now - Date.parse(r.created_at)),
    }));
  }

  /** The TableRegistry's hook: the view a statement writes through, with its capture triggers. */
  createView(binding: Binding, name: string): void {
    if (binding.target.kind !== 'resource') throw new Error(`Table "${binding.readName}" has no writable view`);
    createWriteView(this.#ctx.db, binding.target.type, binding.readName, name);
  }

  execute(rewritten: RewrittenStatement, binding: Binding, statement: Statement, params: unknown[], options: ExecuteOptions): Promise<StatementResult> {
    if (binding.target.kind !== 'resource' || !binding.writeName) throw notWritable(binding);
    const type = binding.target.type;
    const handler = rewritten.kind === 'insert' ? 'create' : rewritten.kind === 'update' ? 'update' : 'delete';
    if (!type.handlers[handler]) {
      throw new CcsqlError('NOT_WRITABLE', `${type.sqlName} does not take ${rewritten.kind.toUpperCase()}: Cloud Control has no ${handler} handler for ${type.typeName}.`, {
        table: type.sqlName,
        typeName: type.typeName,
      });
    }
    return executeWrite(this.#ctx, { rewritten, type, viewName: binding.writeName, statement, params }, options);
  }

  /**
   * Takes up every journaled change not yet finished: polls its RequestToken, or resends it with its
   * ClientToken. With `waitMs`, stops waiting after that long; what is still running stays unfinished.
   */
  async resume(signal?: AbortSignal, waitMs?: number): Promise<ResumeReport> {
    if (this.pending().length === 0) return { resumed: 0, succeeded: 0, failed: 0, pending: 0 };
    const { bridge, journal, timers } = this.#ctx;
    const entries = journal.unfinished();
    await checkAccounts(bridge, entries, true);
    const waitUntil = waitMs === undefined ? undefined : timers.now() + waitMs;
    const outcomes = await flush(entries, { cloudOf: (entry) => cloudOf(bridge, entry), journal, timers, catalog: bridge.catalog, nowait: false, signal, ...(waitUntil !== undefined ? { waitUntil } : {}) });
    const count = (kind: string) => outcomes.filter((o) => o.kind === kind).length;
    return { resumed: entries.length, succeeded: count('done'), failed: count('failed'), pending: count('pending') + count('timeout') };
  }
}

function hasJournalTable(db: Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ccsql_requests'").get() !== undefined;
}

function notWritable(binding: Binding): CcsqlError {
  if (binding.target.kind === 'resource') {
    const { type, variant } = binding.target;
    if (variant === 'full') {
      return new CcsqlError('NOT_WRITABLE', `${type.sqlName} cannot be written to: Cloud Control has no create, update or delete handler for ${type.typeName}.`, { table: type.sqlName, typeName: type.typeName });
    }
    return new CcsqlError('NOT_WRITABLE', `${binding.readName} is a read-only view of ${type.typeName}: write to ${type.sqlName} instead.`, { table: binding.readName, typeName: type.typeName });
  }
  return new CcsqlError('NOT_WRITABLE', `${binding.readName} cannot be written to: only resource tables take INSERT, UPDATE and DELETE.`, { table: binding.readName });
}

/** SQLite's complaint about a write statement (an unknown column in an INSERT), in ccsql's words. */
export function explainWriteError(error: unknown, binding: Binding): unknown {
  if (binding.target.kind !== 'resource' || !binding.writeName) return notWritable(binding);
  return explainCaptureError(error, binding.target.type.sqlName);
}
