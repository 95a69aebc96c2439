/**
 * The resource-table side of a database: the table registry, the fetch store, the rounds and the
 * writer. `database.ts` loads it (and the write path with it) when a statement first names a
 * resource table, reaches one through a view, or a database file may hold journaled writes; a
 * statement that never does runs in SQLite alone.
 */

import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { Catalog } from '../catalog/index.js';
import type { AccountSet } from '../cloud/accounts.js';
import type { Cloud } from '../cloud/index.js';
import type { CcsqlWarning, ExecuteOptions, IterateOptions, PendingWrite, ResumeReport, StatementResult } from '../shapes.js';
import { rewriteStatement, type RewrittenStatement } from '../sql/rewrite.js';
import type { ParsedStatement } from '../sql/statement.js';
import { explainWriteError, Writer, type WriteSettings } from '../write/writer.js';
import { AccountFailures } from './account-failures.js';
import { resolveBinding, TableRegistry, type Binding, type TableTarget } from './bindings.js';
import { ColumnUseReader, type ColumnUse } from './column-use.js';
import { Prefilters, type Prefilter } from './prefilter.js';
import type { BridgeContext } from './context.js';
import { explainSqliteError, prepareRewritten } from './prepare.js';
import { gateStatement } from './statement-gate.js';
import { ReadProgress, type ListingProgress } from './progress.js';
import { runRounds, settleRounds } from './run.js';
import { StreamWindow } from './listing-window.js';
import { streamPasses, streamsListing } from './stream.js';
import type { StableFunctions } from './stable-functions.js';
import { StalePropertyNotices } from './stale-properties.js';
import { FetchStore } from './store.js';
import type { WarningLog } from './warning-log.js';

/** What the database shares with its resource tables. */
export interface ResourceSettings {
  readonly catalog: Catalog;
  readonly cloud: Cloud;
  readonly accounts: AccountSet;
  readonly strict: boolean;
  readonly cacheTtlMs: number;
  readonly write: WriteSettings;
  readonly stable: StableFunctions;
  readonly warnings: WarningLog;
  /** The default regions as they stand (under `-r all`, the home region), and the way to resolve the SDK's default on first need. */
  regions(): readonly string[];
  /** Whether a query that names no region reads every region each account has enabled (`-r all`). */
  allRegions(): boolean;
  resolveRegions(): Promise<unknown>;
  onWarning(warning: CcsqlWarning): void;
}

/** A statement rewritten for SQLite and prepared. */
interface Compiled {
  readonly rewritten: RewrittenStatement<TableTarget>;
  readonly statement: Statement;
}

export class ResourceTables {
  readonly store: FetchStore;
  readonly #sqlite: SqliteDatabase;
  readonly #settings: ResourceSettings;
  readonly #ctx: BridgeContext;
  readonly #registry: TableRegistry;
  readonly #writer: Writer;
  readonly #columnReader: ColumnUseReader;
  readonly #accountFailures = new AccountFailures();
  #signal: AbortSignal | undefined;
  #columnUse: ColumnUse | undefined;
  readonly #prefilterChecks = new Prefilters();
  #prefilters: ReadonlyMap<string, readonly Prefilter[]> = new Map();
  #window: StreamWindow | undefined;

