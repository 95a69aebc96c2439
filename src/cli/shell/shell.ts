/**
 * The interactive shell: statements end with ";" and may span lines; dot-commands at the start of a
 * statement; history across runs; Tab completion; Ctrl-C cancels the running statement (or drops the
 * half-typed one) without leaving; Ctrl-D leaves.
 */
import { setMaxListeners } from 'node:events';
import { createInterface } from 'node:readline';
import type { PlannedCall } from '../../database.js';
import { CcsqlError } from '../../errors.js';
import { isComplete } from '../../sql/statement.js';
import type { RunArgs } from '../args.js';
import type { CliIo } from '../io.js';
import { toMode } from '../modes.js';
import { Printer } from '../printer.js';
import { reportError } from '../report.js';
import type { Session } from '../session.js';
import { runScript } from '../statements.js';
import { envVars } from '../template/env.js';
import { collectVars } from '../template/vars.js';
import { terminalProgress, type Progress } from '../trace.js';
import { packageVersion } from '../version.js';
import { makeCompleter } from './completion.js';
import { DOT_COMMAND_NAMES, runDotCommand, type ShellState } from './dot-commands.js';
import { appendHistory, historyPath, HISTORY_SIZE, loadHistory } from './history.js';
import { LineReader } from './line-reader.js';

const PROMPT = 'ccsql> ';
const CONTINUE = '   ...> ';

export async function runShell(session: Session, args: RunArgs, io: CliIo, shared?: Progress): Promise<number> {
  const { db } = session;
  const path = historyPath();
  let buffer = '';
  let running: AbortController | undefined;
  let quitting = false;
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    history: loadHistory(path),
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    completer: makeCompleter(db.catalog, DOT_COMMAND_NAMES, () => buffer),
  });
  const reader = new LineReader(rl, () => {
    if (running) return running.abort(new CcsqlError('CANCELLED', 'Cancelled by Ctrl-C.'));
    buffer = '';
    io.stdout('^C\n');
    reader.reprompt(PROMPT);
  });
  const printer = new Printer(toMode(args.output) ?? 'table', args.headers, io.stdout);
  const vars = { ...envVars(args.varEnv ?? []), ...collectVars(args.vars ?? [], args.var ?? []) };
  const progress = args.trace ? undefined : (shared ?? terminalProgress(process.stderr));

  const execute = async (sql: string) => {
    running = new AbortController();
    setMaxListeners(0, running.signal);
    try {
      await runScript(
        {
          db, printer, vars, timer: state.timer, signal: running.signal,
          progress: progress ?? { start: () => () => {} },
          execute: { dryRun: args.dryRun ?? false, nowait: args.nowait ?? false, confirm: (plan) => confirm(reader, io, plan, progress) },
        },
        sql,
      );
    } catch (error) {
      // However the abort surfaced (from a call in flight or between rounds), say it was Ctrl-C.
      throw running?.signal.aborted ? running.signal.reason : error;
    } finally {
      running = undefined;
    }
  };
  const state: ShellState = { db, printer, timer: false, run: execute, quit: () => void (quitting = true), info: io.stdout };

  io.stdout(banner(session, await db.resolveRegions().catch(() => [])));
  while (!quitting) {
    const line = await reader.next(buffer === '' ? PROMPT : CONTINUE);
    if (line === null) break;
    appendHistory(path, line);
    try {
      if (buffer === '' && line.trimStart().startsWith('.')) {
        await runDotCommand(state, line);
        continue;
      }
      buffer = buffer === '' ? line : `${buffer}\n${line}`;
      if (!isComplete(buffer)) continue;
      const sql = buffer;
      buffer = '';
      await execute(sql);
    } catch (error) {
      reportError(error, args.verbose ?? false, io.stderr);
    }
  }
  rl.close();
  printer.close();
  return 0;
}

function banner(session: Session, regions: readonly string[]): string {
  const where = session.demoUrl ? `demo estate at ${session.demoUrl}` : 'AWS';
  const inRegions = regions.length === 1 && regions[0] === 'all' ? 'every region each account has enabled' : regions.length > 0 ? `regions ${regions.join(', ')}` : 'no region configured (set one with .region NAME)';
  return `ccsql ${packageVersion()} — ${where}, ${inRegions}\nEnter ".help" for usage hints; end statements with ";".\n`;
}

async function confirm(reader: LineReader, io: CliIo, plan: readonly PlannedCall[], progress: Progress | undefined): Promise<boolean> {
  // The progress line redraws in place on stderr: held, it cannot erase the question.
  const release = progress?.hold?.();
  try {
    return await ask(reader, io, plan);
  } finally {
    release?.();
  }
}

async function ask(reader: LineReader, io: CliIo, plan: readonly PlannedCall[]): Promise<boolean> {
  const summary = plan.slice(0, 10).map((c) => `  ${c.operation} ${c.table} ${c.identifier ?? ''} (${c.region})\n`).join('');
  const more = plan.length > 10 ? `  … and ${plan.length - 10} more\n` : '';
  io.stdout(`This statement would change ${plan.length} resources:\n${summary}${more}`);
  const answer = await reader.next('Go ahead? [y/N] ');
  return /^y(es)?$/i.test(answer?.trim() ?? '');
}
