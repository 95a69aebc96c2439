/**
 * A statement, parsed once. A script is tokenized a single time and cut into statements at top-level
 * semicolons; each statement becomes a frozen value (its text, its tokens, its kind, its hints, the
 * three-part names it uses and which one a write targets) that every later step reads — the
 * metadata answers, the StackQL rewrite, the write path — so no step has its own idea of where a
 * statement starts and ends. What SQLite can answer better (is it read-only, which columns it reads)
 * is asked of SQLite once the rewritten statement is prepared.
 */

import { CcsqlError } from '../errors.js';
import { hintsOf, tokenize, type Token } from './tokenize.js';

export const STATEMENT_KINDS = ['select', 'insert', 'update', 'delete', 'meta', 'transaction', 'other'] as const;
/** `meta` is StackQL's SHOW and DESCRIBE; `transaction` is BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT, RELEASE. */
export type StatementKind = (typeof STATEMENT_KINDS)[number];

/** A `provider.service.resource` name in the statement, by token positions. */
export interface NameRef {
  readonly text: string;
  /** Index in `tokens` of the first and last part. */
  readonly first: number;
  readonly last: number;
}

export interface ParsedStatement {
  /** The statement's text, without the semicolon that ended it and the blanks around it. */
  readonly text: string;
  /** Every token of `text` (spaces and comments included), offsets relative to `text`. */
  readonly tokens: readonly Token[];
  /** Indices in `tokens` of those that carry meaning (not spaces, comments or hints). */
  readonly meaningful: readonly number[];
  readonly kind: StatementKind;
  /** Words of `/*+ … *\/` hints, lower-cased. */
  readonly hints: ReadonlySet<string>;
  readonly names: readonly NameRef[];
  /** The name an INSERT, UPDATE or DELETE writes to (not a CTE's name). */
  readonly writeTarget?: NameRef;
  /** Index in `tokens` of a top-level RETURNING keyword. */
  readonly returningAt?: number;
}

const TRANSACTION_WORDS = new Set(['BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE']);
const META_WORDS = new Set(['SHOW', 'DESCRIBE', 'DESC']);

/** Parses every statement of a script; blank statements (only spaces, comments, hints) are dropped. */
export function parseScript(script: string): ParsedStatement[] {
  refuseNul(script);
  const tokens = tokenize(script);
  const statements: ParsedStatement[] = [];
  let from = 0;
  for (const end of [...statementEnds(tokens), tokens.length]) {
    const statement = fromTokens(script, tokens.slice(from, end));
    if (statement) statements.push(statement);
    from = end + 1;
  }
  return statements;
}

/** Parses text that must hold exactly one statement (a trailing semicolon is allowed). */
export function parseStatement(sql: string): ParsedStatement {
  const statements = parseScript(sql);
  if (statements.length === 1) return statements[0]!;
  if (statements.length === 0) throw new CcsqlError('SQL_ERROR', 'The SQL text holds no statement.');
  throw new CcsqlError('SQL_ERROR', `The SQL text holds ${statements.length} statements where one was expected: run it as a script (executeScript, or the ccsql command) to run each in turn.`);
}

/** True when every statement in the text has been ended by its semicolon (the shell stops reading). */
export function isComplete(script: string): boolean {
  const tokens = tokenize(script);
  const ends = statementEnds(tokens);
  let last = tokens.length - 1;
  while (last >= 0 && !isMeaningful(tokens[last]!)) last -= 1;
  return last >= 0 && ends.length > 0 && ends.at(-1)! >= last;
}

/**
 * SQLite stops reading SQL at a NUL character while every other step would read on, so a statement
 * could do more than its text shows: refuse it.
 */
function refuseNul(script: string): void {
  const at = script.indexOf('\u0000');
  if (at < 0) return;
  throw new CcsqlError('SQL_ERROR', `The SQL text holds a NUL character at offset ${at}: SQLite would stop reading there. Remove it (pass binary values as parameters).`, { offset: at });
}

const isMeaningful = (t: Token): boolean => t.kind !== 'space' && t.kind !== 'comment';

/**
 * Indices of the semicolons that end statements. Inside CREATE TRIGGER … BEGIN … END semicolons
 * separate the trigger's own statements, so only a trigger body's BEGIN and CASE open a level that
 * END closes; elsewhere BEGIN and END are transaction words.
 */
function statementEnds(tokens: readonly Token[]): number[] {
  const ends: number[] = [];
  let words: string[] = [];
  let depth = 0;
  tokens.forEach((t, i) => {
    if (t.kind === 'word') {
      const word = t.text.toUpperCase();
      if (words.length < 4) words.push(word);
      if (isTriggerHead(words) && (word === 'BEGIN' || word === 'CASE')) depth += 1;
      else if (isTriggerHead(words) && word === 'END') depth -= 1;
    }
    if (t.kind === 'punct' && t.text === ';' && depth <= 0) {
      ends.push(i);
      words = [];
      depth = 0;
    }
  });
  return ends;
}

/** CREATE [TEMP | TEMPORARY] TRIGGER */
function isTriggerHead(words: readonly string[]): boolean {
  if (words[0] !== 'CREATE') return false;
  return words[1] === 'TRIGGER' || ((words[1] === 'TEMP' || words[1] === 'TEMPORARY') && words[2] === 'TRIGGER');
}

