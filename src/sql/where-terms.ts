/**
 * Terms of a SELECT's WHERE that test one column of one table against constants
 * (`+log_group_name LIKE '/app/%'`, `l.log_group_name BETWEEN 'a' AND 'm'`), found from the
 * statement's tokens. The bridge applies such a term to a listing's identifiers before any
 * GetResource (bridge/prefilter.ts), so it must hold for every row the statement keeps; only what is
 * plainly so is found, and anything else finds nothing:
 * - a single SELECT (no WITH, no UNION/EXCEPT/INTERSECT), DELETE or UPDATE (no UPDATE … FROM), its
 *   WHERE with no OR at its top level;
 * - the term is one top-level AND term: `[+][qualifier.]column <operator> <constants>`, the operator
 *   one of LIKE, GLOB, BETWEEN, IN, <, <=, >, >=, <>, !=, =, == (NOT before any), the rest strings,
 *   numbers, signs, parentheses, commas and ESCAPE/COLLATE;
 * - the column is qualified by the alias or name of a table in the top-level FROM, or the FROM holds
 *   that table alone.
 */

import type { NameRef, ParsedStatement } from './statement.js';
import { unquote, type Token } from './tokenize.js';

export interface ColumnTerm {
  /** The table the column belongs to, as the statement names it. */
  readonly table: NameRef;
  /** The column's name, unquoted. */
  readonly column: string;
  /** Indices in `tokens` of the term's first and last token. */
  readonly first: number;
  readonly last: number;
  /** Index in `tokens` of the qualifier (`l` of `l.log_group_name`), when there is one. */
  readonly qualifier?: number;
}

const CLAUSE_ENDS = new Set(['GROUP', 'ORDER', 'LIMIT', 'HAVING', 'WINDOW', 'RETURNING']);
const COMPOUND = new Set(['UNION', 'EXCEPT', 'INTERSECT']);
const OPERATORS = new Set(['LIKE', 'GLOB', 'BETWEEN', 'IN', '<', '>', '=', '!', 'NOT']);
const CONSTANT_WORDS = new Set(['LIKE', 'GLOB', 'BETWEEN', 'AND', 'IN', 'NOT', 'ESCAPE', 'COLLATE', 'NOCASE', 'BINARY', 'RTRIM']);
const CONSTANT_PUNCT = new Set(['(', ')', ',', '-', '+', '<', '>', '=', '!']);
const NOT_ALIASES = new Set(['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL', 'OUTER', 'ON', 'USING', 'WHERE', 'GROUP', 'ORDER', 'LIMIT', 'WINDOW', 'HAVING', 'INDEXED', 'NOT']);

export function columnTerms(parsed: ParsedStatement): ColumnTerm[] {
  const { tokens, meaningful } = parsed;
  const at = (k: number): Token | undefined => tokens[meaningful[k]!];
  const upper = (k: number): string => at(k)?.text.toUpperCase() ?? '';
  // The table a DELETE or UPDATE names stands where a SELECT's FROM list does; an UPDATE … FROM
  // (a join) finds nothing.
  const first = upper(0);
  const shape = first === 'SELECT' ? 'select' : first === 'DELETE' && upper(1) === 'FROM' ? 'delete' : first === 'UPDATE' ? 'update' : undefined;
  if (!shape || parsed.kind !== shape) return [];
  // Top-level positions (in `meaningful`) of FROM (an UPDATE's own name: from its start), SET, WHERE and the end of the WHERE.
  let depth = 0;
  let from = shape === 'update' ? 0 : -1;
  let set = -1;
  let where = -1;
  let end = meaningful.length;
  for (let k = 0; k < meaningful.length; k += 1) {
    const word = at(k)!.kind === 'word' ? upper(k) : at(k)!.text;
    if (word === '(') depth += 1;
    else if (word === ')') depth -= 1;
    if (depth !== 0) continue;
    if (COMPOUND.has(word)) return [];
    if (word === 'FROM' && shape === 'update' && where < 0) return [];
    if (word === 'FROM' && from < 0) from = k;
    else if (word === 'SET' && shape === 'update' && set < 0) set = k;
    else if (word === 'WHERE' && where < 0) where = k;
    else if (where >= 0 && end === meaningful.length && CLAUSE_ENDS.has(word)) end = k;
  }
  if (from < 0 || where < from || (shape === 'update' && set < 0)) return [];
  const tables = fromTables(parsed, from, shape === 'update' ? set : where);
  if (tables.length === 0) return [];
  const terms: ColumnTerm[] = [];
  for (const [first, last] of andTerms(parsed, where + 1, end)) {
    if (first === undefined) return [];
    const term = columnTerm(parsed, first, last, tables);
    if (term) terms.push(term);
  }
  return terms;
}

