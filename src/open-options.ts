/**
 * What `open()` takes: where to read (regions, accounts, endpoint), how fast, the database file, and
 * the hooks a caller hears. Kept apart from database.ts so the options read as one list.
 */

import type { Catalog } from './catalog/index.js';
import type { CallTrace, Cloud, CloudOptions } from './cloud/index.js';
import type { AccountOptions } from './cloud/accounts.js';
import type { CcsqlWarning, PendingWrite } from './shapes.js';

export interface OpenOptions extends AccountOptions {
  /** The region a query that names none reads from (default: the one the AWS SDK resolves); `'all'` as `regions`. */
  readonly region?: string;
  /**
   * Several default regions: an unconstrained query reads all of them, in parallel. `'all'` (or
   * `['all']`, `['*']`) reads every region each account has enabled, asked of AWS once per account
   * (Account Management ListRegions; IAM action `account:ListRegions`).
   */
  readonly regions?: readonly string[] | 'all';
  readonly profile?: string;
  /**
   * With several accounts, one that cannot be read (its role denied, suspended, a region not
   * enabled) fails the statement instead of being skipped with an ACCOUNT_SKIPPED warning.
   */
  readonly strict?: boolean;
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
  /**
   * A user catalog folder (`ccsql catalog update` writes one; the command's default is
   * `~/.cache/ccsql`): its types take the place of the bundled ones they supersede. Default: none.
   */
  readonly catalogDir?: string;
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
  /**
   * Hears what a user should know but is no error (a property the catalog lacks, dummy keys standing
   * in for a local endpoint, a child listing whose parent was not found); the CLI prints it. Default:
   * `process.emitWarning`.
   */
  readonly onWarning?: (warning: CcsqlWarning) => void;
}
