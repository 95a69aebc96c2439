/**
 * Rewrites one statement written as StackQL users write it into SQL SQLite accepts: three-part
 * resource names (`awscc.sagemaker.images`) become quoted names of tables ccsql registers, older
 * spellings (`aws.`, `data__Identifier`) become current ones, and a write's RETURNING clause is taken
 * out (its rows come from Cloud Control after the flush). Nothing inside string literals, quoted
 * identifiers or comments is touched.
 */

import { CcsqlError } from '../errors.js';
import type { ParsedStatement, StatementKind } from './statement.js';
import { unquote } from './tokenize.js';

/** What a three-part name refers to, as the bridge's resolver answers. */
export interface TableBinding<T = unknown> {
  /** The name ccsql registers in SQLite for reading (quoted when written into SQL). */
  readonly readName: string;
  /** The name of the writable view, when the table accepts writes. */
  readonly writeName?: string;
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
    replaced.set(name.first, { text: quoteIdentifier(registered), last: name.last });
  }

  // A write to a resource table gives its RETURNING rows from Cloud Control after the flush.
  const end = writeTarget && parsed.returningAt !== undefined ? parsed.returningAt : tokens.length;
  const usesResources = replaced.size > 0;
  const out: string[] = [];
  for (let i = 0; i < end; i += 1) {
    const swap = replaced.get(i);
    if (swap) {
      out.push(swap.text);
      i = swap.last;
      continue;
    }
    const t = tokens[i]!;
    const renamed = usesResources && t.kind === 'word' ? RENAMED_WORDS[t.text.toLowerCase()] : undefined;
    out.push(renamed ?? t.text);
  }
  const returning = end < tokens.length ? returningColumns(parsed, end) : undefined;
  const sql = returning ? out.join('').trimEnd() : out.join('');
  return { parsed, sql, kind: parsed.kind, hints: parsed.hints, tables, writeTarget, returning, unknown };
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
