/**
 * How a failure reads: `Error: <message>` on one line of stderr. A CcsqlError is a user's mistake or
 * the cloud's answer, so it never shows a stack trace. Anything else is ccsql's own bug: its message
 * may name internals that mean nothing to a user, so it reads as one line asking for a report, and
 * `--verbose` shows the message and stack.
 */
import { isCcsqlError } from '../errors.js';

const INTERNAL = 'internal error in ccsql, please report it (run again with --verbose for the details).';

export function errorLine(error: unknown, verbose = false): string {
  if (isInternal(error) && !verbose) return `Error: ${INTERNAL}\n`;
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim();
  return `Error: ${message}\n`;
}

export function reportError(error: unknown, verbose: boolean, write: (text: string) => void): void {
  write(errorLine(error, verbose));
  if (!verbose || !(error instanceof Error)) return;
  const cause = error.cause instanceof Error ? error.cause : undefined;
  if (cause?.stack && isInternal(error)) write(`${cause.stack}\n`);
  else if (error.stack) write(`${error.stack}\n`);
}

/** Neither a CcsqlError about the user's input nor one of the errors that describe it (yargs' usage errors). */
function isInternal(error: unknown): boolean {
  if (isCcsqlError(error)) return error.code === 'INTERNAL';
  return !(error instanceof Error && (error.name === 'UsageError' || error.name === 'YError'));
}
