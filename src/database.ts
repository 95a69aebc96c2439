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
import type { ExecuteOptions, PendingWrite, PlannedCall, ResumeReport, StatementResult } from './shapes.js';
import { rewriteStatement, type RewrittenStatement } from './sql/rewrite.js';
import { internalNameIn } from './sql/internal-names.js';
import { parseScript, parseStatement, type ParsedStatement } from './sql/statement.js';
import { adoptFile, claimFile, fileIsReadonly } from './write/ownership.js';
import { unfinishedWrites } from './write/pending.js';
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
  /**
   * What to do with writes an earlier session journaled in `file` and did not see finish: true takes
   * them up (polls or resends them) before returning, false leaves them, a function is asked with the
   * list. Without this option, a file holding such writes fails to open with UNFINISHED_WRITES, which
   * lists them: nothing is sent that the caller did not ask for.
   */
  readonly resume?: boolean | ((pending: readonly PendingWrite[]) => boolean | Promise<boolean>);
  /** How long open() waits for resumed writes to finish (default 30 s); longer ones stay journaled. */
  readonly resumeWaitMs?: number;
  /**
   * A `file` that holds a database ccsql did not create: true lets ccsql add its journal table when a
   * resource is first written (a function is asked). Otherwise the file is only read and written by
   * the user's own SQL, and writes to resource tables fail with JOURNAL_UNAVAILABLE.
   */
  readonly adopt?: boolean | (() => boolean | Promise<boolean>);
  /** Open `file` read-only (also chosen when the file cannot be written). */
  readonly readonly?: boolean;
}

const DEFAULT_RESUME_WAIT_MS = 30_000;

export type { ExecuteOptions, ParsedStatement, PendingWrite, PlannedCall, ResumeReport, StatementResult };

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

  /** The writes journaled in this database that no session has seen finish, oldest first. */
  pendingWrites(): PendingWrite[] {
    return this.#writer.pending();
  }

  /**
   * Takes up the writes an earlier session journaled but did not see finish. With `waitMs`, stops
   * waiting after that long; what is still running stays journaled.
   */
  resume(signal?: AbortSignal, waitMs?: number): Promise<ResumeReport> {
    return this.#serial.run(() => this.#writer.resume(signal, waitMs)).catch((error: unknown) => {
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
  const readonly = options.readonly ?? (options.file !== undefined && fileIsReadonly(options.file));
  const sqlite = new BetterSqlite3(options.file ?? ':memory:', { readonly });
  try {
    const state = options.file ? claimFile(sqlite, readonly) : { foreign: false, readonly: false };
    const adopted = state.foreign && !readonly && (typeof options.adopt === 'function' ? await options.adopt() : options.adopt === true);
    if (adopted) adoptFile(sqlite);
    const blocked = readonly
      ? `${options.file} is opened read-only: open a writable copy to write to resources.`
      : state.foreign && !adopted
        ? `${options.file} was not created by ccsql: allow ccsql to add its journal table to it (--adopt-db, open({ adopt: true })), or use another file.`
        : undefined;
    const write = { timers: options.timers, nowait: options.nowait, journalBlocked: () => blocked };
    const db = new CcsqlDatabase(sqlite, options.catalog ?? defaultCatalog(), cloud, Object.freeze([...regions]), options.cacheTtlMs ?? 0, write);
    if (!blocked) await resumeOnOpen(db, options);
    return db;
  } catch (error) {
    sqlite.close();
    cloud.destroy();
    throw asCcsqlError(error);
  }
}

/** Unfinished writes are taken up only when the caller says so, and never block the open for long. */
async function resumeOnOpen(db: CcsqlDatabase, options: OpenOptions): Promise<void> {
  const pending = db.pendingWrites();
  if (pending.length === 0) return;
  const go = typeof options.resume === 'function' ? await options.resume(pending) : options.resume;
  if (go === undefined) throw unfinishedWrites(options.file ?? 'the database', pending);
  if (go) await db.resume(undefined, options.resumeWaitMs ?? DEFAULT_RESUME_WAIT_MS);
}
