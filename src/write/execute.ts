/**
 * Runs one INSERT, UPDATE or DELETE on a resource table:
 *   capture  the statement runs (in rounds, as reads do) against the writable view, whose triggers
 *            only capture rows; the capture is rolled back;
 *   plan     captured rows become checked Cloud Control calls (nothing is sent if any check fails);
 *   ask      a dry run stops here; `approve` is asked with the plan; an UPDATE or DELETE of several
 *            resources needs confirmation (or approval);
 *   journal  the calls are journaled in one transaction, each with its ClientToken;
 *   flush    the calls are sent and, unless nowait, waited for.
 */

import type { Database, Statement } from 'better-sqlite3';
import type { ResourceType } from '../catalog/types.js';
import type { Timers } from '../cloud/timers.js';
import { CcsqlError } from '../errors.js';
import type { BridgeContext } from '../bridge/context.js';
import { runRounds } from '../bridge/run.js';
import type { ExecuteOptions, PlannedCall, ProgressEvent, StatementResult } from '../shapes.js';
import type { RewrittenStatement } from '../sql/rewrite.js';
import { flush } from './flush.js';
import type { Journal } from './journal.js';
import { planChanges, type Change, type StagedRow } from './plan.js';
import { flushError, returningFields, rowOfEvent } from './result.js';
import { checkRegions } from './regions.js';
import { checkAccounts, cloudOf, whereOf } from './accounts.js';

export interface WriteContext {
  readonly bridge: BridgeContext;
  readonly db: Database;
  readonly journal: Journal;
  readonly timers: Timers;
  /** The session's nowait option. */
  readonly nowait: boolean;
}

export interface WriteStatement {
  readonly rewritten: RewrittenStatement;
  readonly type: ResourceType;
  readonly viewName: string;
  readonly statement: Statement;
  readonly params: unknown[];
}

const SAVEPOINT = 'ccsql_write';

export async function executeWrite(w: WriteContext, s: WriteStatement, options: ExecuteOptions): Promise<StatementResult> {
  const table = s.type.sqlName;
  const fields = returningFields(table, s.rewritten.returning);
  if (w.db.inTransaction) {
    throw new CcsqlError('INVALID_ARGUMENT', `A write to ${table} cannot run inside BEGIN … COMMIT, because Cloud Control calls cannot be rolled back: run it on its own.`, { table });
  }
  const { staged, rounds } = await capture(w, s);
  const accounts = w.bridge.accounts;
  const defaults = { regions: w.bridge.allRegions() ? ('all' as const) : w.bridge.regions(), severalAccounts: accounts.several, exampleAccount: accounts.listed()?.find((a) => a.id)?.id };
  const changes = planChanges(s.type, table, staged, defaults);
  await checkRegions(table, changes);
  await checkAccounts(w.bridge, changes);
  const plan = changes.map((c) => plannedCall(s.type, c));
  if (options.dryRun) return { columns: PLAN_COLUMNS, rows: plan.map(planRow), changes: plan.length, rounds, plan };
  await confirmPlan(s, plan, options);
  if (changes.length === 0) return { columns: fields, rows: [], changes: 0, rounds, events: [] };

  const entries = w.journal.append(changes);
  const nowait = options.nowait ?? (s.rewritten.hints.has('nowait') || w.nowait);
  const outcomes = await flush(entries, { cloudOf: (entry) => cloudOf(w.bridge, entry), journal: w.journal, timers: w.timers, catalog: w.bridge.catalog, nowait, signal: options.signal }).catch((error: unknown) => {
    throw options.signal?.aborted ? cancelled(table, entries.length, error) : error;
  });
  // Whatever happened, the cache no longer knows these resources or their listings.
  for (const o of outcomes) w.bridge.store.invalidate(o.entry.typeName, whereOf(w.bridge, o.entry), o.event.Identifier ?? o.entry.identifier);
  const rows = outcomes.map((o) => rowOfEvent(o.event, o.entry.region, fields));
  const error = flushError(table, outcomes, rows);
  if (error) throw error;
  const events: ProgressEvent[] = outcomes.map((o) => o.event);
  return { columns: fields, rows: fields.length > 0 ? rows : [], changes: entries.length, rounds, events };
}

