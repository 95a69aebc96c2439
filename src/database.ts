/**
 * A ccsql database: a better-sqlite3 connection in which every Cloud Control resource type is a
 * table. Reads run through SQLite; the table functions are fed by Cloud Control through the
 * statement rounds of bridge/run.ts.
 */

import BetterSqlite3, { type Database as SqliteDatabase, type Statement } from 'better-sqlite3';
import { defaultCatalog, type Catalog } from './catalog/index.js';
import { createCloud, type CallTrace, type Cloud, type CloudOptions } from './cloud/index.js';
import { resolveDefaultRegion } from './cloud/region.js';
import { asCcsqlError, CcsqlError } from './errors.js';
import { resolveBinding, TableRegistry, type Binding, type TableTarget } from './bridge/bindings.js';
import type { BridgeContext } from './bridge/context.js';
import { runMeta } from './bridge/meta.js';
import { explainSqliteError, prepareRewritten } from './bridge/prepare.js';
import { runRounds } from './bridge/run.js';
import { Serial } from './bridge/serial.js';
import { installStableFunctions } from './bridge/stable-functions.js';
import { FetchStore } from './bridge/store.js';
import type { ExecuteOptions, PlannedCall, ResumeReport, StatementResult } from './shapes.js';
import { rewriteStatement, type RewrittenStatement } from './sql/rewrite.js';
import { internalNameIn } from './sql/internal-names.js';
import { parseScript, parseStatement, type ParsedStatement } from './sql/statement.js';
import { explainWriteError, Writer, type WriteSettings } from './write/writer.js';

export interface OpenOptions {
  /** The region a query that names none reads from (default: the one the AWS SDK resolves). */
  readonly region?: string;
  /** Several default regions: an unconstrained query reads all of them, in parallel. */
  readonly regions?: readonly string[];
  readonly profile?: string;
  readonly endpointUrl?: string;
  readonly credentials?: CloudOptions['credentials'];
  /** A database file: local tables and the write journal survive the process. Default: in memory. */
  readonly file?: string;
  /** Calls in flight per region (default 10). */
  readonly concurrency?: number;
  /** Calls started per second per region (default 20). */
  readonly ratePerSecond?: number;
  /** Keep fetched resources across statements for this long (default 0: every statement is fresh). */
  readonly cacheTtlMs?: number;
  /** Hears every Cloud Control call attempt (for --trace and tests). */
  readonly onCall?: (trace: CallTrace) => void;
  readonly retry?: CloudOptions['retry'];
  readonly timers?: CloudOptions['timers'];
  /** Another Cloud implementation (the library's own tests use the real one against the emulator). */
  readonly cloud?: Cloud;
  readonly catalog?: Catalog;
  /** Writes return their first ProgressEvent instead of waiting (the session form of `/*+ nowait *\/`). */
  readonly nowait?: boolean;
  /** Take up the unfinished writes journaled in `file` before returning (default true). */
  readonly resume?: boolean;
}

export type { ExecuteOptions, ParsedStatement, PlannedCall, ResumeReport, StatementResult };

export class CcsqlDatabase {
  readonly sqlite: SqliteDatabase;
  readonly catalog: Catalog;
  readonly cloud: Cloud;
  readonly #store: FetchStore;
  readonly #registry: TableRegistry;
  readonly #ctx: BridgeContext;
  readonly #writer: Writer;
  readonly #serial = new Serial();
  #regions: readonly string[];
  #signal: AbortSignal | undefined;

  /** Use `open()`. */
  constructor(sqlite: SqliteDatabase, catalog: Catalog, cloud: Cloud, regions: readonly string[], cacheTtlMs: number, write: WriteSettings = {}) {
    this.sqlite = sqlite;
    this.catalog = catalog;
    this.cloud = cloud;
    this.#regions = regions;
    this.#store = new FetchStore(cacheTtlMs);
    const stable = installStableFunctions(sqlite);
    this.#ctx = { catalog, cloud, store: this.#store, regions: () => this.#regions, signal: () => this.#signal, stable };
    this.#writer = new Writer(sqlite, this.#ctx, write);
    this.#registry = new TableRegistry(sqlite, this.#ctx, (binding, name) => this.#writer.createView(binding, name));
    sqlite.function('string', { deterministic: true }, (value: unknown) => (value === null ? null : String(value)));
  }

  get regions(): readonly string[] {
    return this.#regions;
  }

  set regions(regions: readonly string[]) {
    if (regions.length === 0) throw new CcsqlError('INVALID_ARGUMENT', 'At least one region is needed.');
    this.#regions = Object.freeze([...regions]);
  }

  get cacheTtlMs(): number {
    return this.#store.ttlMs;
  }

  set cacheTtlMs(ms: number) {
    this.#store.ttlMs = ms;
    if (ms === 0) this.#store.clear();
  }

