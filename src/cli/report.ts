/**
 * How a failure reads: `Error: <message>` on one line of stderr. A CcsqlError is a user's mistake or
 * the cloud's answer, so it never shows a stack trace; anything else may be ccsql's own bug, whose
 * stack `--verbose` shows.
 */
import { isCcsqlError } from '../errors.js';

export function errorLine(error: unknown, verbose = false): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim();
  const hint = !verbose && !isCcsqlError(error) && !isSqliteError(error) ? ' (run again with --verbose for the stack trace)' : '';
  return `Error: ${message}${hint}\n`;
}

export function reportError(error: unknown, verbose: boolean, write: (text: string) => void): void {
  write(errorLine(error, verbose));
  if (verbose && error instanceof Error && error.stack) write(`${error.stack}\n`);
}

/** Errors that describe the user's input: SQLite's own, and yargs' usage errors. */
function isSqliteError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'SqliteError' || error.name === 'UsageError' || error.name === 'YError');
}
