/**
 * A ccsql database: a better-sqlite3 connection in which every Cloud Control resource type is a
 * table. Reads run through SQLite; the table functions are fed by Cloud Control through the
 * statement rounds of bridge/run.ts.
 */

import { installStackqlFunctions } from './bridge/stackql-functions.js';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { Catalog } from './catalog/index.js';
import { deferredCatalog } from './catalog/deferred.js';
import { openCatalog } from './user-catalog/store.js';
import type { Cloud } from './cloud/index.js';
import { createCloud } from './cloud/lazy.js';
import { AccountSet, type AccountOptions } from './cloud/accounts.js';
import { ALL_REGIONS, regionSetting, type RegionSetting } from './cloud/region-setting.js';
import { WarningLog } from './bridge/warning-log.js';
import { asCcsqlError, CcsqlError } from './errors.js';
import type { ListingProgress } from './bridge/progress.js';
import type { ResourceTables } from './bridge/resources.js';
import { runOnce } from './bridge/execute.js';
import { Serial } from './bridge/serial.js';
import { installStableFunctions, type StableFunctions } from './bridge/stable-functions.js';
import type { CallTrace, CcsqlWarning, ExecuteOptions, IterateOptions, PendingWrite, ResultColumn, PlannedCall, ResumeReport, StatementResult } from './shapes.js';
import { internalNameIn } from './sql/internal-names.js';
import { parseScript, parseStatement, type ParsedStatement } from './sql/statement.js';
import { withRowCap } from './sql/row-cap.js';
import { gateStatement } from './bridge/statement-gate.js';
import { openFile } from './write/ownership.js';
import type { WriteSettings } from './write/writer.js';

import type { OpenOptions } from './open-options.js';

export type { OpenOptions };

export type { CcsqlWarning, ExecuteOptions, IterateOptions, ParsedStatement, ResultColumn, PendingWrite, PlannedCall, ResumeReport, StatementResult };

/** What `db.regions` shows under `-r all`. */
const ALL_SETTING: readonly string[] = Object.freeze([ALL_REGIONS]);
/** Where `-r all` asks questions of no one region when the SDK resolves no region: always enabled in the aws partition. */
const ALL_REGIONS_HOME = 'us-east-1';

/** `open` loads the resource tables of a database file up front; nothing else outside the class may. */
let loadResources: (db: CcsqlDatabase) => Promise<unknown>;

export class CcsqlDatabase {
  static {
    loadResources = (db) => db.#resources();
  }

  readonly sqlite: SqliteDatabase;
  readonly catalog: Catalog;
  readonly cloud: Cloud;
  readonly #accounts: AccountSet;
  readonly #serial = new Serial();
  readonly #warnings: WarningLog;
  readonly #stable: StableFunctions;
  readonly #write: WriteSettings;
  readonly #strict: boolean;
  readonly #onWarning: (warning: CcsqlWarning) => void;
  readonly #calls: StatementCalls;
  #regions: readonly string[] | undefined;
  /** `-r all`: every region each account has enabled; `#regions` then holds the home region, once resolved. */
  #allRegions: boolean;
  /** Region names given but not yet checked against the regions AWS has (checked before the first resource statement). */
  #unchecked: readonly string[] | undefined;
  readonly #profile: string | undefined;
  #cacheTtlMs: number;
  /** The resource-table side, loaded when a statement first needs it (see `#resources`). */
  #resourceTables: ResourceTables | undefined;

  /** Use `open()`. */
  /** `regions` undefined: the SDK's default region, resolved when a statement first needs one. */
  constructor(sqlite: SqliteDatabase, catalog: Catalog, accounts: AccountSet, regions: RegionSetting | undefined, cacheTtlMs: number, write: WriteSettings = {}, profile?: string, onWarning: (warning: CcsqlWarning) => void = () => {}, strict = false, calls: StatementCalls = {}) {
    this.sqlite = sqlite;
    this.catalog = catalog;
    this.#accounts = accounts;
    this.cloud = accounts.first?.cloud ?? accounts.source;
    this.#allRegions = regions === ALL_REGIONS;
    this.#regions = regions === ALL_REGIONS ? undefined : regions;
    this.#unchecked = this.#regions;
    this.#profile = profile;
    this.#cacheTtlMs = cacheTtlMs;
    this.#write = write;
    this.#strict = strict;
    this.#onWarning = onWarning;
    this.#calls = calls;
    this.#warnings = new WarningLog(sqlite);
    this.#stable = installStableFunctions(sqlite);
    sqlite.function('string', { deterministic: true }, (value: unknown) => (value === null ? null : String(value)));
    installStackqlFunctions(sqlite);
  }