interface FromTable {
  readonly name: NameRef;
  readonly alias?: string;
  /** The FROM clause names this table alone. */
  readonly alone: boolean;
}

/** The three-part names at the top level of the FROM clause (between `from` and `where`, meaningful positions). */
function fromTables(parsed: ParsedStatement, from: number, where: number): FromTable[] {
  const { tokens, meaningful } = parsed;
  const position = new Map(meaningful.map((index, k) => [index, k]));
  let depth = 0;
  let items = 1;
  const top = new Set<number>();
  for (let k = from + 1; k < where; k += 1) {
    const t = tokens[meaningful[k]!]!;
    if (t.text === '(') depth += 1;
    else if (t.text === ')') depth -= 1;
    else if (depth === 0 && (t.text === ',' || t.text.toUpperCase() === 'JOIN')) items += 1;
    if (depth === 0) top.add(k);
  }
  const out: FromTable[] = [];
  for (const name of parsed.names) {
    const k = position.get(name.first);
    const last = position.get(name.last);
    if (k === undefined || last === undefined || !top.has(k)) continue;
    const aliasAt = tokens[meaningful[last + 1]!]?.text.toUpperCase() === 'AS' ? last + 2 : last + 1;
    const alias = aliasAt < where ? tokens[meaningful[aliasAt]!] : undefined;
    const named = alias && (alias.kind === 'word' || alias.kind === 'quoted') && !NOT_ALIASES.has(alias.text.toUpperCase());
    out.push({ name, ...(named ? { alias: unquote(alias).toLowerCase() } : {}), alone: items === 1 });
  }
  return out;
}

/**
 * The WHERE's top-level AND terms as ranges of meaningful positions; a top-level OR yields
 * `[undefined]` (the terms are then not conditions every row meets).
 */
function andTerms(parsed: ParsedStatement, start: number, end: number): [number | undefined, number][] {
  const { tokens, meaningful } = parsed;
  const upper = (k: number) => tokens[meaningful[k]!]!.text.toUpperCase();
  const ranges: [number | undefined, number][] = [];
  let depth = 0;
  let first = start;
  let between = false;
  for (let k = start; k < end; k += 1) {
    const word = upper(k);
    if (word === '(') depth += 1;
    else if (word === ')') depth -= 1;
    if (depth !== 0) continue;
    if (word === 'OR') return [[undefined, 0]];
    if (word === 'BETWEEN') between = true;
    else if (word === 'AND' && between) between = false;
    else if (word === 'AND') {
      ranges.push([first, k - 1]);
      first = k + 1;
    }
  }
  if (first < end) ranges.push([first, end - 1]);
  return ranges;
}

function columnTerm(parsed: ParsedStatement, first: number, last: number, tables: readonly FromTable[]): ColumnTerm | undefined {
  const { tokens, meaningful } = parsed;
  const at = (k: number) => tokens[meaningful[k]!]!;
  const isName = (k: number) => k <= last && (at(k).kind === 'word' || at(k).kind === 'quoted');
  let k = first;
  if (at(k).text === '+') k += 1;
  if (!isName(k)) return undefined;
  let qualifier: number | undefined;
  let column = k;
  if (k + 2 <= last && at(k + 1).text === '.') {
    if (!isName(k + 2)) return undefined;
    qualifier = k;
    column = k + 2;
  }
  const rest = column + 1;
  if (rest > last || !OPERATORS.has(at(rest).text.toUpperCase())) return undefined;
  for (let r = rest; r <= last; r += 1) {
    const t = at(r);
    const ok = t.kind === 'string' || t.kind === 'number' || (t.kind === 'punct' && CONSTANT_PUNCT.has(t.text)) || (t.kind === 'word' && CONSTANT_WORDS.has(t.text.toUpperCase()));
    if (!ok) return undefined;
  }
  const table = ownerOf(qualifier === undefined ? undefined : unquote(at(qualifier)).toLowerCase(), tables);
  if (!table) return undefined;
  return { table: table.name, column: unquote(at(column)), first: meaningful[first]!, last: meaningful[last]!, ...(qualifier !== undefined ? { qualifier: meaningful[qualifier]! } : {}) };
}

function ownerOf(qualifier: string | undefined, tables: readonly FromTable[]): FromTable | undefined {
  if (qualifier === undefined) return tables.length === 1 && tables[0]!.alone ? tables[0] : undefined;
  const named = tables.filter((t) => (t.alias ?? t.name.text.toLowerCase()) === qualifier);
  return named.length === 1 ? named[0] : undefined;
}
