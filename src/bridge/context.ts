import type { Catalog } from '../catalog/index.js';
import type { CcsqlWarning } from '../shapes.js';
import type { ResourceType } from '../catalog/types.js';
import type { Cloud } from '../cloud/index.js';
import type { AccountSet } from '../cloud/accounts.js';
import type { AccountFailures } from './account-failures.js';
import type { StableFunctions } from './stable-functions.js';
import type { ColumnUse } from './column-use.js';
import type { ReadProgress } from './progress.js';
import type { FetchStore } from './store.js';
import type { Place } from './account-failures.js';
import type { ResourceDescription } from '../cloud/index.js';

export interface Prefilter {
  /** The column's name in the table, lower-cased: `identifier`, a list key's or an identifier part's. */
  readonly column: string;
  /** Whether SQLite keeps a row with this value in the column (only text values are judged). */
  keeps(value: string): boolean;
}

/** A listing a scan reads, as a streamed statement's window knows it (stream.ts). */
export interface WindowedListing {
  /** The store key the whole listing would have (loaders.ts listKey). */
  readonly key: string;
  readonly place: Place;
  readonly typeName: string;
  readonly model: Readonly<Record<string, unknown>> | undefined;
  /** `table [account] region`, as the progress line shows it. */
  readonly label: string;
}

/** The listed items a streamed statement's pass reads instead of the store (listing-window.ts). */
export interface ListingWindow {
  /** The items of `listing` in this pass, or undefined when the scan reads the store as usual. */
  items(listing: WindowedListing): readonly ResourceDescription[] | undefined;
}

/** What every table function of one database shares. */
export interface BridgeContext {
  readonly catalog: Catalog;
  /** The caller's own credentials' Cloud (the only account's, when one is configured). */
  readonly cloud: Cloud;
  /** The accounts a query that names none reads, each with its own Cloud. */
  readonly accounts: AccountSet;
  /** Accounts that failed during the statement in progress. */
  readonly accountFailures: AccountFailures;
  /** A failed account fails the statement instead of being skipped with a warning. */
  readonly strict: boolean;
  readonly store: FetchStore;
  /** How far the listings of the statement in progress have come. */
  readonly progress: ReadProgress;
  /**
   * The regions a query that names none reads from; under `-r all`, the home region only (where
   * STS, Organizations and global types are asked): each account's own come from region-scope.ts.
   */
  regions(): readonly string[];
  /** Whether a query that names no region reads every region each account has enabled (`-r all`). */
  allRegions(): boolean;
  /** The signal of the statement in progress (cancelled by Ctrl-C in the shell). */
  signal(): AbortSignal | undefined;
  /** random() and 'now', kept the same in every round of a statement. */
  readonly stable?: StableFunctions;
  /** What the statement in progress reads from each resource table (undefined: assume everything). */
  columnUse(): ColumnUse | undefined;
  /** Filters of the statement in progress on a table's identifiers, to apply to its listing (prefilter.ts). */
  prefilters(tableName: string): readonly Prefilter[] | undefined;
  /** The window of a statement that streams its listing a few pages at a time (stream.ts), else undefined. */
  window(): ListingWindow | undefined;
  /** Tells the person something that is not an error (a child listing whose parent was not found). */
  warn(warning: CcsqlWarning): void;
  /** Hears every GetResource model a table reads, to say once per type when it has unknown properties. */
  noticeProperties(type: ResourceType, properties: Readonly<Record<string, unknown>>): void;
}