  /**
   * The default regions; empty until the SDK's default region is resolved (see `resolveRegions`).
   * `['all']` when every region each account has enabled is read (`-r all`).
   */
  get regions(): readonly string[] {
    return this.#allRegions ? ALL_SETTING : (this.#regions ?? []);
  }

  /** The default regions, resolving the SDK's default region (AWS_REGION, the profile) on first use. */
  async resolveRegions(): Promise<readonly string[]> {
    await this.homeRegion();
    return this.regions;
  }

  /**
   * Where questions that belong to no one region go (STS, Organizations, global types such as IAM):
   * the first default region; with `-r all`, the SDK's default region, else us-east-1.
   */
  async homeRegion(): Promise<string> {
    if (!this.#regions) {
      const { resolveDefaultRegion } = await import('./cloud/region.js');
      const resolved = this.#allRegions ? await resolveDefaultRegion(this.#profile).catch(() => ALL_REGIONS_HOME) : await resolveDefaultRegion(this.#profile);
      this.#regions ??= Object.freeze([resolved]);
    }
    return this.#regions[0]!;
  }

  /** Names (`['us-east-1', 'eu-west-1']`) or `['all']` (also `'all'`, `['*']`): every region each account has enabled. */
  set regions(regions: readonly string[] | string) {
    const names = typeof regions === 'string' ? [regions] : regions;
    if (names.length === 0) throw new CcsqlError('INVALID_ARGUMENT', 'At least one region is needed.');
    const setting = regionSetting(names);
    if (setting === ALL_REGIONS) {
      // The first default region, if any, stays where questions of no one region go.
      if (!this.#allRegions) this.#regions = this.#regions?.slice(0, 1);
      this.#allRegions = true;
      this.#unchecked = undefined;
    } else {
      this.#allRegions = false;
      this.#regions = setting;
      this.#unchecked = setting;
    }
  }

  /** Before a statement reads a resource table: the names given are regions AWS has, and the home region is known. */
  async #readyRegions(): Promise<string> {
    const names = this.#unchecked;
    if (names) {
      (await import('./cloud/regions.js')).checkRegionNames(names);
      this.#unchecked = undefined;
    }
    return this.homeRegion();
  }

  /** How many regions the statement in progress (or the last one) read. */
  get regionsRead(): number {
    return this.#resourceTables?.regionsRead ?? 0;
  }

  get cacheTtlMs(): number {
    return this.#cacheTtlMs;
  }

