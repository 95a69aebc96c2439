/**
 * Splits a script into statements at top-level semicolons. A CREATE TRIGGER body (BEGIN … END) keeps
 * its inner semicolons.
 */

import { tokenize, type Token } from './tokenize.js';

/** Offsets of the semicolons that end statements. */
function boundaries(tokens: readonly Token[]): number[] {
  const ends: number[] = [];
  let first: string | undefined;
  let isTrigger = false;
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'word') {
      const word = t.text.toUpperCase();
      if (first === undefined) first = word;
      else if (first === 'CREATE' && word === 'TRIGGER') isTrigger = true;
      if (isTrigger && (word === 'BEGIN' || word === 'CASE')) depth += 1;
      if (isTrigger && word === 'END') depth -= 1;
    }
    if (t.kind === 'punct' && t.text === ';' && depth <= 0) {
      ends.push(t.start);
      first = undefined;
      isTrigger = false;
      depth = 0;
    }
  }
  return ends;
}

const isMeaningful = (t: Token): boolean => t.kind !== 'space' && t.kind !== 'comment';

export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  for (const end of [...boundaries(tokenize(script)), script.length]) {
    const text = script.slice(start, end);
    if (tokenize(text).some((t) => isMeaningful(t) && t.kind !== 'hint')) statements.push(text.trim());
    start = end + 1;
  }
  return statements;
}

/** True when every statement in the text has been ended by its semicolon (the shell stops reading). */
export function isComplete(script: string): boolean {
  const tokens = tokenize(script);
  const ends = boundaries(tokens);
  const lastMeaningful = tokens.filter(isMeaningful).at(-1);
  if (!lastMeaningful) return false;
  return ends.length > 0 && ends.at(-1)! >= lastMeaningful.start;
}
