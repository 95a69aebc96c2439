/**
 * How a deploy talks to ccsql: every statement through the public `db.execute`, reads with
 * `readOnly` (an `exists` or `statecheck` that would write is refused before it runs), writes waited
 * for as every ccsql write is, dry runs with `dryRun`. Rendering, the anchor contracts (count and
 * identifier modes of `exists`, one row of `exports`), retries and what reaches the terminal live here.
 */
import { render } from '../cli/template/render.js';
import { isCcsqlError, type CcsqlDatabase, type PlannedCall } from '../index.js';
import type { Anchor } from './anchors.js';
import { UNKNOWN } from './context.js';
import { deployFailed, deployInput } from './errors.js';

export type Row = Record<string, unknown>;

export interface RunnerOptions {
  readonly db: CcsqlDatabase;
  readonly dryRun: boolean;
  readonly showQueries: boolean;
  /** Progress lines, already masked. */
  readonly log: (line: string) => void;
  /** Waits between statecheck attempts; injectable so tests do not sleep. */
  readonly sleep: (ms: number) => Promise<void>;
}

/** A rendered anchor, or why it could not be: the names it needs that have no value yet. */
export type Rendered = { readonly sql: string; readonly unknown: readonly string[] };

export class Runner {
  readonly #options: RunnerOptions;
  readonly #secrets = new Set<string>();
  /** Writes this run sent (not dry-run): Cloud Control requests, in order. */
  writes = 0;

  constructor(options: RunnerOptions) {
    this.#options = options;
  }

  get dryRun(): boolean {
    return this.#options.dryRun;
  }

  /** A value that must not reach the terminal (env values, protected exports). */
  secret(value: unknown): void {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (text && text.length > 0) this.#secrets.add(text);
  }

  mask(text: string): string {
    let out = text;
    for (const secret of [...this.#secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join('****');
    return out;
  }

  log(line: string): void {
    this.#options.log(this.mask(line));
  }

  /** Renders an anchor; a name without a value becomes `<unknown>` and is reported, a bad template DEPLOY_INPUT. */
  render(anchor: Anchor, vars: Record<string, unknown>): Rendered {
    const unknown: string[] = [];
    try {
      const sql = render(anchor.sql, vars, (source) => (unknown.push(source.trim()), UNKNOWN));
      return { sql, unknown };
    } catch (error) {
      if (isCcsqlError(error) && error.code === 'INVALID_ARGUMENT') throw deployInput(anchor.file, anchor.line, `has a /*+ ${anchor.key} */ template that cannot be rendered: ${error.message.replace(/\.$/, '')}`);
      throw error;
    }
  }

  /** Renders an anchor that must render whole (build, test): a missing name is DEPLOY_INPUT. */
  renderStrict(anchor: Anchor, vars: Record<string, unknown>): string {
    const { sql, unknown } = this.render(anchor, vars);
    if (unknown.length > 0) throw deployInput(anchor.file, anchor.line, `has a /*+ ${anchor.key} */ template whose "{{ ${unknown[0]} }}" has no value here`);
    return sql;
  }

  async read(resource: string, anchor: Anchor, sql: string): Promise<Row[]> {
    this.#show(resource, anchor, sql);
    return this.#options.db.query(sql, [], { readOnly: true });
  }

  /** A write, waited for; in a dry run, the calls it would make (`plan`), nothing sent. */
  async write(resource: string, anchor: Anchor, sql: string): Promise<{ rows: Row[]; plan: readonly PlannedCall[] }> {
    this.#show(resource, anchor, sql);
    const result = await this.#options.db.execute(sql, [], { dryRun: this.#options.dryRun });
    if (!this.#options.dryRun) this.writes += result.events?.length ?? 0;
    return { rows: result.rows, plan: result.plan ?? [] };
  }

  #show(resource: string, anchor: Anchor, sql: string): void {
    if (this.#options.showQueries) this.log(`-- ${resource} /*+ ${anchor.key} */\n${sql}`);
  }

  /** `exists`: absent, or present with the fields an identifier-mode query captured. */
  async exists(resource: string, anchor: Anchor, sql: string): Promise<{ present: boolean; captured: Row }> {
    const rows = await this.read(resource, anchor, sql);
    if (rows.length === 0) return { present: false, captured: {} };
    const first = rows[0]!;
    const countKey = Object.keys(first).find((key) => key.toLowerCase() === 'count');
    if (countKey !== undefined && Object.keys(first).length === 1) {
      const count = Number(first[countKey]);
      if (count > 1) throw deployFailed(resource, `its exists query counts ${count} resources; it must find one at most`);
      return { present: count === 1, captured: {} };
    }
    if (rows.length > 1) throw deployFailed(resource, `its exists query returns ${rows.length} rows; it must find one at most`);
    const present = Object.values(first).some((value) => value !== null && value !== '' && value !== 'null');
    return { present, captured: present ? first : {} };
  }

  /** `statecheck`: one row whose `count` is 1, tried `attempts` times `delayS` apart. */
  async check(resource: string, anchor: Anchor, sql: string, attempts = 1): Promise<boolean> {
    for (let attempt = 1; ; attempt += 1) {
      const rows = await this.read(resource, anchor, sql);
      const first = rows[0];
      const countKey = first && Object.keys(first).find((key) => key.toLowerCase() === 'count');
      if (rows.length === 1 && countKey !== undefined && Number(first![countKey]) === 1) return true;
      if (attempt >= attempts) return false;
      await this.#options.sleep(anchor.options.retryDelay * 1000);
    }
  }

  /** `exports`: exactly one row, tried as the anchor's retries say (a resource just written may lag). */
  async exportRow(resource: string, anchor: Anchor, sql: string, attempts = 1): Promise<Row> {
    for (let attempt = 1; ; attempt += 1) {
      const rows = await this.read(resource, anchor, sql);
      if (rows.length === 1) return rows[0]!;
      if (rows.length > 1) throw deployFailed(resource, `its exports query returns ${rows.length} rows; it must return one`);
      if (attempt >= attempts) throw deployFailed(resource, 'its exports query returns no row');
      await this.#options.sleep(anchor.options.retryDelay * 1000);
    }
  }
}
