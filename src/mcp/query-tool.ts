/**
 * The `query` tool: one SQL statement, run by the library with the cap pushed into it (`maxRows`),
 * the client's cancellation as its signal, its calls counted (`onCall`), and the write policy the
 * person chose when starting the server:
 *   off      readOnly: the engine refuses anything that could change anything;
 *   confirm  approve: the person is shown the calls (elicitation) and the write runs only on accept;
 *   allow    writes run unasked, several resources at once included.
 */

import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { ElicitResultSchema, type CallToolResult, type ServerNotification, type ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { CcsqlError, type CallTrace, type CcsqlDatabase, type ExecuteOptions, type PlannedCall, type StatementResult } from '../index.js';
import { answer, errorAnswer, failureOf } from './answers.js';
import type { AuditRecord } from './audit.js';
import { planText } from './plan-text.js';
import { progressOf } from './progress.js';

export const WRITE_MODES = ['off', 'confirm', 'allow'] as const;
export type WriteMode = (typeof WRITE_MODES)[number];

export const DEFAULT_MAX_ROWS = 200;
export const MAX_MAX_ROWS = 5000;

export interface QueryArgs {
  readonly sql: string;
  readonly params?: readonly (string | number | boolean | null)[] | undefined;
  readonly max_rows?: number | undefined;
}

export interface QueryContext {
  readonly db: CcsqlDatabase;
  readonly writes: WriteMode;
  /** Whether the client said it can ask its user (the elicitation capability). */
  readonly canAsk: () => boolean;
  readonly audit: (record: Omit<AuditRecord, 'time' | 'ms'>) => void;
}

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export async function runQuery(ctx: QueryContext, args: QueryArgs, extra: Extra): Promise<CallToolResult> {
  const maxRows = args.max_rows ?? DEFAULT_MAX_ROWS;
  let calls = 0;
  let throttled = 0;
  const progress = progressOf(extra);
  const onCall = (trace: CallTrace) => {
    if (trace.attempt === 1) calls += 1;
    if (trace.error && /Throttl/i.test(trace.error)) throttled += 1;
    progress.calls(calls);
  };
  try {
    const options: ExecuteOptions = { signal: extra.signal, maxRows, onCall, ...writeOptions(ctx, args.sql, extra) };
    const result = await ctx.db.execute(args.sql, args.params ?? [], options);
    progress.stop();
    const structured = structuredOf(result, calls, throttled, maxRows);
    ctx.audit({ tool: 'query', sql: args.sql, calls, outcome: 'ok', rows: structured.rows.length, truncated: structured.truncated, ...(result.events ? { changes: result.changes } : {}) });
    return answer(structured);
  } catch (error) {
    progress.stop();
    const failure = failureOf(error);
    ctx.audit({ tool: 'query', sql: args.sql, calls, outcome: failure.outcome, code: failure.code });
    return errorAnswer(throttled > 0 && failure.code !== 'THROTTLED' ? { ...failure, message: `${failure.message} (${throttled} call${throttled === 1 ? ' was' : 's were'} throttled on the way)` } : failure);
  }
}

function writeOptions(ctx: QueryContext, sql: string, extra: Extra): ExecuteOptions {
  if (ctx.writes === 'off') return { readOnly: true };
  if (ctx.writes === 'allow') return { confirm: () => true };
  return { approve: (plan) => ask(ctx, sql, plan, extra) };
}

/** Shows the person the statement and its calls; true only when they accept. */
async function ask(ctx: QueryContext, sql: string, plan: readonly PlannedCall[], extra: Extra): Promise<boolean> {
  if (!ctx.canAsk()) {
    throw new CcsqlError('WRITE_DECLINED', 'This server sends a write only when a person accepts it, and this client cannot ask its user (it has no elicitation capability): nothing was sent. Ask the person to run the statement themselves, or to start ccsql mcp with --writes allow.', { plan });
  }
  const reply = await extra.sendRequest(
    { method: 'elicitation/create', params: { mode: 'form', message: planText(sql, plan), requestedSchema: { type: 'object', properties: {} } } },
    ElicitResultSchema,
    { signal: extra.signal },
  );
  if (reply.action === 'accept') return true;
  throw new CcsqlError('WRITE_DECLINED', `The person ${reply.action === 'decline' ? 'declined' : 'dismissed'} the write: nothing was sent.`, { plan });
}

export interface QueryAnswer extends Record<string, unknown> {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
  readonly truncated: boolean;
  readonly calls: number;
}

function structuredOf(result: StatementResult, calls: number, throttled: number, maxRows: number): QueryAnswer {
  const rows = (result.rawRows ?? result.rows.map((row) => result.columns.map((name) => row[name]))).map((row) => row.map(jsonValue));
  const truncated = result.truncated ?? false;
  const notes: string[] = [];
  if (truncated && result.heldBack !== undefined) notes.push(`Only the first ${maxRows} rows: ${result.heldBack} more ${result.heldBack === 1 ? 'was' : 'were'} held back. Narrow the WHERE, aggregate (count(*)), or raise max_rows (at most ${MAX_MAX_ROWS}).`);
  else if (truncated) notes.push(`Only the first ${maxRows} rows: more were held back, and the statement stopped reading at the cap, so how many more is not known. Narrow the WHERE, aggregate (count(*)), or raise max_rows (at most ${MAX_MAX_ROWS}).`);
  if (throttled > 0) notes.push(`${throttled} call${throttled === 1 ? ' was' : 's were'} throttled and retried.`);
  return {
    columns: [...result.columns],
    rows,
    truncated,
    ...(result.heldBack !== undefined ? { held_back: result.heldBack } : {}),
    calls,
    ...(result.events ? { changes: result.changes } : {}),
    ...(result.warnings?.length ? { warnings: result.warnings.map((w) => ({ code: w.code, message: w.message })) } : {}),
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
  };
}

/** A value JSON can carry: a BLOB as hex, a bigint as a number's text. */
function jsonValue(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('hex');
  if (typeof value === 'bigint') return value.toString();
  return value;
}
