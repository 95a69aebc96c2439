/**
 * Shapes that several layers share: the results a statement returns, the calls a write plans, the
 * options a caller passes. This module sits at the bottom of src/: it imports nothing of ours, so the
 * bridge, the write path and the CLI can all use these types without leaning on the facade
 * (database.ts), which imports everything and is imported only by index.ts and the CLI.
 */

/** A Cloud Control ProgressEvent, with ResourceModel left as the JSON string the service sends. */
export interface ProgressEvent {
  readonly TypeName?: string;
  readonly Identifier?: string;
  readonly RequestToken?: string;
  readonly HooksRequestToken?: string;
  readonly Operation?: string;
  readonly OperationStatus?: string;
  readonly EventTime?: string;
  readonly ResourceModel?: string;
  readonly StatusMessage?: string;
  readonly ErrorCode?: string;
  readonly RetryAfter?: string;
}

/** A Cloud Control call a write statement would make (what --dry-run prints). */
export interface PlannedCall {
  readonly typeName: string;
  readonly table: string;
  readonly region: string;
  /** The account's id, when the write names one (several accounts, or account_id given). */
  readonly account?: string;
  readonly operation: 'CREATE' | 'UPDATE' | 'DELETE';
  readonly identifier?: string;
  /** DesiredState for CREATE, PatchDocument for UPDATE. */
  readonly document?: unknown;
  readonly permissions: readonly string[];
}

/** What one statement returned. */
export interface StatementResult {
  readonly columns: readonly string[];
  /** Rows as objects keyed by column name: where two columns share a name, the later one's value. */
  readonly rows: Record<string, unknown>[];
  /**
   * A read's rows as arrays in `columns` order, every column kept: what `SELECT *` over a join of
   * two tables that both have `region` needs (as sqlite3 shows it).
   */
  readonly rawRows?: unknown[][];
  /**
   * Each column's declared SQL type where it is a table's column (`TEXT`, `INTEGER`, `REAL`,
   * `BOOLEAN`, `JSON`), null for an expression: objects and arrays are JSON text in `rows`.
   */
  readonly types?: readonly (string | null)[];
  readonly changes: number;
  /** How many rounds the statement took (1 when everything was at hand). */
  readonly rounds: number;
  /** A write: the final (with nowait, first) ProgressEvent of each change, in statement order. */
  readonly events?: readonly ProgressEvent[];
  /** A dry-run write: the calls it would make. */
  readonly plan?: readonly PlannedCall[];
  /** What the statement warned of (an account skipped, a parent not found): also in ccsql_warnings. */
  readonly warnings?: readonly CcsqlWarning[];
  /** With `maxRows`: true when the statement had more rows than the cap, which `rows` leave out. */
  readonly truncated?: boolean;
  /**
   * With `maxRows`, a truncated result of a statement that read every row anyway (it sorts or
   * aggregates first): how many rows the cap left out. Absent where the cap stopped the reading.
   */
  readonly heldBack?: number;
}

/** One Cloud Control (or STS, Organizations, Tagging API) call attempt, as `onCall` hears it. */
export interface CallTrace {
  readonly op: string;
  readonly region: string;
  /** The account, when the database queries several. */
  readonly account?: string;
  readonly typeName?: string;
  readonly identifier?: string;
  readonly attempt: number;
  readonly ms: number;
  readonly error?: string;
}

export interface ExecuteOptions {
  /** Cancels the statement: outstanding calls are abandoned, nothing half-done is left behind. */
  readonly signal?: AbortSignal;
  /** Plan a write and send nothing: the result's rows describe the calls it would make. */
  readonly dryRun?: boolean;
  /**
   * Asked before an UPDATE or DELETE that would touch more than one resource is sent. Without it,
   * or when it answers false, such a statement fails with CONFIRMATION_REQUIRED and sends nothing.
   */
  readonly confirm?: (plan: readonly PlannedCall[]) => boolean | Promise<boolean>;
  /** Return each write's first ProgressEvent instead of waiting for a terminal status. */
  readonly nowait?: boolean;
  /**
   * Refuse, with READ_ONLY and before anything runs or is sent, a statement that could change
   * anything: SQLite's own verdict on the prepared statement (`readonly`, which sees a write behind a
   * CTE, a view's or a trigger's), and its kind for what SQLite calls read-only but is not (ATTACH,
   * DETACH, BEGIN … COMMIT, a PRAGMA that sets a value).
   */
  readonly readOnly?: boolean;
  /**
   * Asked before any statement that could change anything runs: a write to a resource table with
   * the calls it will make (the plan a dry run gives, INSERT and single resources included), any
   * other with an empty plan (it changes the local database only). False refuses it with
   * WRITE_DECLINED and sends nothing; true also stands for `confirm`.
   */
  readonly approve?: (plan: readonly PlannedCall[]) => boolean | Promise<boolean>;
  /**
   * Return at most this many rows. A SELECT runs with the cap as its LIMIT (one more, to tell that
   * rows were left out), so a listing stops paging and reads no resource beyond it, as `LIMIT`
   * does; `truncated` in the result says rows were left out.
   */
  readonly maxRows?: number;
  /** Hears the call attempts this statement makes, as `OpenOptions.onCall` does (both hear them). */
  readonly onCall?: (trace: CallTrace) => void;
}

/** A column of a statement's result: its name and, where it is a table's column, its declared type. */
export interface ResultColumn {
  readonly name: string;
  readonly type: string | null;
}

export interface IterateOptions extends ExecuteOptions {
  /** Yield each row as an array in column order, every column kept (a join's repeated names too). */
  readonly raw?: boolean;
  /**
   * Hears the statement's columns once, before its first row and before anything is fetched, also
   * when it yields no row: what a printer needs for a header.
   */
  readonly onColumns?: (columns: readonly ResultColumn[]) => void;
}

/** A change journaled by an earlier session and not seen to finish (what `open()` asks about). */
export interface PendingWrite {
  readonly id: number;
  readonly table: string;
  readonly region: string;
  /** The account's id; absent for a write to the session's only account. */
  readonly account?: string;
  readonly operation: 'CREATE' | 'UPDATE' | 'DELETE';
  /** The resource's identifier; absent for a CREATE not yet accepted. */
  readonly identifier?: string;
  /** QUEUED (never accepted: resuming sends it, with its ClientToken) or Cloud Control's status (resuming polls it). */
  readonly status: string;
  /** When it was journaled (ISO 8601), and how long ago, in milliseconds. */
  readonly createdAt: string;
  readonly ageMs: number;
}

/** What resuming found: how many unfinished changes it took up, and how they ended. */
export interface ResumeReport {
  readonly resumed: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly pending: number;
}

/** Something a user should know that is not an error: said through `OpenOptions.onWarning`. */
export const WARNING_CODES = [
  /** Cloud Control returned properties the catalog has no column for (`typeName`, `properties`). */
  'UNKNOWN_PROPERTIES',
  /** No credentials were found, so requests to a local endpoint are signed with dummy keys. */
  'DUMMY_CREDENTIALS',
  /** A child listing came back empty because its parent was not found (`table`). */
  'PARENT_NOT_FOUND',
  /** One account of several could not be read (or the organisation lists it suspended): its rows are missing (`account`, `regions`). */
  'ACCOUNT_SKIPPED',
  /** The query names an account_id that is not among the configured accounts (`account`). */
  'ACCOUNT_NOT_CONFIGURED',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface CcsqlWarning {
  readonly code: WarningCode;
  readonly message: string;
  readonly typeName?: string;
  readonly properties?: readonly string[];
  readonly table?: string;
  readonly account?: string;
  readonly regions?: readonly string[];
}