function fromTokens(script: string, slice: readonly Token[]): ParsedStatement | undefined {
  let first = 0;
  let last = slice.length - 1;
  while (first <= last && slice[first]!.kind === 'space') first += 1;
  while (last >= first && slice[last]!.kind === 'space') last -= 1;
  const kept = slice.slice(first, last + 1);
  if (!kept.some((t) => isMeaningful(t) && t.kind !== 'hint')) return undefined;
  const offset = kept[0]!.start;
  const end = kept.at(-1)!.start + kept.at(-1)!.text.length;
  const tokens = kept.map((t) => Object.freeze({ ...t, start: t.start - offset }));
  const meaningful = tokens.flatMap((t, i) => (t.kind === 'space' || t.kind === 'comment' || t.kind === 'hint' ? [] : [i]));
  const kind = kindOf(tokens, meaningful);
  const names = threePartNames(tokens);
  const writeTarget = writeTargetOf(tokens, meaningful, kind, names);
  const returningAt = kind === 'insert' || kind === 'update' || kind === 'delete' ? returningIndex(tokens) : undefined;
  return Object.freeze({
    text: script.slice(offset, end),
    tokens: Object.freeze(tokens),
    meaningful: Object.freeze(meaningful),
    kind,
    hints: hintsOf(tokens),
    names: Object.freeze(names),
    ...(writeTarget ? { writeTarget } : {}),
    ...(returningAt !== undefined ? { returningAt } : {}),
  });
}

/** The index in `meaningful` of the statement's verb: a WITH clause precedes it. */
function verbPosition(tokens: readonly Token[], meaningful: readonly number[]): number {
  if (tokens[meaningful[0]!]?.text.toUpperCase() !== 'WITH') return 0;
  let depth = 0;
  for (let k = 1; k < meaningful.length; k += 1) {
    const t = tokens[meaningful[k]!]!.text;
    if (t === '(') depth += 1;
    else if (t === ')') depth -= 1;
    else if (depth === 0 && /^(SELECT|INSERT|UPDATE|DELETE|REPLACE|VALUES)$/i.test(t)) return k;
  }
  return meaningful.length;
}

function kindOf(tokens: readonly Token[], meaningful: readonly number[]): StatementKind {
  const first = tokens[meaningful[0]!]?.text.toUpperCase() ?? '';
  if (META_WORDS.has(first)) return 'meta';
  if (TRANSACTION_WORDS.has(first)) return 'transaction';
  const word = tokens[meaningful[verbPosition(tokens, meaningful)]!]?.text.toUpperCase();
  if (word === 'SELECT' || word === 'VALUES') return 'select';
  if (word === 'INSERT' || word === 'REPLACE') return 'insert';
  if (word === 'UPDATE') return 'update';
  if (word === 'DELETE') return 'delete';
  return 'other';
}

/** `word . word . word` with nothing between the parts: StackQL's provider.service.resource. */
function threePartNames(tokens: readonly Token[]): NameRef[] {
  const names: NameRef[] = [];
  for (let i = 0; i + 4 < tokens.length; i += 1) {
    const parts = tokens.slice(i, i + 5);
    if (parts[0]!.kind !== 'word' || parts[2]!.kind !== 'word' || parts[4]!.kind !== 'word') continue;
    if (parts[1]!.text !== '.' || parts[3]!.text !== '.') continue;
    if (tokens[i - 1]?.text === '.' || tokens[i + 5]?.text === '.') continue;
    names.push(Object.freeze({ text: parts.map((t) => t.text).join(''), first: i, last: i + 4 }));
    i += 4;
  }
  return names;
}

/**
 * The name right after the write's own INTO / FROM / UPDATE [OR …] — searched from the verb on, so a
 * CTE in front (`WITH x AS (SELECT … FROM awscc.…) DELETE FROM …`) is never taken for the target.
 */
function writeTargetOf(tokens: readonly Token[], meaningful: readonly number[], kind: StatementKind, names: readonly NameRef[]): NameRef | undefined {
  if (kind !== 'insert' && kind !== 'update' && kind !== 'delete') return undefined;
  const verbAt = verbPosition(tokens, meaningful);
  const keyword = kind === 'insert' ? 'INTO' : kind === 'delete' ? 'FROM' : 'UPDATE';
  let k = meaningful.findIndex((index, at) => at >= verbAt && tokens[index]!.kind === 'word' && tokens[index]!.text.toUpperCase() === keyword);
  if (k < 0) return undefined;
  k += 1;
  if (kind === 'update' && tokens[meaningful[k]!]?.text.toUpperCase() === 'OR') k += 2;
  return names.find((n) => n.first === meaningful[k]);
}

function returningIndex(tokens: readonly Token[]): number | undefined {
  let depth = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (t.text === '(') depth += 1;
    else if (t.text === ')') depth -= 1;
    else if (depth === 0 && t.kind === 'word' && t.text.toUpperCase() === 'RETURNING') return i;
  }
  return undefined;
}

/** The text of each statement of a script, in order (blank statements dropped). */
export function splitStatements(script: string): string[] {
  return parseScript(script).map((s) => s.text);
}
