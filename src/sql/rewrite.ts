/**
 * Rewrites one statement written as StackQL users write it into SQL SQLite accepts: three-part
 * resource names (`awscc.sagemaker.images`) become quoted names of tables ccsql registers, older
 * spellings (`aws.`, `data__Identifier`) become current ones, and a write's RETURNING clause is taken
 * out (its rows come from Cloud Control after the flush). Nothing inside string literals, quoted
 * identifiers or comments is touched.
 */

import { hintsOf, significant, tokenize, unquote, type Token } from './tokenize.js';

export const VERBS = ['select', 'insert', 'update', 'delete', 'other'] as const;
export type Verb = (typeof VERBS)[number];

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
  readonly sql: string;
  readonly verb: Verb;
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

export function rewriteStatement<T>(statement: string, resolve: Resolver<T>): RewrittenStatement<T> {
  const tokens = tokenize(statement);
  const meaningful = significant(tokens);
  const verb = verbOf(meaningful);
  const targetIndex = writeTargetIndex(meaningful, verb);
  const tables = new Map<string, TableBinding<T>>();
  const unknown: string[] = [];
  const out: string[] = [];
  let writeTarget: TableBinding<T> | undefined;
  let returning: string[] | undefined;
  let usesResources = false;

  for (let i = 0; i < tokens.length; i += 1) {
    const name = threePartName(tokens, i);
    if (name) {
      const binding = resolve(name.text);
      if (!binding) {
        if (PROVIDERS.has(name.text.split('.')[0]!.toLowerCase())) unknown.push(name.text);
        out.push(name.text);
      } else {
        usesResources = true;
        const isTarget = targetIndex !== undefined && meaningful[targetIndex] === tokens[i];
        if (isTarget) writeTarget = binding;
        const registered = isTarget && binding.writeName ? binding.writeName : binding.readName;
        tables.set(registered, binding);
        out.push(quoteIdentifier(registered));
      }
      i = name.last;
      continue;
    }
    out.push(tokens[i]!.text);
  }

  let sql = out.join('');
  if (usesResources) sql = renameWords(sql);
  if (writeTarget) ({ sql, returning } = takeReturning(sql));
  return { sql, verb, hints: hintsOf(tokens), tables, writeTarget, returning, unknown };
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `word . word . word` with nothing between the parts: StackQL's provider.service.resource. */
function threePartName(tokens: readonly Token[], i: number): { text: string; last: number } | undefined {
  const parts = [tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3], tokens[i + 4]];
  if (parts[0]?.kind !== 'word' || parts[2]?.kind !== 'word' || parts[4]?.kind !== 'word') return undefined;
  if (parts[1]?.text !== '.' || parts[3]?.text !== '.') return undefined;
  if (tokens[i - 1]?.text === '.' || tokens[i + 5]?.text === '.') return undefined;
  return { text: parts.map((t) => t!.text).join(''), last: i + 4 };
}

function verbOf(meaningful: readonly Token[]): Verb {
  let k = 0;
  // A WITH clause precedes the statement's real verb: skip to the first verb at depth 0.
  if (meaningful[0]?.text.toUpperCase() === 'WITH') {
    let depth = 0;
    for (k = 1; k < meaningful.length; k += 1) {
      const t = meaningful[k]!.text;
      if (t === '(') depth += 1;
      else if (t === ')') depth -= 1;
      else if (depth === 0 && /^(SELECT|INSERT|UPDATE|DELETE|REPLACE|VALUES)$/i.test(t)) break;
    }
  }
  const word = meaningful[k]?.text.toUpperCase();
  if (word === 'SELECT' || word === 'VALUES') return 'select';
  if (word === 'INSERT' || word === 'REPLACE') return 'insert';
  if (word === 'UPDATE') return 'update';
  if (word === 'DELETE') return 'delete';
  return 'other';
}

/** Index (in significant tokens) of the first part of the table an INSERT, UPDATE or DELETE writes. */
function writeTargetIndex(meaningful: readonly Token[], verb: Verb): number | undefined {
  if (verb === 'select' || verb === 'other') return undefined;
  const keyword = verb === 'insert' ? 'INTO' : verb === 'delete' ? 'FROM' : 'UPDATE';
  const at = meaningful.findIndex((t) => t.kind === 'word' && t.text.toUpperCase() === keyword);
  if (at < 0) return undefined;
  let k = at + 1;
  if (verb === 'update' && meaningful[k]?.text.toUpperCase() === 'OR') k += 2;
  return k;
}

function renameWords(sql: string): string {
  return tokenize(sql)
    .map((t) => (t.kind === 'word' && RENAMED_WORDS[t.text.toLowerCase()] ? RENAMED_WORDS[t.text.toLowerCase()] : t.text))
    .join('');
}

/** Takes a top-level `RETURNING a, b, c` off the end of a write. */
function takeReturning(sql: string): { sql: string; returning?: string[] } {
  const tokens = tokenize(sql);
  let depth = 0;
  for (const t of tokens) {
    if (t.text === '(') depth += 1;
    else if (t.text === ')') depth -= 1;
    else if (depth === 0 && t.kind === 'word' && t.text.toUpperCase() === 'RETURNING') {
      const list = sql.slice(t.start + t.text.length);
      const columns = significant(tokenize(list))
        .filter((c) => c.text !== ',' && c.text !== ';')
        .map((c) => unquote(c));
      return { sql: sql.slice(0, t.start).trimEnd(), returning: columns };
    }
  }
  return { sql };
}