  constructor(sqlite: SqliteDatabase, settings: ResourceSettings) {
    this.#sqlite = sqlite;
    this.#settings = settings;
    this.store = new FetchStore(settings.cacheTtlMs);
    const warn = (warning: CcsqlWarning): void => {
      settings.warnings.add(warning);
      settings.onWarning(warning);
    };
    const stale = new StalePropertyNotices(warn);
    this.#ctx = {
      catalog: settings.catalog,
      cloud: settings.cloud,
      accounts: settings.accounts,
      accountFailures: this.#accountFailures,
      strict: settings.strict,
      store: this.store,
      progress: new ReadProgress(),
      regions: () => settings.regions(),
      allRegions: () => settings.allRegions(),
      signal: () => this.#signal,
      columnUse: () => this.#columnUse,
      prefilters: (tableName) => this.#prefilters.get(tableName),
      window: () => this.#window,
      warn,
      noticeProperties: (type, properties) => stale.notice(type, properties),
      stable: settings.stable,
    };
    this.#columnReader = new ColumnUseReader(sqlite);
    this.#writer = new Writer(sqlite, this.#ctx, settings.write);
    this.#registry = new TableRegistry(sqlite, this.#ctx, (binding, name) => this.#writer.createView(binding, name));
  }

  /** How far the listings of the statement in progress (or the last one) have come. */
  get progress(): readonly ListingProgress[] {
    return this.#ctx.progress.snapshot();
  }

  /** How many regions the statement in progress (or the last one) read. */
  get regionsRead(): number {
    return this.#ctx.progress.regions;
  }

  /** Runs a statement to completion: its rounds, or a write's capture, plan and flush. */
  async execute(parsed: ParsedStatement, params: readonly unknown[], options: ExecuteOptions, transactional: (statement: Statement) => boolean): Promise<StatementResult> {
    const { rewritten, statement } = await this.#compile(parsed);
    await gateStatement(parsed, statement, options, rewritten.writeTarget !== undefined);
    return this.#run(rewritten, statement, params, options, transactional(statement));
  }

  /**
   * A SELECT's rows one by one once its rounds have settled, or, for a row-by-row scan of one listing,
   * as its pages arrive (stream.ts); any other statement's whole result.
   */
  async *iterate(parsed: ParsedStatement, params: readonly unknown[], options: IterateOptions, transactional: (statement: Statement) => boolean): AsyncGenerator<unknown, StatementResult | undefined> {
    const { rewritten, statement } = await this.#compile(parsed);
    await gateStatement(parsed, statement, options, rewritten.writeTarget !== undefined);
    if (!statement.reader || rewritten.writeTarget || rewritten.kind !== 'select') return await this.#run(rewritten, statement, params, options, transactional(statement));
    options.onColumns?.(statement.columns().map((c) => ({ name: c.name, type: c.type })));
    this.#enter(rewritten, options);
    const window = streamsListing(this.#ctx, this.#columnUse, (name) => this.#registry.targetOf(name)) ? new StreamWindow() : undefined;
    this.#window = window;
    try {
      await settleRounds(this.#ctx, this.#sqlite, statement, [...params]);
      const listings = window?.settle() ?? [];
      statement.raw(options.raw ?? false);
      if (window && listings.length > 0) yield* streamPasses(this.#ctx, window, statement, [...params], listings);
      else for (const row of statement.iterate(...params)) yield row;
    } catch (error) {
      throw explainSqliteError(error, rewritten);
    } finally {
      this.#window = undefined;
      statement.raw(false);
      this.#leave();
      this.#settings.warnings.end();
    }
    return undefined;
  }

  pending(): PendingWrite[] {
    return this.#writer.pending();
  }

  resume(signal?: AbortSignal, waitMs?: number): Promise<ResumeReport> {
    return this.#writer.resume(signal, waitMs);
  }

  async #run(rewritten: RewrittenStatement<TableTarget>, statement: Statement, params: readonly unknown[], options: ExecuteOptions, transactional: boolean): Promise<StatementResult> {
    this.#enter(rewritten, options);
    let result: StatementResult;
    try {
      const target = rewritten.writeTarget;
      result = target
        ? await this.#writer.execute(rewritten, target, statement, [...params], options)
        : await runRounds(this.#ctx, this.#sqlite, statement, [...params], transactional);
    } catch (error) {
      throw explainSqliteError(error, rewritten);
    } finally {
      this.#leave();
    }
    const warnings = this.#settings.warnings.end();
    return warnings.length > 0 ? { ...result, warnings } : result;
  }

  /**
   * Whether SQLite reads every row of the statement's resource tables before its LIMIT applies (it
   * sorts, groups or aggregates first): then a cap saves no call, and the rows past it can be
   * counted at no cost. False for a statement that reaches no resource table, or whose LIMIT can end
   * its scans early.
   */
  async readsEveryRow(parsed: ParsedStatement): Promise<boolean> {
    const { rewritten } = await this.#compile(parsed);
    const use = this.#registry.tables().size > 0 ? this.#columnReader.read(rewritten.sql, this.#registry.tables()) : undefined;
    return use !== undefined && use.columns.size > 0 && !use.limited;
  }

  async #compile(parsed: ParsedStatement): Promise<Compiled> {
    const resolve = (name: string): Binding | undefined => resolveBinding(this.#ctx, name);
    const rewritten = rewriteStatement(parsed, resolve);
    const statement = this.#prepare(rewritten, resolve);
    if (this.#registry.tables().size > 0) await this.#settings.resolveRegions();
    return { rewritten, statement };
  }

  #prepare(rewritten: RewrittenStatement<TableTarget>, resolve: (name: string) => Binding | undefined): Statement {
    try {
      return prepareRewritten(this.#sqlite, this.#registry, rewritten, resolve, this.#settings.catalog);
    } catch (error) {
      throw rewritten.writeTarget ? explainWriteError(error, rewritten.writeTarget) : error;
    }
  }

  /** Frees what the resource tables hold beside the database (the prefilters' own connection). */
  close(): void {
    this.#prefilterChecks.close();
  }

  /** What the table functions need to know while this statement runs. */
  #enter(rewritten: RewrittenStatement<TableTarget>, options: ExecuteOptions): void {
    this.#ctx.progress.clear();
    this.#settings.warnings.begin();
    this.#signal = options.signal;
    this.#columnUse = this.#registry.tables().size > 0 ? this.#columnReader.read(rewritten.sql, this.#registry.tables()) : undefined;
    // A write's plan runs its capture trigger (a sub-program), so its columns are not known; what it
    // opens is, and that is all a filter on its targets' identifiers needs.
    const opens = this.#columnUse?.opens ?? (rewritten.writeTarget && this.#registry.tables().size > 0 ? this.#columnReader.opens(rewritten.sql, this.#registry.tables()) : undefined);
    this.#prefilters = this.#prefilterChecks.of(rewritten, opens);
  }

  /** Ends the statement: a skipped account is said once, whatever the rounds. */
  #leave(): void {
    this.#signal = undefined;
    this.#columnUse = undefined;
    this.#prefilters = new Map();
    for (const warning of this.#accountFailures.take()) this.#ctx.warn(warning);
  }
}
