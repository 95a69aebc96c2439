/**
 * A statement runs in rounds (run.ts), and SQLite's non-deterministic functions would answer each
 * round differently: `Identifier = 'x' || random()` would name a new resource every round and never
 * settle, and a value written in the last round would not be the one earlier rounds computed with.
 * So random(), randomblob() and the date functions' 'now' are replaced by versions that give the
 * n-th call of a statement the same value in every round of that statement: random values are drawn
 * from node:crypto once per call position and replayed, and 'now' is one instant per statement
 * (SQLite itself keeps 'now' stable only within one step).
 *
 * The date functions are SQLite's own, evaluated on a private connection without the overrides, with
 * 'now' (or an omitted time value) replaced by the statement's instant: nothing of SQLite's date
 * arithmetic is rewritten here.
 */
import { createRequire } from 'node:module';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { sqliteOptions } from '../sqlite-binding.js';
import { CcsqlError } from '../errors.js';

/** The built-in date functions whose time value may be 'now', and how many leading arguments are not a time value. */
const DATE_FUNCTIONS: Readonly<Record<string, number>> = { date: 0, time: 0, datetime: 0, julianday: 0, unixepoch: 0, strftime: 1, timediff: 0 };
const CURRENT: Readonly<Record<string, string>> = { current_date: 'date', current_time: 'time', current_timestamp: 'datetime' };
const MAX_BLOB = 1_000_000_000;

export interface StableFunctions {
  /** A new statement: a new instant and new random values. */
  beginStatement(): void;
  /** A new round of the same statement: the same values again, from the first call on. */
  beginRound(): void;
  /** Closes the private connection the date functions are evaluated on. */
  close(): void;
}

/**
 * node:crypto, loaded on the first random() of a session rather than at start-up (loading it costs
 * several milliseconds of every `ccsql "select 1"`).
 */
const requireLazily = createRequire(import.meta.url);
const randomBytes = (n: number): Buffer => (requireLazily('node:crypto') as typeof import('node:crypto')).randomBytes(n);

export function installStableFunctions(db: Database, now: () => number = Date.now): StableFunctions {
  // The private connection is opened by the first date function a statement calls.
  let builtin: Database | undefined;
  const prepared = new Map<string, Statement>();
  let instant = isoInstant(now());
  let integers: bigint[] = [];
  let blobs: Buffer[] = [];
  let nextInteger = 0;
  let nextBlob = 0;

  const evaluate = (name: string, args: unknown[]): unknown => {
    const key = `${name}/${args.length}`;
    let statement = prepared.get(key);
    if (!statement) {
      statement = (builtin ??= new BetterSqlite3(':memory:', sqliteOptions({}))).prepare(`SELECT ${name}(${args.map(() => '?').join(', ')})`).pluck();
      prepared.set(key, statement);
    }
    return statement.get(...args);
  };

  for (const [name, leading] of Object.entries(DATE_FUNCTIONS)) {
    db.function(name, { varargs: true, deterministic: true }, (...args: unknown[]) => {
      const filled = args.length === leading && name !== 'timediff' ? [...args, instant] : args.map((a, i) => (i >= leading && isNow(a) ? instant : a));
      return evaluate(name, filled);
    });
  }
  for (const [name, base] of Object.entries(CURRENT)) db.function(name, { deterministic: true }, () => evaluate(base, [instant]));

  db.function('random', { deterministic: false }, () => {
    integers[nextInteger] ??= randomBytes(8).readBigInt64LE();
    return integers[nextInteger++]!;
  });
  db.function('randomblob', { deterministic: false }, (size: unknown) => {
    const n = Math.trunc(Number(size ?? 0));
    if (n > MAX_BLOB) throw new CcsqlError('SQL_ERROR', `randomblob(${n}) asks for more than ${MAX_BLOB} bytes.`);
    const length = Math.max(1, Number.isFinite(n) ? n : 1);
    if (blobs[nextBlob]?.length !== length) blobs[nextBlob] = randomBytes(length);
    return blobs[nextBlob++]!;
  });

  return {
    beginStatement() {
      instant = isoInstant(now());
      integers = [];
      blobs = [];
      nextInteger = nextBlob = 0;
    },
    beginRound() {
      nextInteger = nextBlob = 0;
    },
    close() {
      builtin?.close();
    },
  };
}

const isNow = (value: unknown): boolean => typeof value === 'string' && value.trim().toLowerCase() === 'now';

/** SQLite's own text form of a time value, with milliseconds as 'now' has them. */
function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}
