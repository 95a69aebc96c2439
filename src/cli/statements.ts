/**
 * Runs a script statement by statement, printing each result as it comes: shared by one-shot runs,
 * `.read` and the shell.
 */
import type { CcsqlDatabase, ExecuteOptions, StatementResult } from '../database.js';
import { parseScript, parseStatement, type ParsedStatement } from '../sql/statement.js';
import type { RowSink } from './printer.js';
import type { Printer } from './printer.js';
import type { Progress } from './trace.js';
import { hasPlaceholders } from './template/placeholders.js';
import type { TemplateVars } from './template/render.js';

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
export async function runScript(ctx: RunContext, script: string): Promise<void> {
  const sql = ctx.vars && hasPlaceholders(script) ? (await import('./template/render.js')).render(script, ctx.vars) : script;
  for (const statement of parseScript(sql)) await runStatement(ctx, statement);
}

export async function runStatement(ctx: RunContext, statement: string | ParsedStatement): Promise<StatementResult | undefined> {
  const parsed = typeof statement === 'string' ? parseStatement(statement) : statement;
  // A SELECT in json, ndjson or csv prints each row as the statement yields it; the timer's line
  // needs the statement's rounds, which only a whole result carries.
  if (parsed.kind === 'select' && ctx.printer.streams && !ctx.timer) return void (await streamStatement(ctx, parsed));
  const started = performance.now();
  const calls = ctx.db.cloud.stats.calls;
  const stop = ctx.progress.start(ctx.db);
  let result: StatementResult;
  try {
    result = await ctx.db.execute(parsed, [], { ...ctx.execute, ...(ctx.signal ? { signal: ctx.signal } : {}) });
  } finally {
    stop();
  }
  try {
    ctx.printer.print(result);
    if (ctx.timer) {
      const seconds = ((performance.now() - started) / 1000).toFixed(3);
      ctx.printer.write(`Run Time: real ${seconds} calls ${ctx.db.cloud.stats.calls - calls} rounds ${result.rounds} regions ${ctx.db.regionsRead}\n`);
    }
  } finally {
    ctx.printer.endStatement();
  }
  return result;
}

/**
 * Runs a SELECT through `db.iterate`, writing each row as it is yielded: memory stays flat however
 * many rows there are. Progress stops when the first row is printed; nothing is printed before the
 * statement has settled, so a failed fetch prints no partial result.
 */
async function streamStatement(ctx: RunContext, parsed: ParsedStatement): Promise<void> {
  const stop = ctx.progress.start(ctx.db);
  let sink: RowSink | undefined;
  try {
    const rows = ctx.db.iterate<unknown[]>(parsed, [], { ...ctx.execute, ...(ctx.signal ? { signal: ctx.signal } : {}), raw: true, onColumns: (columns) => (sink = ctx.printer.begin(columns)) });
    for await (const row of rows) {
      stop();
      sink!.row(row);
    }
    stop();
    sink?.end();
  } finally {
    stop();
    ctx.printer.endStatement();
  }
}
