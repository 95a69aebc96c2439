/**
 * Runs a script statement by statement, printing each result as it comes: shared by one-shot runs,
 * `.read` and the shell.
 */
import type { CcsqlDatabase, ExecuteOptions, StatementResult } from '../database.js';
import { parseScript, type ParsedStatement } from '../sql/statement.js';
import type { Printer } from './printer.js';
import type { Progress } from './trace.js';
import { hasPlaceholders, render, type TemplateVars } from './template/render.js';

export interface RunContext {
  readonly db: CcsqlDatabase;
  readonly printer: Printer;
  readonly progress: Progress;
  /** Placeholder values; without them the script is run as it is (already filled). */
  readonly vars?: TemplateVars;
  readonly execute: Omit<ExecuteOptions, 'signal'>;
  readonly timer: boolean;
  readonly signal?: AbortSignal;
}

/** Fills placeholders, splits the script at top-level semicolons and runs each statement in turn. */
export async function runScript(ctx: RunContext, script: string): Promise<StatementResult[]> {
  const sql = ctx.vars && hasPlaceholders(script) ? render(script, ctx.vars) : script;
  const results: StatementResult[] = [];
  for (const statement of parseScript(sql)) results.push(await runStatement(ctx, statement));
  return results;
}

export async function runStatement(ctx: RunContext, statement: string | ParsedStatement): Promise<StatementResult> {
  const started = performance.now();
  const calls = ctx.db.cloud.stats.calls;
  const stop = ctx.progress.start(ctx.db);
  let result: StatementResult;
  try {
    result = await ctx.db.execute(statement, [], { ...ctx.execute, ...(ctx.signal ? { signal: ctx.signal } : {}) });
  } finally {
    stop();
  }
  try {
    ctx.printer.print(result);
    if (ctx.timer) {
      const seconds = ((performance.now() - started) / 1000).toFixed(3);
      ctx.printer.write(`Run Time: real ${seconds} calls ${ctx.db.cloud.stats.calls - calls} rounds ${result.rounds}\n`);
    }
  } finally {
    ctx.printer.endStatement();
  }
  return result;
}
