/**
 * A row cap pushed into a SELECT as its LIMIT, so the cap also bounds what the statement fetches:
 * under a LIMIT that nothing sorts or aggregates first, a listing stops paging and a resource past
 * it is never read (architecture.md, "Only the calls a statement needs"). The LIMIT is one more than
 * the cap, so the row past it tells that rows were left out. A statement with a LIMIT of its own
 * keeps it and is read through a subquery, which can only return fewer rows (the subquery renames
 * a repeated column `a:1`, so the LIMIT is appended wherever it can be).
 */

import { parseStatement, type ParsedStatement } from './statement.js';

export function withRowCap(parsed: ParsedStatement, maxRows: number): ParsedStatement {
  if (parsed.kind !== 'select' || parsed.returningAt !== undefined) return parsed;
  const limit = maxRows + 1;
  // A new line, so a trailing `-- comment` cannot swallow the LIMIT.
  // A new line, so a trailing `-- comment` cannot swallow the LIMIT. SQLite takes no LIMIT after a
  // VALUES list, so a statement with one at the top is read through a subquery too.
  if (!hasTopLevel(parsed, 'LIMIT') && !hasTopLevel(parsed, 'VALUES')) return parseStatement(`${parsed.text}\nLIMIT ${limit}`);
  return parseStatement(`SELECT * FROM (\n${parsed.text}\n) LIMIT ${limit}`);
}

function hasTopLevel(parsed: ParsedStatement, keyword: string): boolean {
  let depth = 0;
  for (const t of parsed.tokens) {
    if (t.text === '(') depth += 1;
    else if (t.text === ')') depth -= 1;
    else if (depth === 0 && t.kind === 'word' && t.text.toUpperCase() === keyword) return true;
  }
  return false;
}
