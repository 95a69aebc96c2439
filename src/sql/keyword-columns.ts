/**
 * Columns named like SQL keywords. A few properties have a column name SQLite reads as a keyword
 * when it is written bare — `values` (Connect's predefined attributes, Amplify UI Builder's themes),
 * `primary`, `update`, `group` — and StackQL's statements write them bare:
 * `SELECT region, …, values, … FROM awscc.connect.predefined_attributes`, `INSERT … (…, Values, …)`.
 * Where such a word stands where only a column can, and a table the statement names has that
 * column (the binding's `keywords`, which SQLite itself decided: bridge/keyword-columns.ts), the
 * rewrite quotes it, so the statement runs as StackQL wrote it.
 *
 * "Where only a column can" is read from the tokens on either side:
 * - after a `.` (`p.values`, `excluded.values`);
 * - between a token that opens an operand (SELECT, DISTINCT, ALL, `,`, `(`, an operator, WHERE,
 *   AND, OR, ON, BY, SET, CASE, WHEN, THEN, ELSE, HAVING, LIKE, BETWEEN) and one that closes it (`,`, `)`, the end, FROM,
 *   AS, an operator, IS, IN, LIKE, AND, WHERE, ORDER, ASC, THEN, END, …): a result column, an
 *   INSERT's column list, `SET values =`, a comparison operand, a function argument.
 * The keyword as SQL is never between the two: `VALUES (…)`, a function call and `x.` have `(` or
 * `.` after them, `GROUP BY`, `PRIMARY KEY`, `UPDATE t SET`, `SELECT DISTINCT a` a word. `NULL` and
 * `CURRENT_TIME`/`_DATE`/`_TIMESTAMP` are values wherever an operand stands, so they stay SQL.
 * A column aliased without AS (`SELECT values v`) is not recognised: write `values AS v`.
 */

import type { ParsedStatement } from './statement.js';

/** Not IS or NOT: `IS [NOT] DISTINCT FROM` has a keyword between an operand opener and FROM. */
const OPENS = new Set([
  'SELECT', 'DISTINCT', 'ALL', ',', '(', 'WHERE', 'AND', 'OR', 'ON', 'BY', 'SET', 'CASE', 'WHEN', 'THEN', 'ELSE', 'HAVING',
  'LIKE', 'GLOB', 'REGEXP', 'MATCH', 'BETWEEN', ...operators(),
]);
const CLOSES = new Set([
  '', ',', ')', ';', 'FROM', 'AS', 'WHERE', 'AND', 'OR', 'ON', 'USING', 'GROUP', 'ORDER', 'LIMIT', 'OFFSET', 'HAVING', 'WINDOW',
  'UNION', 'EXCEPT', 'INTERSECT', 'IS', 'IN', 'NOT', 'LIKE', 'GLOB', 'REGEXP', 'MATCH', 'BETWEEN', 'ISNULL', 'NOTNULL', 'ESCAPE',
  'COLLATE', 'ASC', 'DESC', 'NULLS', 'WHEN', 'THEN', 'ELSE', 'END', 'RETURNING', 'JOIN', ...operators(),
]);
/** Keywords that are a whole value by themselves: in an operand's place they are SQL, not a column. */
const VALUES_BY_THEMSELVES = new Set(['null', 'current_date', 'current_time', 'current_timestamp']);

function operators(): string[] {
  return ['=', '<', '>', '!', '+', '-', '*', '/', '%', '|', '&', '~'];
}

/** Indices in `tokens` of the bare words to quote, given the keyword columns (lower-cased) of the tables named. */
export function keywordColumnQuotes(parsed: ParsedStatement, keywords: ReadonlySet<string>): Set<number> {
  const quotes = new Set<number>();
  if (keywords.size === 0) return quotes;
  const { tokens, meaningful } = parsed;
  const text = (k: number): string => (k < 0 || k >= meaningful.length ? '' : tokens[meaningful[k]!]!.text.toUpperCase());
  meaningful.forEach((index, k) => {
    const token = tokens[index]!;
    const word = token.text.toLowerCase();
    if (token.kind !== 'word' || !keywords.has(word) || VALUES_BY_THEMSELVES.has(word)) return;
    const after = text(k + 1);
    if (after === '(' || after === '.') return;
    if (text(k - 1) === '.' || (OPENS.has(text(k - 1)) && CLOSES.has(after))) quotes.add(index);
  });
  return quotes;
}
