/**
 * Rewrites one statement written as StackQL users write it into SQL SQLite accepts: three-part
 * resource names (`awscc.sagemaker.images`) become quoted names of tables ccsql registers, older
 * spellings (`aws.`, `data__Identifier`) become current ones, and a write's RETURNING clause is taken
 * out (its rows come from Cloud Control after the flush), `identifier`/`Region` naming a property
 * becomes its column (shared-names.ts), and a column named like an SQL keyword (`values`) is quoted
 * where only a column can stand (keyword-columns.ts). Nothing inside string literals, quoted
 * identifiers or comments is touched.
 */

import { keywordColumnQuotes } from './keyword-columns.js';
import { sharedNameSwaps, type SharedNames } from './shared-names.js';
import { CcsqlError } from '../errors.js';
import type { NameRef, ParsedStatement, StatementKind } from './statement.js';
import { unquote } from './tokenize.js';

/** What a three-part name refers to, as the bridge's resolver answers. */
export interface TableBinding<T = unknown> {
  /** The name ccsql registers in SQLite for reading (quoted when written into SQL). */
  readonly readName: string;
  /** The name of the writable view, when the table accepts writes. */
  readonly writeName?: string;
  /** Which of `Identifier`, `Region` and `AccountId` the table also has as a property (shared-names.ts). */
  readonly shared?: SharedNames;
  /**
   * Columns SQLite hands to the table function (region, Identifier, list keys). The native module
   * accepts only `=` and `IN` on them, so any other comparison is marked to run locally (`+column`).
   */
  readonly pushed?: readonly string[];
  /** Column names (lower-cased) SQLite reads as a keyword when bare: quoted where only a column can stand (keyword-columns.ts). */
  readonly keywords?: readonly string[];
  readonly target: T;
}

export type Resolver<T> = (name: string) => TableBinding<T> | undefined;

export interface RewrittenStatement<T = unknown> {
  /** The statement as parsed: its kind, hints and tokens. */
  readonly parsed: ParsedStatement;
  readonly sql: string;
  readonly kind: StatementKind;
  readonly hints: ReadonlySet<string>;
  /** Every resource table the statement names, by the name it is registered under. */
  readonly tables: ReadonlyMap<string, TableBinding<T>>;
  /** The resource table an INSERT, UPDATE or DELETE writes to. */
  readonly writeTarget?: TableBinding<T>;
  /** The RETURNING column list taken out of a write to a resource table. */
  readonly returning?: readonly string[];
  /** Three-part names that look like resource tables but resolve to nothing. */
  readonly unknown: readonly string[];
  /** The registered name each resolved three-part name became. */
  readonly bound: ReadonlyMap<NameRef, string>;
  /** The rewritten text of each token (`tokens[i]`), with any `+` the rewrite put before it: `sql` is their join. */
  readonly rendered: readonly string[];
}

const RENAMED_WORDS: Readonly<Record<string, string>> = {
  data__identifier: 'Identifier',
  data__patchdocument: 'PatchDocument',
  data__typename: 'TypeName',
  data__resourcemodel: 'ResourceModel',
  data__requesttoken: 'RequestToken',
  data__resourcerequeststatusfilter: 'ResourceRequestStatusFilter',
};
const PROVIDERS = new Set(['awscc', 'aws']);

export function rewriteStatement<T>(parsed: ParsedStatement, resolve: Resolver<T>): RewrittenStatement<T> {
  const { tokens } = parsed;
  const tables = new Map<string, TableBinding<T>>();
  const unknown: string[] = [];
  const replaced = new Map<number, { text: string; last: number }>();
  const bound = new Map<NameRef, string>();
  let writeTarget: TableBinding<T> | undefined;

  for (const name of parsed.names) {
    const binding = resolve(name.text);
    if (!binding) {
      if (PROVIDERS.has(name.text.split('.')[0]!.toLowerCase())) unknown.push(name.text);
      continue;
    }
    const isTarget = parsed.writeTarget === name;
    if (isTarget) writeTarget = binding;
    const registered = isTarget && binding.writeName ? binding.writeName : binding.readName;
    tables.set(registered, binding);
    bound.set(name, registered);
    replaced.set(name.first, { text: quoteIdentifier(registered), last: name.last });
  }

  const bindings = [...tables.values()];
  const words = sharedNameSwaps(parsed, { identifier: bindings.some((b) => b.shared?.identifier), region: bindings.some((b) => b.shared?.region), account: bindings.some((b) => b.shared?.account) });
  const quoted = keywordColumnQuotes(parsed, new Set(bindings.flatMap((b) => b.keywords ?? [])));
  // A write to a resource table gives its RETURNING rows from Cloud Control after the flush.
  const end = writeTarget && parsed.returningAt !== undefined ? parsed.returningAt : tokens.length;
  const usesResources = replaced.size > 0;
  const local = localComparisons(parsed, new Set([...tables.values()].flatMap((b) => b.pushed ?? []).map((c) => c.toLowerCase())));
  for (const at of joinedParameters(parsed, resolve)) local.add(at);
  const rendered: string[] = tokens.map(() => '');
  for (let i = 0; i < end; i += 1) {
    const plus = local.has(i) ? '+' : '';
    const swap = replaced.get(i);
    if (swap) {
      rendered[i] = plus + swap.text;
      i = swap.last;
      continue;
    }
    const t = tokens[i]!;
    const renamed = words.get(i) ?? (quoted.has(i) ? quoteIdentifier(t.text) : undefined) ?? (usesResources && t.kind === 'word' ? RENAMED_WORDS[t.text.toLowerCase()] : undefined);
    rendered[i] = plus + (renamed ?? t.text);
  }
  const returning = end < tokens.length ? returningColumns(parsed, end) : undefined;
  const sql = returning ? rendered.join('').trimEnd() : rendered.join('');
  return { parsed, sql, kind: parsed.kind, hints: parsed.hints, tables, writeTarget, returning, unknown, bound, rendered };
}

