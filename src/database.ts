/**
 * A ccsql database: a better-sqlite3 connection in which every Cloud Control resource type is a
 * table. Reads run through SQLite; the table functions are fed by Cloud Control through the
 * statement rounds of bridge/run.ts.
 */

import BetterSqlite3, { type Database as SqliteDatabase, type Statement } from 'better-sqlite3';
import { defaultCatalog, type Catalog } from './catalog/index.js';
import { createCloud, type CallTrace, type Cloud, type CloudOptions } from './cloud/index.js';
import { resolveDefaultRegion } from './cloud/region.js';
import { CcsqlError } from './errors.js';
import { resolveBinding, TableRegistry, type Binding, type TableTarget } from './bridge/bindings.js';
import type { BridgeContext } from './bridge/context.js';
import { ColumnUseReader, type ColumnUse } from './bridge/column-use.js';
import { runMeta } from './bridge/meta.js';
import { explainSqliteError, prepareRewritten } from './bridge/prepare.js';
import { runRounds } from './bridge/run.js';
import { FetchStore } from './bridge/store.js';
import type { ExecuteOptions, PlannedCall, ResumeReport, StatementResult } from './shapes.js';
import { rewriteStatement, type RewrittenStatement } from './sql/rewrite.js';
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
  /** Most calls in flight per region (default 64). */
  readonly concurrency?: number;
  /** Most calls started per second per region: a cap (default none; the rate is learned from throttling). */
  readonly ratePerSecond?: number;
  /** Keep fetched resources across statements for this long (default 0: every statement is fresh). */
  readonly cacheTtlMs?: number;
  /** Hears every Cloud Control call attempt (for --trace and tests). */
  readonly onCall?: (trace: CallTrace) => void;
  readonly retry?: CloudOptions['retry'];
  readonly timers?: CloudOptions['timers'];
  /** The longest one attempt of a Cloud Control call may take (default 60 s; `--call-timeout`). */
  readonly callTimeoutMs?: number;
  /** The clock of that limit (tests drive a hung endpoint on a virtual clock). */
  readonly callTimers?: CloudOptions['callTimers'];
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
  readonly #columnReader: ColumnUseReader;
  #regions: readonly string[];
  #signal: AbortSignal | undefined;
  #columnUse: ColumnUse | undefined;

  /** Use `open()`. */
  constructor(sqlite: SqliteDatabase, catalog: Catalog, cloud: Cloud, regions: readonly string[], cacheTtlMs: number, write: WriteSettings = {}) {
    this.sqlite = sqlite;
    this.catalog = catalog;
    this.cloud = cloud;
    this.#regions = regions;
    this.#store = new FetchStore(cacheTtlMs);
    this.#ctx = { catalog, cloud, store: this.#store, regions: () => this.#regions, signal: () => this.#signal, columnUse: () => this.#columnUse };
    this.#columnReader = new ColumnUseReader(sqlite);
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
   * value from `parseScript` (so a script is parsed once, not once more per statement).
   */
  async execute(sql: string | ParsedStatement, params: readonly unknown[] = [], options: ExecuteOptions = {}): Promise<StatementResult> {
    const parsed = typeof sql === 'string' ? parseStatement(sql) : sql;
    if (parsed.kind === 'meta') return runMeta(parsed, this.catalog);
    const resolve = (name: string): Binding | undefined => resolveBinding(this.#ctx, name);
    const rewritten = rewriteStatement(parsed, resolve);
    const statement = this.#prepare(rewritten, resolve);
    this.#signal = options.signal;
    this.#columnUse = this.#registry.tables().size > 0 ? this.#columnReader.read(rewritten.sql, this.#registry.tables()) : undefined;
    try {
      const target = rewritten.writeTarget;
      if (target) return await this.#writer.execute(rewritten, target, statement, [...params], options);
      const transactional = rewritten.kind !== 'select' && rewritten.tables.size > 0;
      return await runRounds(this.#ctx, this.sqlite, statement, [...params], transactional);
    } catch (error) {
      throw explainSqliteError(error, rewritten);
    } finally {
      this.#signal = undefined;
      this.#columnUse = undefined;
    }
  }

  #prepare(rewritten: RewrittenStatement<TableTarget>, resolve: (name: string) => Binding | undefined): Statement {
    try {
      return prepareRewritten(this.sqlite, this.#registry, rewritten, resolve, this.catalog);
    } catch (error) {
      throw rewritten.writeTarget ? explainWriteError(error, rewritten.writeTarget) : error;
    }
  }

  /** Runs every statement of a script in order; returns the result of each. */
  async executeScript(script: string, options: ExecuteOptions = {}): Promise<StatementResult[]> {
    const results: StatementResult[] = [];
    for (const statement of parseScript(script)) results.push(await this.execute(statement, [], options));
    return results;
  }

  /** Takes up the writes an earlier session journaled but did not see finish (open() does this). */
  resume(signal?: AbortSignal): Promise<ResumeReport> {
    return this.#writer.resume(signal);
  }

  async close(): Promise<void> {
    this.cloud.destroy();
    this.sqlite.close();
  }
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