  set cacheTtlMs(ms: number) {
    this.#cacheTtlMs = ms;
    if (!this.#resourceTables) return;
    this.#resourceTables.store.ttlMs = ms;
    if (ms === 0) this.#resourceTables.store.clear();
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
    const given = typeof sql === 'string' ? parseStatement(sql) : sql;
    const parsed = capped(given, options);
    this.#calls.listener = options.onCall;
    try {
      // A plan that reads every row anyway (it sorts first) runs whole: the same calls, and the rows
      // past the cap are counted instead of guessed at.
      if (parsed !== given && !this.#preparePlain(parsed) && (await (await this.#resources()).readsEveryRow(parsed))) {
        return capRows(await this.#executeParsed(given, params, options), options.maxRows, true);
      }
      return capRows(await this.#executeParsed(parsed, params, options), options.maxRows);
    } finally {
      this.#calls.listener = undefined;
    }
  }

  async #executeParsed(parsed: ParsedStatement, params: readonly unknown[], options: ExecuteOptions): Promise<StatementResult> {
    if (parsed.kind === 'meta') return (await import('./bridge/meta.js')).runMeta(parsed, this.catalog);
    checkInternalNames(parsed);
    this.#warnings.readyFor(parsed);
    const statement = this.#preparePlain(parsed);
    if (statement) {
      await gateStatement(parsed, statement, options, false);
      return this.#runPlain(parsed, statement, params, options);
    }
    return (await this.#resources()).execute(parsed, params, options, (s) => inSavepoint(parsed, s));
  }

  /**
   * Runs one statement and yields its rows one by one, so a large result never sits in memory whole:
   * the statement's rounds fetch what it needs, then a last pass streams the rows. A statement that
   * returns no rows (a write) runs as `execute` would. The database runs nothing else until the
   * iteration ends (or the loop breaks).
   *
   * With `raw`, rows are arrays in column order; `onColumns` hears the columns before the first row.
   *
   * @example
   * for await (const row of db.iterate('SELECT log_group_name FROM awscc.logs.log_groups')) console.log(row.log_group_name);
   */
  async *iterate<T = Record<string, unknown>>(sql: string | ParsedStatement, params: readonly unknown[] = [], options: IterateOptions = {}): AsyncGenerator<T> {
    const release = await this.#serial.acquire();
    this.#calls.listener = options.onCall;
    try {
      const parsed = capped(typeof sql === 'string' ? parseStatement(sql) : sql, options);
      // The cap's LIMIT holds one row more than the cap, to tell `execute` that rows were left out.
      let left = options.maxRows ?? Infinity;
      for await (const row of this.#iterateParsed(parsed, params, options)) {
        if (left-- <= 0) break;
        yield row as T;
      }
    } catch (error) {
      throw asCcsqlError(error);
    } finally {
      this.#calls.listener = undefined;
      release();
    }
  }

  async *#iterateParsed(parsed: ParsedStatement, params: readonly unknown[], options: IterateOptions): AsyncGenerator<unknown> {
    if (parsed.kind === 'meta') return yield* whole((await import('./bridge/meta.js')).runMeta(parsed, this.catalog), options);
    checkInternalNames(parsed);
    this.#warnings.readyFor(parsed);
    const statement = this.#preparePlain(parsed);
    if (statement) {
      await gateStatement(parsed, statement, options, false);
      return yield* this.#iteratePlain(parsed, statement, params, options);
    }
    const result = yield* (await this.#resources()).iterate(parsed, params, options, (s) => inSavepoint(parsed, s));
    if (result) yield* whole(result, options);
  }

  /**
   * The statement prepared as written, when it names no resource table and none is registered yet:
   * it then runs in SQLite alone. Anything SQLite refuses (a view over a resource table, a typo)
   * goes the resource tables' way, which registers what is missing or says what is wrong.
   */
  #preparePlain(parsed: ParsedStatement): Statement | undefined {
    if (this.#resourceTables || parsed.names.length > 0) return undefined;
    try {
      return this.sqlite.prepare(parsed.tokens.map((t) => t.text).join(''));
    } catch {
      return undefined;
    }
  }

  #runPlain(parsed: ParsedStatement, statement: Statement, params: readonly unknown[], options: ExecuteOptions): StatementResult {
    options.signal?.throwIfAborted();
    this.#warnings.begin();
    this.#stable.beginStatement();
    const result = runOnce(this.sqlite, statement, [...params], inSavepoint(parsed, statement));
    this.#warnings.end();
    return result;
  }

  *#iteratePlain(parsed: ParsedStatement, statement: Statement, params: readonly unknown[], options: IterateOptions): Generator<unknown> {
    if (!statement.reader || parsed.kind !== 'select') return yield* whole(this.#runPlain(parsed, statement, params, options), options);
    options.onColumns?.(statement.columns().map((c) => ({ name: c.name, type: c.type })));
    options.signal?.throwIfAborted();
    this.#warnings.begin();
    this.#stable.beginStatement();
    try {
      // As the resource tables' rounds do: one pass settles the statement, so an error a row raises
      // comes before anything is printed; the streamed pass sees the same random() values and instant.
      for (const _ of statement.iterate(...params)) {
        // Rows are counted out, not kept.
      }
      this.#stable.beginRound();
      statement.raw(options.raw ?? false);
      yield* statement.iterate(...params);
    } finally {
      statement.raw(false);
      this.#warnings.end();
    }
  }

  /** The resource-table side (registry, fetches, rounds, writer), loaded on first need. */
  async #resources(): Promise<ResourceTables> {
    if (this.#resourceTables) return this.#resourceTables;
    const { ResourceTables } = await import('./bridge/resources.js');
    this.#resourceTables ??= new ResourceTables(this.sqlite, {
      catalog: this.catalog,
      cloud: this.cloud,
      accounts: this.#accounts,
      strict: this.#strict,
      cacheTtlMs: this.#cacheTtlMs,
      write: this.#write,
      stable: this.#stable,
      warnings: this.#warnings,
      regions: () => this.#regions ?? [],
      allRegions: () => this.#allRegions,
      resolveRegions: () => this.#readyRegions(),
      onWarning: this.#onWarning,
    });
    return this.#resourceTables;
  }

  /** How far the listings of the statement in progress (or the last one) have come: for progress lines. */
  get progress(): readonly ListingProgress[] {
    return this.#resourceTables?.progress ?? [];
  }