  /** Runs one statement and returns its rows as objects keyed by column name. */
  async query<T = Record<string, unknown>>(sql: string | ParsedStatement, params: readonly unknown[] = [], options: ExecuteOptions = {}): Promise<T[]> {
    return (await this.execute(sql, params, options)).rows as T[];
  }

  /**
   * Runs one statement and returns its columns, rows and changes. The statement is SQL text or a
   * value from `parseScript` (so a script is parsed once, not once more per statement). Statements
   * of one database run one after another, in the order they were called.
   */
  execute(sql: string | ParsedStatement, params: readonly unknown[] = [], options: ExecuteOptions = {}): Promise<StatementResult> {
    return this.#serial.run(() => this.#execute(sql, params, options)).catch((error: unknown) => {
      throw asCcsqlError(error);
    });
  }

  async #execute(sql: string | ParsedStatement, params: readonly unknown[], options: ExecuteOptions): Promise<StatementResult> {
    const parsed = typeof sql === 'string' ? parseStatement(sql) : sql;
    if (parsed.kind === 'meta') return runMeta(parsed, this.catalog);
    const internal = internalNameIn(parsed);
    if (internal) throw new CcsqlError('UNKNOWN_TABLE', `"${internal}" is internal to ccsql and cannot be named in SQL: write to the resource table itself.`, { table: internal });
    const resolve = (name: string): Binding | undefined => resolveBinding(this.#ctx, name);
    const rewritten = rewriteStatement(parsed, resolve);
    const statement = this.#prepare(rewritten, resolve);
    this.#signal = options.signal;
    try {
      const target = rewritten.writeTarget;
      if (target) return await this.#writer.execute(rewritten, target, statement, [...params], options);
      return await runRounds(this.#ctx, this.sqlite, statement, [...params], inSavepoint(parsed, statement));
    } catch (error) {
      throw explainSqliteError(error, rewritten);
    } finally {
      this.#signal = undefined;
    }
  }

  #prepare(rewritten: RewrittenStatement<TableTarget>, resolve: (name: string) => Binding | undefined): Statement {
    try {
      return prepareRewritten(this.sqlite, this.#registry, rewritten, resolve, this.catalog);
    } catch (error) {
      throw rewritten.writeTarget ? explainWriteError(error, rewritten.writeTarget) : error;
    }
  }

  /** Runs every statement of a script in order, no other statement between them; returns the result of each. */
  executeScript(script: string, options: ExecuteOptions = {}): Promise<StatementResult[]> {
    return this.#serial.run(async () => {
      const statements = parseScript(script);
      const results: StatementResult[] = [];
      for (const statement of statements) results.push(await this.#execute(statement, [], options));
      return results;
    }).catch((error: unknown) => {
      throw asCcsqlError(error);
    });
  }

  /** Takes up the writes an earlier session journaled but did not see finish (open() does this). */
  resume(signal?: AbortSignal): Promise<ResumeReport> {
    return this.#serial.run(() => this.#writer.resume(signal)).catch((error: unknown) => {
      throw asCcsqlError(error);
    });
  }

  async close(): Promise<void> {
    this.cloud.destroy();
    this.sqlite.close();
  }
}

/** Statements SQLite refuses inside a transaction (or, like journal_mode, ignores there). */
const OUTSIDE_TRANSACTION = new Set(['VACUUM', 'PRAGMA']);

/**
 * Whether a statement's rounds run inside a savepoint: every statement that may change anything,
 * since a view or trigger can reach resource tables the statement does not name, so a round that is
 * run again must leave nothing behind. SQLite says what may change anything (`readonly`).
 */
function inSavepoint(parsed: ParsedStatement, statement: Statement): boolean {
  if (statement.readonly || parsed.kind === 'transaction') return false;
  return !OUTSIDE_TRANSACTION.has(parsed.tokens[parsed.meaningful[0]!]!.text.toUpperCase());
}

/**
 * Opens a ccsql database.
 *
 * @example
 * const db = await open({ region: 'us-east-1' });
 * const rows = await db.query("SELECT region, image_arn FROM awscc.sagemaker.images WHERE region = 'us-east-1'");
 * await db.close();
 */
export async function open(options: OpenOptions = {}): Promise<CcsqlDatabase> {
  const regions = options.regions?.length ? options.regions : options.region ? [options.region] : [await resolveDefaultRegion(options.profile)];
  const cloud = options.cloud ?? createCloud(options);
  const sqlite = new BetterSqlite3(options.file ?? ':memory:');
  const write = { timers: options.timers, nowait: options.nowait };
  const db = new CcsqlDatabase(sqlite, options.catalog ?? defaultCatalog(), cloud, Object.freeze([...regions]), options.cacheTtlMs ?? 0, write);
  if (options.resume !== false) await db.resume();
  return db;
}
