/**
 * Tool answers: a result is structured content and the same as JSON text (for clients that show
 * only text); an error is an answer too (`isError`), with ccsql's message, so the agent can correct
 * itself and the server goes on serving.
 */

import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isCcsqlError } from '../index.js';
import type { Outcome } from './audit.js';

export function answer(structured: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
}

export function textAnswer(text: string): CallToolResult {
  return { content: [{ type: 'text', text }] };
}

export interface Failure {
  readonly code: string;
  readonly message: string;
  readonly outcome: Outcome;
}

/** What went wrong, as the agent and the audit log are told it. */
export function failureOf(error: unknown): Failure {
  if (!isCcsqlError(error)) return { code: 'INTERNAL', message: `Internal error: ${String((error as Error)?.message ?? error)}`, outcome: 'error' };
  const outcome: Outcome = error.code === 'READ_ONLY' ? 'refused' : error.code === 'WRITE_DECLINED' ? 'declined' : error.code === 'CANCELLED' ? 'cancelled' : 'error';
  return { code: error.code, message: error.message, outcome };
}

export function errorAnswer(failure: Failure): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: `${failure.code}: ${failure.message}` }] };
}
