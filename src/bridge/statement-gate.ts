/**
 * The caller's say over a statement that could change anything, asked once it is prepared and
 * before it runs: `readOnly` refuses it, `approve` is asked about a change to the local database
 * (a resource write is asked with its calls by the write path, write/execute.ts).
 */

import type { Statement } from 'better-sqlite3';
import { CcsqlError } from '../errors.js';
import type { ExecuteOptions } from '../shapes.js';
import type { ParsedStatement } from '../sql/statement.js';
import { writeVerdict } from '../sql/write-verdict.js';

export async function gateStatement(parsed: ParsedStatement, statement: Statement, options: ExecuteOptions, resourceWrite: boolean): Promise<void> {
  if (!options.readOnly && !options.approve) return;
  const verdict = writeVerdict(parsed, statement.readonly);
  if (verdict === undefined) return;
  if (options.readOnly) {
    throw new CcsqlError('READ_ONLY', `The statement was refused because ${verdict}, and only statements that read may run here (readOnly): nothing ran and nothing was sent.`, { verdict });
  }
  if (!resourceWrite && options.approve && !options.dryRun && !(await options.approve([]))) {
    throw new CcsqlError('WRITE_DECLINED', 'The statement changes the local database and was not approved: nothing ran.', { plan: [] });
  }
}
