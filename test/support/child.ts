/**
 * Waits on child processes, each with a deadline: a child that dies without a word or never answers
 * fails its test, saying what was waited for, instead of holding the whole run. The deadline is wall
 * time, as nothing else can bound a stuck process, and generous, since the machine may be loaded: it
 * ends a hang, it does not time anything.
 */
import assert from 'node:assert/strict';
import type { ChildProcess, SpawnSyncReturns } from 'node:child_process';
import { createInterface } from 'node:readline';

export const CHILD_DEADLINE_MS = 120_000;

/** `work`, or a rejection naming `what` when it has not settled within `ms`. */
export function withDeadline<T>(work: Promise<T>, what: string, ms = CHILD_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms / 1000} s waiting for ${what}.`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The first line the child writes on stdout; fails if it exits first or the deadline passes. */
export function firstLine(child: ChildProcess, what: string, ms = CHILD_DEADLINE_MS): Promise<string> {
  assert.ok(child.stdout, `${what}: the child's stdout is not piped`);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout });
  const line = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('error', reject);
    // 'close' comes after the last of stdout was read, so a line written just before exiting is not lost.
    child.once('close', (code, signal) => reject(new Error(`${what}: the child exited (${signal ?? `code ${code}`}) before writing a line.${stderr ? ` Its stderr: ${stderr.trim()}` : ''}`)));
  });
  return withDeadline(line, `${what} (the child's first line on stdout)`, ms).finally(() => lines.close());
}

/** How the child ended; fails if it has not within the deadline. */
export function exitOf(child: ChildProcess, what: string, ms = CHILD_DEADLINE_MS): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return withDeadline(ended, `${what} (the child to exit)`, ms);
}

/** A spawnSync result given `timeout: CHILD_DEADLINE_MS`: fails naming `what` if the child did not finish by then or could not start. */
export function finished<T extends SpawnSyncReturns<string>>(run: T, what: string): T {
  if (run.error) {
    const timedOut = (run.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
    assert.fail(timedOut ? `Timed out after ${CHILD_DEADLINE_MS / 1000} s waiting for ${what} to finish.` : `${what} could not run: ${run.error.message}`);
  }
  return run;
}
