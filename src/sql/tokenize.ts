/**
 * A small SQL tokenizer: enough to find resource table names, hints and statement boundaries without
 * ever touching the inside of string literals, quoted identifiers or comments.
 */

export type TokenKind = 'space' | 'comment' | 'hint' | 'string' | 'quoted' | 'word' | 'number' | 'param' | 'punct';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

/** How many times text was tokenized: lets a test check that a statement is parsed only once. */
export const tokenizerStats = { calls: 0 };

export function tokenize(sql: string): Token[] {
  tokenizerStats.calls += 1;
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number): void => {
    tokens.push({ kind, text: sql.slice(i, end), start: i });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (/\s/.test(c)) push('space', scanWhile(sql, i, (ch) => /\s/.test(ch)));
    else if (c === '-' && next === '-') push('comment', lineEnd(sql, i));
    else if (c === '/' && next === '*') push(sql[i + 2] === '+' ? 'hint' : 'comment', blockEnd(sql, i));
    else if (c === "'") push('string', quoteEnd(sql, i, "'"));
    else if (c === '"' || c === '`') push('quoted', quoteEnd(sql, i, c));
    else if (c === '[') push('quoted', Math.min(sql.length, (sql.indexOf(']', i) + 1) || sql.length));
    else if ((c === 'x' || c === 'X') && next === "'") push('string', quoteEnd(sql, i + 1, "'"));
    else if (WORD_START.test(c)) push('word', scanWhile(sql, i, (ch) => WORD_PART.test(ch)));
    else if (/[0-9]/.test(c) || (c === '.' && next !== undefined && /[0-9]/.test(next))) push('number', numberEnd(sql, i));
    else if (c === '?' || c === ':' || c === '@' || c === '$') push('param', scanWhile(sql, i + 1, (ch) => WORD_PART.test(ch)));
    else push('punct', i + 1);
  }
  return tokens;
}

function scanWhile(sql: string, from: number, ok: (c: string) => boolean): number {
  let j = from;
  while (j < sql.length && ok(sql[j]!)) j += 1;
  return j;
}

function lineEnd(sql: string, from: number): number {
  const end = sql.indexOf('\n', from);
  return end < 0 ? sql.length : end;
}

function blockEnd(sql: string, from: number): number {
  const end = sql.indexOf('*/', from + 2);
  return end < 0 ? sql.length : end + 2;
}

/** A quote ends at the first unpaired closing quote; a doubled quote is an escaped one. */
function quoteEnd(sql: string, from: number, quote: string): number {
  let j = from + 1;
  while (j < sql.length) {
    if (sql[j] === quote) {
      if (sql[j + 1] === quote) j += 2;
      else return j + 1;
    } else j += 1;
  }
  return sql.length;
}

function numberEnd(sql: string, from: number): number {
  let j = scanWhile(sql, from, (ch) => /[0-9.]/.test(ch));
  if (sql[j] === 'e' || sql[j] === 'E') {
    j += 1;
    if (sql[j] === '+' || sql[j] === '-') j += 1;
    j = scanWhile(sql, j, (ch) => /[0-9]/.test(ch));
  }
  return scanWhile(sql, j, (ch) => WORD_PART.test(ch));
}

/** The body of each `/*+ … *\/` hint, lower-cased and split into words: `/*+ create *\/` → `create`. */
export function hintsOf(tokens: readonly Token[]): Set<string> {
  const hints = new Set<string>();
  for (const t of tokens) {
    if (t.kind !== 'hint') continue;
    for (const word of t.text.slice(3, -2).trim().toLowerCase().split(/[\s,]+/)) if (word) hints.add(word);
  }
  return hints;
}

/** Removes the quotes of a quoted identifier; words are returned as they are. */
export function unquote(token: Token): string {
  if (token.kind !== 'quoted') return token.text;
  const q = token.text[0]!;
  const inner = token.text.slice(1, -1);
  return q === '[' ? inner : inner.split(q + q).join(q);
}
