/**
 * What the table functions read from. A table function runs inside SQLite's synchronous loop and may
 * not await, so it only looks things up here; whatever is not here yet is recorded as a miss with the
 * loader that will fetch it. The statement runner fetches all misses of a round concurrently and runs
 * the statement again (docs/architecture.md).
 *
 * Entries fetched during the current statement are always valid; older ones only within the cache TTL
 * (0 by default: every statement sees fresh data).
 */

export const MISSING: unique symbol = Symbol('missing');
export type Missing = typeof MISSING;

export type Loader = (store: FetchStore) => Promise<unknown>;

/**
 * A loader's answer that holds only for the statement that fetched it: a listing read part-way
 * (partial-listing.ts), whose NextToken continues this statement's listing and no other. It is never
 * kept across statements, whatever the cache TTL.
 */
export class StatementOnly {
  constructor(readonly value: unknown) {}
}

interface Entry {
  readonly value: unknown;
  readonly at: number;
  readonly epoch: number;
  /** Valid only in the statement that stored it (StatementOnly). */
  readonly scoped: boolean;
  /** Values derived from this entry (row arrays per table), computed once; made on first use (most entries have none). */
  memo?: Map<string, unknown>;
}

export class FetchStore {
  readonly #entries = new Map<string, Entry>();
  #misses = new Map<string, Loader>();
  #epoch = 0;
  #strict = false;
  #ttlMs: number;
  /** The round of the current statement (1 for its first run), set by the statement runner. */
  round = 1;
  /** True while a probe runs the statement over part of a round's answers (eager-fetch.ts). */
  probing = false;
  readonly #putListeners = new Set<() => void>();
  /** Keys whose fetch has started and not yet been put: no one starts them twice (eager-fetch.ts). */
  readonly #fetching = new Set<string>();
  /** Listings still reading, as far as their pages have come: what a probe sees of them. */
  readonly #arriving = new Map<string, readonly unknown[]>();
  /**
   * Rows a round's scans gave for resources not read yet (resource-table.ts, under a LIMIT): such a
   * round is run again, and an error in it may come of the stand-in values.
   */
  pending = 0;
  readonly #now: () => number;
  /**
   * Pages each listing had when last read (`ended`: to its end; else at least that many): a hint
   * that outlives the entries (key-batch.ts).
   */
  readonly #pages = new Map<string, { pages: number; ended: boolean }>();

  constructor(ttlMs = 0, now: () => number = Date.now) {
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  get ttlMs(): number {
    return this.#ttlMs;
  }

  set ttlMs(ms: number) {
    this.#ttlMs = ms;
  }

  /**
   * Starts a statement: earlier entries stay only while the TTL allows. A `fresh` statement (a
   * write, which patches what it reads) uses only what it fetches itself.
   */
  beginStatement(fresh = false): void {
    this.#epoch += 1;
    this.#strict = fresh;
    this.round = 1;
    this.pending = 0;
    this.probing = false;
    this.#arriving.clear();
    this.#fetching.clear();
    this.#misses = new Map();
    const now = this.#now();
    for (const [key, entry] of this.#entries) if (entry.scoped || !(this.#ttlMs > 0 && now - entry.at < this.#ttlMs)) this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  #fresh(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.epoch === this.#epoch || (!entry.scoped && !this.#strict && this.#ttlMs > 0 && this.#now() - entry.at < this.#ttlMs)) return entry;
    this.#entries.delete(key);
    return undefined;
  }

  has(key: string): boolean {
    return this.#fresh(key) !== undefined;
  }

  /** The value under `key` if it is at hand, recording no miss. */
  peek<T>(key: string): T | undefined {
    return this.#fresh(key)?.value as T | undefined;
  }

  /** How many pages the listing under `key` had when last read, if it ever was. */
  pagesOf(key: string): { readonly pages: number; readonly ended: boolean } | undefined {
    return this.#pages.get(key);
  }

  notePages(key: string, pages: number, ended = true): void {
    this.#pages.set(key, { pages, ended });
  }

  /** The value under `key`, or MISSING after recording `loader` to fetch it. */
  lookup<T>(key: string, loader: Loader): T | Missing {
    const entry = this.#fresh(key);
    if (entry) return entry.value as T;
    if (!this.#misses.has(key)) this.#misses.set(key, loader);
    return MISSING;
  }

  /**
   * Records `loader` to replace the value under `key`, present or not: a listing read part-way that
   * a scan needs more of is continued, and the continued listing takes its place.
   */
  refetch(key: string, loader: Loader): void {
    if (!this.#misses.has(key)) this.#misses.set(key, loader);
  }

  /** A value derived from the entry under `key`, computed at most once per entry. */
  memo<T>(key: string, name: string, compute: () => T): T {
    const entry = this.#fresh(key);
    if (!entry) return compute();
    const memo = (entry.memo ??= new Map());
    if (!memo.has(name)) memo.set(name, compute());
    return memo.get(name) as T;
  }

  /** A derived value stored earlier with `remember`, if the entry is still fresh. */
  recall<T>(key: string, name: string): T | undefined {
    return this.#fresh(key)?.memo?.get(name) as T | undefined;
  }

  remember(key: string, name: string, value: unknown): void {
    const entry = this.#fresh(key);
    if (entry) (entry.memo ??= new Map()).set(name, value);
  }

  put(key: string, value: unknown): void {
    const scoped = value instanceof StatementOnly;
    this.#entries.set(key, { value: scoped ? value.value : value, at: this.#now(), epoch: this.#epoch, scoped });
    this.#arriving.delete(key);
    this.#fetching.delete(key);
    for (const listener of this.#putListeners) listener();
  }

  /** Marks `key` as being fetched (until it is put, or `fetched`): whoever would start it too leaves it. */
  fetching(key: string): void {
    this.#fetching.add(key);
  }

  fetched(key: string): void {
    this.#fetching.delete(key);
  }

  isFetching(key: string): boolean {
    return this.#fetching.has(key);
  }

  /** Hears every put (eager-fetch.ts); returns what stops it. */
  onPut(listener: () => void): () => void {
    this.#putListeners.add(listener);
    return () => this.#putListeners.delete(listener);
  }

  /** A listing still reading shows its items so far (to probes only: arrivingItems). */
  arriving(key: string, items: readonly unknown[]): void {
    this.#arriving.set(key, items);
  }

  /** While a probe runs, the items of a listing under `key` that is still reading. */
  arrivingItems<T>(key: string): readonly T[] | undefined {
    return this.probing ? (this.#arriving.get(key) as readonly T[] | undefined) : undefined;
  }

  /**
   * Forgets what a write may have changed: the resource's own entry, every listing of its type in its
   * account and region (`where`, as the keys spell it), and the request listings.
   */
  invalidate(typeName: string, where: string, identifier: string | undefined): void {
    const list = `list\u0000${typeName}\u0000${where}\u0000`;
    const get = identifier === undefined ? undefined : `get\u0000${typeName}\u0000${where}\u0000${identifier}`;
    for (const key of this.#entries.keys()) if (key === get || key.startsWith(list) || key.startsWith('requests\u0000')) this.#entries.delete(key);
  }

  /** The misses recorded since the last call. */
  takeMisses(): Map<string, Loader> {
    const misses = this.#misses;
    this.#misses = new Map();
    this.pending = 0;
    return misses;
  }
}
