/**
 * The audit log: one JSON line per tool call (time, tool, SQL or arguments, calls made, outcome),
 * appended as the call ends, so a person can read afterwards what an agent asked and what it cost.
 * Appended synchronously: a line is on disk before the answer leaves, and lines never interleave.
 */

import { appendFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CcsqlError } from '../index.js';

export type Outcome = 'ok' | 'error' | 'refused' | 'declined' | 'cancelled';

export interface AuditRecord {
  readonly time: string;
  readonly tool: string;
  readonly sql?: string;
  readonly args?: Readonly<Record<string, unknown>>;
  readonly calls: number;
  readonly outcome: Outcome;
  /** The CcsqlError code of an error, refusal or decline. */
  readonly code?: string;
  readonly rows?: number;
  readonly truncated?: boolean;
  /** The writes' Cloud Control requests, when a write was sent. */
  readonly changes?: number;
  readonly ms: number;
}

export type AuditSink = (record: AuditRecord) => void;

/** `$XDG_STATE_HOME/ccsql/mcp-audit.jsonl`, else `~/.local/state/ccsql/mcp-audit.jsonl`. */
export function defaultAuditPath(env: NodeJS.ProcessEnv = process.env): string {
  const state = env.XDG_STATE_HOME && env.XDG_STATE_HOME !== '' ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(state, 'ccsql', 'mcp-audit.jsonl');
}

/**
 * A sink appending to `path`, its folder made now: a log that cannot be written stops the server
 * before it serves, rather than leaving tool calls unrecorded.
 */
export function fileAudit(path: string): AuditSink {
  try {
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, '', { mode: 0o600 });
  } catch (error) {
    throw new CcsqlError('INVALID_ARGUMENT', `The audit log "${path}" cannot be written (${(error as Error).message}): give another file with --audit-log.`, {}, { cause: error });
  }
  return (record) => appendFileSync(path, `${JSON.stringify(record)}\n`);
}