/** Runs the statement against the view and returns what its triggers captured, leaving nothing behind. */
async function capture(w: WriteContext, s: WriteStatement): Promise<{ staged: StagedRow[]; rounds: number }> {
  w.db.exec(`SAVEPOINT ${SAVEPOINT}`);
  try {
    w.db.exec('DELETE FROM temp.ccsql_staged');
    const { rounds } = await runRounds(w.bridge, w.db, s.statement, s.params, true, true);
    const raw = w.db.prepare('SELECT op, new, old FROM temp.ccsql_staged WHERE view = ? ORDER BY seq').all(s.viewName) as { op: StagedRow['op']; new: string | null; old: string | null }[];
    const staged = raw.map((r) => ({ op: r.op, new: r.new === null ? null : (JSON.parse(r.new) as unknown[]), old: r.old === null ? null : (JSON.parse(r.old) as unknown[]) }));
    return { staged, rounds };
  } catch (error) {
    throw explainCaptureError(error, s.type.sqlName);
  } finally {
    // INSERT OR ROLLBACK and RAISE(ROLLBACK) end the whole transaction, savepoint included.
    if (w.db.inTransaction) {
      w.db.exec(`ROLLBACK TO ${SAVEPOINT}`);
      w.db.exec(`RELEASE ${SAVEPOINT}`);
    }
  }
}

export function explainCaptureError(error: unknown, table: string): unknown {
  const column = /has no column named (\S+)/.exec((error as Error)?.message ?? '')?.[1];
  if (!column) return error;
  return new CcsqlError('UNKNOWN_COLUMN', `No column ${column} in ${table}: DESCRIBE ${table} lists the columns an INSERT can set.`, { table, column }, { cause: (error as Error).cause ?? error });
}

async function confirmPlan(s: WriteStatement, plan: readonly PlannedCall[], options: ExecuteOptions): Promise<void> {
  // Asked with the very plan that is sent next, so what was approved is what is sent.
  if (options.approve && plan.length > 0) {
    if (await options.approve(plan)) return;
    throw new CcsqlError('WRITE_DECLINED', `The ${s.rewritten.kind.toUpperCase()} on ${s.type.sqlName} (${plan.length} call${plan.length === 1 ? '' : 's'}) was not approved: nothing was sent.`, { table: s.type.sqlName, plan });
  }
  if (s.rewritten.kind === 'insert') return;
  const resources = new Set(plan.map((p) => `${p.account ?? ''}\u0000${p.region}\u0000${p.identifier ?? ''}`));
  if (resources.size <= 1) return;
  if (options.confirm && (await options.confirm(plan))) return;
  const verb = s.rewritten.kind.toUpperCase();
  throw new CcsqlError(
    'CONFIRMATION_REQUIRED',
    `This ${verb} would change ${resources.size} resources of ${s.type.sqlName}: confirm it (--yes in one-shot mode), or narrow the WHERE clause; nothing was sent.`,
    { table: s.type.sqlName, resources: resources.size, plan },
  );
}

function plannedCall(type: ResourceType, c: Change): PlannedCall {
  const handler = c.operation === 'CREATE' ? 'create' : c.operation === 'UPDATE' ? 'update' : 'delete';
  return {
    typeName: c.typeName,
    table: c.table,
    region: c.region,
    ...(c.account !== undefined ? { account: c.account } : {}),
    operation: c.operation,
    ...(c.identifier !== undefined ? { identifier: c.identifier } : {}),
    ...(c.desiredState ? { document: c.desiredState } : c.patch ? { document: c.patch } : {}),
    permissions: type.handlers[handler]?.permissions ?? [],
  };
}

const PLAN_COLUMNS = ['table', 'region', 'operation', 'identifier', 'document', 'permissions', 'type_name'];

function planRow(p: PlannedCall): Record<string, unknown> {
  return {
    table: p.table,
    region: p.region,
    operation: p.operation,
    identifier: p.identifier ?? null,
    document: p.document === undefined ? null : JSON.stringify(p.document),
    permissions: p.permissions.join(', '),
    type_name: p.typeName,
  };
}

function cancelled(table: string, count: number, cause: unknown): CcsqlError {
  return new CcsqlError(
    'CANCELLED',
    `The write to ${table} was cancelled while waiting: its ${count} journaled changes stay unfinished in ccsql_requests and resume when this database is opened again (or on db.resume()).`,
    { table },
    { cause },
  );
}
