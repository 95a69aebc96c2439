/**
 * Shell history kept across runs, one entered line per file line: $CCSQL_HISTORY, else
 * ~/.ccsql_history. A history that cannot be read or written never stops the shell.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const HISTORY_SIZE = 1000;

export function historyPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CCSQL_HISTORY || join(homedir(), '.ccsql_history');
}

/** Most recent first, as readline's `history` option wants it. */
export function loadHistory(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').slice(-HISTORY_SIZE).reverse();
  } catch {
    return [];
  }
}

export function appendHistory(path: string, line: string): void {
  if (line.trim() === '') return;
  try {
    appendFileSync(path, `${line.replace(/\n/g, ' ')}\n`, { mode: 0o600 });
  } catch {
    // A read-only home must not break the shell; history is a convenience.
  }
}
