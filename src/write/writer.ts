/**
 * The write path of one database, as `CcsqlDatabase` sees it: creating writable views on demand,
 * running write statements, and resuming what an earlier session left unfinished.
 */

import type { Database, Statement } from 'better-sqlite3';
import type { Binding } from '../bridge/bindings.js';
import type { BridgeContext } from '../bridge/context.js';
import { realTimers, type Timers } from '../cloud/timers.js';
import { CcsqlError } from '../errors.js';
import type { ExecuteOptions, ResumeReport, StatementResult } from '../shapes.js';
import type { RewrittenStatement } from '../sql/rewrite.js';
import { executeWrite, explainCaptureError, type WriteContext } from './execute.js';
import { flush } from './flush.js';
import { Journal } from './journal.js';
import { createWriteView } from './view.js';

export interface WriteSettings {
  readonly timers?: Timers;
  /** Writes return their first event instead of waiting (the session form of `/*+ nowait *\/`). */
  readonly nowait?: boolean;
}

export class Writer {
  readonly #ctx: WriteContext;

  constructor(db: Database, bridge: BridgeContext, settings: WriteSettings = {}) {
    const timers = settings.timers ?? realTimers;
    this.#ctx = { bridge, db, journal: new Journal(db, () => timers.now()), timers, nowait: settings.nowait ?? false };
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

  /** Takes up every journaled change not yet finished: polls its RequestToken, or resends it with its ClientToken. */
  async resume(signal?: AbortSignal): Promise<ResumeReport> {
    const entries = this.#ctx.journal.unfinished();
    if (entries.length === 0) return { resumed: 0, succeeded: 0, failed: 0, pending: 0 };
    const { bridge, journal, timers } = this.#ctx;
    const outcomes = await flush(entries, { cloud: bridge.cloud, journal, timers, catalog: bridge.catalog, nowait: false, signal });
    const count = (kind: string) => outcomes.filter((o) => o.kind === kind).length;
    return { resumed: entries.length, succeeded: count('done'), failed: count('failed'), pending: count('pending') + count('timeout') };
  }
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
