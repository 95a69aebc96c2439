/**
 * Runs one rewritten statement to completion. Table functions cannot await, so a statement runs in
 * rounds: each round runs it against what the FetchStore holds; if the table functions recorded
 * misses, the round is rolled back, every miss is fetched concurrently, and the statement runs again.
 * A join converges in as many rounds as it is deep, and each round fans out in parallel.
 */

import type { Database, Statement } from 'better-sqlite3';
import { CcsqlError } from '../errors.js';
import { explainCloudError } from './cloud-messages.js';
import type { BridgeContext } from './context.js';
import { fetchEagerly } from './eager-fetch.js';
import { batchPointReads } from './key-batch.js';
import type { Loader } from './store.js';
import type { StatementResult } from '../shapes.js';
import { execute, rollback, SAVEPOINT } from './execute.js';

const MAX_ROUNDS = 50;

/**
 * `transactional` wraps each round in a savepoint, so a statement that changes anything and is run
 * again leaves nothing of its earlier rounds behind (its triggers' writes and journal rows included).
 * The caller passes false only for statements SQLite cannot run inside a transaction. A `fresh`
 * statement reads nothing from the cache (a write patches what it reads: it must be current).
 */
export async function runRounds(ctx: BridgeContext, db: Database, statement: Statement, params: unknown[], transactional: boolean, fresh = false): Promise<StatementResult> {
  const probe = !transactional && !fresh && statement.reader ? () => passOver(statement, params) : undefined;
  return rounds(ctx, db, transactional, fresh, () => execute(statement, params), probe);
}

/** Runs a read-only statement over what the store holds, keeping no row. */
function passOver(statement: Statement, params: unknown[]): void {
  for (const _ of statement.iterate(...params)) {
    // Rows are counted out, not kept.
  }
}

/**
 * Runs a read-only statement's rounds without keeping its rows, until a round finds everything at
 * hand; the caller then iterates the statement once more, row by row, from what the store holds.
 */
export async function settleRounds(ctx: BridgeContext, db: Database, statement: Statement, params: unknown[]): Promise<number> {
  // Rows are counted out, not kept: the final pass streams them to the caller.
  const pass = () => passOver(statement, params);
  const settled = await rounds(ctx, db, false, false, () => (pass(), { columns: [], rows: [], changes: 0 }), pass);
  // The final pass must see the same random() values and instant as the rounds did.
  ctx.stable?.beginRound();
  return settled.rounds;
}

async function rounds(ctx: BridgeContext, db: Database, transactional: boolean, fresh: boolean, execute: () => Omit<StatementResult, 'rounds'>, probe?: () => void): Promise<StatementResult> {
  ctx.store.beginStatement(fresh);
  ctx.stable?.beginStatement();
  // Probes run over part of a round's answers (eager-fetch.ts): not where a LIMIT may end the scans
  // early, nor while a listing is streamed a window at a time.
  const use = ctx.columnUse();
  const probing = use && !use.limited && !ctx.window() ? probe : undefined;
  for (let round = 1; round <= MAX_ROUNDS; round += 1) {
    ctx.signal()?.throwIfAborted();
    ctx.store.round = round;
    ctx.stable?.beginRound();
    const outer = !db.inTransaction;
    if (transactional) db.exec(`SAVEPOINT ${SAVEPOINT}`);
    let value: Omit<StatementResult, 'rounds'>;
    try {
      value = execute();
    } catch (error) {
      const pending = ctx.store.pending > 0;
      const misses = batchPointReads(ctx.store.takeMisses(), ctx.store);
      const undone = transactional ? rollback(db, outer) : false;
      // A constraint a round breaks only because its data is incomplete is no error yet, nor an error
      // that stand-in rows of unread resources may have caused: fetch and run again.
      const incomplete = misses.size > 0 && ((undone && isConstraint(error)) || (pending && (undone || !transactional)));
      if (!incomplete) throw error;
      await fetchMisses(ctx, misses, probing);
      continue;
    }
    const misses = batchPointReads(ctx.store.takeMisses(), ctx.store);
    if (misses.size === 0) {
      if (transactional) db.exec(`RELEASE ${SAVEPOINT}`);
      return { ...value, rounds: round };
    }
    if (transactional) rollback(db, outer);
    await fetchMisses(ctx, misses, probing);
  }
  throw new CcsqlError('SQL_ERROR', `The statement did not settle after ${MAX_ROUNDS} rounds of fetching.`);
}

function isConstraint(error: unknown): boolean {
  return error instanceof Error && error.name === 'SqliteError' && String((error as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT');
}

async function fetchMisses(ctx: BridgeContext, misses: Map<string, Loader>, probe: (() => void) | undefined): Promise<void> {
  try {
    await fetchEagerly(ctx, misses, probe);
  } catch (error) {
    throw explainCloudError(error, ctx.catalog);
  }
}