const AFTER_NOT_EQUAL = new Set(['<', '>', '!', 'LIKE', 'GLOB', 'REGEXP', 'MATCH', 'NOT', 'IS', 'ISNULL', 'NOTNULL', 'BETWEEN']);

/**
 * Token indices where a `+` makes a comparison on a pushed column run in SQLite rather than reach
 * the table function: `region LIKE 'us-%'`, `image_name <> 'x'`, `'b' < t.region`. An `=` or `IN`
 * stays pushed (it is what Cloud Control can answer); an explicit `+region` is left as written.
 */
function localComparisons(parsed: ParsedStatement, pushed: ReadonlySet<string>): Set<number> {
  const marks = new Set<number>();
  if (pushed.size === 0) return marks;
  const { tokens, meaningful } = parsed;
  const text = (k: number) => tokens[meaningful[k]!]?.text.toUpperCase() ?? '';
  meaningful.forEach((index, k) => {
    const t = tokens[index]!;
    if ((t.kind !== 'word' && t.kind !== 'quoted') || !pushed.has(unquote(t).toLowerCase())) return;
    if (text(k + 1) === '(' || text(k + 1) === '.' || text(k - 1) === 'AS') return;
    const start = text(k - 1) === '.' ? k - 2 : k;
    const before = text(start - 1);
    if (before === '+') return;
    const onLeft = AFTER_NOT_EQUAL.has(text(k + 1));
    const onRight = before === '<' || before === '>' || (before === '=' && ['<', '>', '!'].includes(text(start - 2)));
    if (onLeft || onRight) marks.add(meaningful[start]!);
  });
  return marks;
}

const NOT_ALIASES = new Set(['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL', 'OUTER', 'ON', 'USING', 'WHERE', 'GROUP', 'ORDER', 'LIMIT', 'UNION', 'EXCEPT', 'INTERSECT', 'SET', 'VALUES', 'WINDOW', 'HAVING', 'RETURNING', 'INDEXED', 'NOT']);

/**
 * `a.region = b.region` where both are pushed columns of two resource tables: each side would wait
 * for the other's value and SQLite finds no plan. The right-hand side is marked local, so the left
 * table takes its value from the right one, which reads its default regions (or listing).
 */
function joinedParameters<T>(parsed: ParsedStatement, resolve: Resolver<T>): number[] {
  const { tokens, meaningful } = parsed;
  const position = new Map(meaningful.map((index, k) => [index, k]));
  const text = (k: number) => tokens[meaningful[k]!]?.text ?? '';
  const pushedOf = new Map<string, ReadonlySet<string>>();
  for (const name of parsed.names) {
    const pushed = resolve(name.text)?.pushed;
    const k = position.get(name.last);
    if (!pushed || k === undefined) continue;
    const aliasAt = text(k + 1).toUpperCase() === 'AS' ? k + 2 : k + 1;
    const alias = tokens[meaningful[aliasAt]!];
    if (!alias || (alias.kind !== 'word' && alias.kind !== 'quoted') || NOT_ALIASES.has(alias.text.toUpperCase())) continue;
    pushedOf.set(unquote(alias).toLowerCase(), new Set(pushed.map((c) => c.toLowerCase())));
  }
  const isPushed = (k: number) => text(k + 1) === '.' && pushedOf.get(unquote(tokens[meaningful[k]!]!).toLowerCase())?.has(unquote(tokens[meaningful[k + 2]!]!).toLowerCase());
  const marks: number[] = [];
  for (let k = 0; k + 6 < meaningful.length; k += 1) {
    if (text(k - 1) === '.' || text(k - 1) === '+' || !isPushed(k) || text(k + 3) !== '=' || text(k + 4) === '=' || !isPushed(k + 4)) continue;
    if (text(k).toLowerCase() !== text(k + 4).toLowerCase()) marks.push(meaningful[k + 4]!);
  }
  return marks;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The column names of `RETURNING a, "b", c` at token `at`. The list is checked whole here, before
 * anything is sent: a write's RETURNING names ProgressEvent fields (or `*`), separated by commas.
 */
function returningColumns(parsed: ParsedStatement, at: number): string[] {
  const tokens = parsed.meaningful.filter((i) => i > at).map((i) => parsed.tokens[i]!);
  const names: string[] = [];
  tokens.forEach((t, k) => {
    const expectName = k % 2 === 0;
    const isName = t.kind === 'word' || t.kind === 'quoted' || t.text === '*';
    if (expectName && isName) names.push(t.kind === 'quoted' ? unquote(t) : t.text);
    else if (expectName || t.text !== ',') throw badReturning(`"${t.text}" where ${expectName ? 'a field name' : 'a comma'} was expected`);
  });
  if (names.length === 0 || tokens.length % 2 === 0) throw badReturning(names.length === 0 ? 'it names no field' : 'it ends with a comma');
  return names;
}

function badReturning(problem: string): CcsqlError {
  return new CcsqlError('SQL_ERROR', `The RETURNING clause of a write to a resource table cannot be read: ${problem}. It lists ProgressEvent fields separated by commas (RETURNING Identifier, OperationStatus) or *; nothing was sent.`);
}