  /** Runs every statement of a script in order, no other statement between them; returns the result of each. */
  executeScript(script: string, options: ExecuteOptions = {}): Promise<StatementResult[]> {
    return this.#serial
      .run(async () => {
        const results: StatementResult[] = [];
        for (const statement of parseScript(script)) results.push(await this.#execute(statement, [], options));
        return results;
      })
      .catch((error: unknown) => {
        throw asCcsqlError(error);
      });
  }

  /** The writes journaled in this database that no session has seen finish, oldest first. */
  pendingWrites(): PendingWrite[] {
    // Only the resource tables write the journal; `open` loads them for a file that may hold one.
    return this.#resourceTables?.pending() ?? [];
  }

  /**
   * Takes up the writes an earlier session journaled but did not see finish. With `waitMs`, stops
   * waiting after that long; what is still running stays journaled.
   */
  resume(signal?: AbortSignal, waitMs?: number): Promise<ResumeReport> {
    return this.#serial.run(async () => (await this.#resources()).resume(signal, waitMs)).catch((error: unknown) => {
      throw asCcsqlError(error);
    });
  }

  async close(): Promise<void> {
    this.#accounts.destroy();
    this.#resourceTables?.close();
    this.sqlite.close();
    this.#stable.close();
  }
}

/** Where the database's call hook hands a statement's calls to that statement's own `onCall`. */
interface StatementCalls {
  listener?: ((trace: CallTrace) => void) | undefined;
}

function checkMaxRows(maxRows: number): number {
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new CcsqlError('INVALID_ARGUMENT', `Option maxRows must be a positive integer, not "${String(maxRows)}".`);
  return maxRows;
}

/** The statement with `maxRows` pushed in as its LIMIT (row-cap.ts). */
function capped(parsed: ParsedStatement, options: ExecuteOptions): ParsedStatement {
  return options.maxRows === undefined ? parsed : withRowCap(parsed, checkMaxRows(options.maxRows));
}

/** A result cut to `maxRows`, saying whether rows were left out and, where every row was read (`whole`), how many. */
function capRows(result: StatementResult, maxRows: number | undefined, whole = false): StatementResult {
  if (maxRows === undefined) return result;
  if (result.rows.length <= maxRows) return { ...result, truncated: false };
  const heldBack = whole ? { heldBack: result.rows.length - maxRows } : {};
  return { ...result, rows: result.rows.slice(0, maxRows), ...(result.rawRows ? { rawRows: result.rawRows.slice(0, maxRows) } : {}), truncated: true, ...heldBack };
}

function checkInternalNames(parsed: ParsedStatement): void {
  const internal = internalNameIn(parsed);
  if (internal) throw new CcsqlError('UNKNOWN_TABLE', `"${internal}" is internal to ccsql and cannot be named in SQL: write to the resource table itself.`, { table: internal });
}

/** A whole result, as iterate yields it: its columns told first, rows as objects or (raw) arrays. */
function whole(result: StatementResult, options: IterateOptions): Iterable<unknown> {
  options.onColumns?.(result.columns.map((name, i) => ({ name, type: result.types?.[i] ?? null })));
  if (!options.raw) return result.rows;
  return result.rawRows ?? result.rows.map((row) => result.columns.map((name) => row[name]));
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
  const names = typeof options.regions === 'string' ? [options.regions] : options.regions?.length ? options.regions : options.region ? [options.region] : [];
  const regions = names.length > 0 ? regionSetting(names) : undefined;
  const onWarning = options.onWarning ?? ((warning: CcsqlWarning) => process.emitWarning(warning.message, 'CcsqlWarning'));
  const profile = options.profile ?? (options.profiles?.length === 1 ? options.profiles[0] : undefined);
  const calls: StatementCalls = {};
  const onCall = (trace: CallTrace): void => {
    options.onCall?.(trace);
    calls.listener?.(trace);
  };
  const cloudOptions = { ...options, profile, onCall, onWarning: (message: string) => onWarning({ code: 'DUMMY_CREDENTIALS', message }) };
  const accountOptions: AccountOptions = { ...options, profiles: options.profiles ?? (profile ? [profile] : []) };
  const cloud = options.cloud ?? createCloud(cloudOptions);
  let accounts: AccountSet;
  try {
    accounts = new AccountSet(cloud, cloudOptions, accountOptions);
  } catch (error) {
    cloud.destroy();
    throw asCcsqlError(error);
  }
  const { sqlite, journalBlocked } = await openFile(options.file, options);
  try {
    const write = { timers: options.timers, nowait: options.nowait, journalBlocked: () => journalBlocked };
    const db = new CcsqlDatabase(sqlite, options.catalog ?? deferredCatalog(() => openCatalog(options.catalogDir)), accounts, regions, options.cacheTtlMs ?? 0, write, profile, onWarning, options.strict, calls);
    // A file may hold writes an earlier session journaled: the resource tables (and their writer) come up now.
    if (options.file !== undefined) {
      await loadResources(db);
      if (!journalBlocked) await (await import('./write/pending.js')).resumeOnOpen(db, options);
    }
    return db;
  } catch (error) {
    sqlite.close();
    accounts.destroy();
    throw asCcsqlError(error);
  }
}
