/**
 * One-shot runs: `ccsql "SQL"`, `ccsql -f file.sql`, SQL on stdin. Several statements per run, each
 * result printed as it completes; the first error stops the run.
 */
import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { CcsqlError } from '../errors.js';
import type { PlannedCall } from '../database.js';
import type { RunArgs } from './args.js';
import type { CliIo } from './io.js';
import { toMode } from './modes.js';
import { Printer } from './printer.js';
import type { Session } from './session.js';
import { runScript } from './statements.js';
import { hasPlaceholders } from './template/placeholders.js';
import type { Progress } from './trace.js';

/**
 * The SQL a run was given — files first (in order), then the statement arguments, else stdin — with
 * its placeholders filled, so a missing variable fails before anything is opened or called.
 */
export async function scriptOf(args: RunArgs, io: CliIo): Promise<string> {
  const script = await rawScript(args, io);
  if (!hasPlaceholders(script)) return script;
  const [{ render }, { envVars }, { collectVars }] = await Promise.all([import('./template/render.js'), import('./template/env.js'), import('./template/vars.js')]);
  return render(script, { ...envVars(args.varEnv ?? []), ...collectVars(args.vars ?? [], args.var ?? []) });
}

async function rawScript(args: RunArgs, io: CliIo): Promise<string> {
  const parts: string[] = [];
  for (const file of args.file ?? []) parts.push(file === '-' ? await io.readStdin() : readSqlFile(file));
  if (args.sql && args.sql.length > 0) parts.push(args.sql.join(' '));
  if (parts.length === 0) parts.push(await io.readStdin());
  return parts.map((p) => (/;\s*$/.test(p) ? p : `${p};`)).join('\n');
}

function readSqlFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CcsqlError('INVALID_ARGUMENT', `SQL file "${path}" cannot be read: ${(error as Error).message}`, {}, { cause: error });
  }
}

export async function runOneShot(session: Session, args: RunArgs, script: string, io: CliIo, progress: Progress): Promise<void> {
  const printer = new Printer(toMode(args.output) ?? 'table', args.headers, io.stdout);
  const controller = new AbortController();
  // Every call in flight listens to the signal; a wide fan-out is expected, not a leak.
  setMaxListeners(0, controller.signal);
  const stopOnInterrupt = io.onInterrupt(() => controller.abort(new CcsqlError('CANCELLED', 'Cancelled by Ctrl-C.')));
  try {
    await runScript(
      {
        db: session.db,
        printer,
        progress,
        execute: { dryRun: args.dryRun ?? false, nowait: args.nowait ?? false, confirm: (plan) => confirmed(plan, args.yes ?? false) },
        timer: false,
        signal: controller.signal,
      },
      script,
    );
  } catch (error) {
    throw controller.signal.aborted ? controller.signal.reason : error;
  } finally {
    stopOnInterrupt();
    printer.close();
  }
}

/** One-shot runs never prompt: a statement touching several resources needs --yes up front. */
function confirmed(plan: readonly PlannedCall[], yes: boolean): boolean {
  if (yes) return true;
  throw new CcsqlError(
    'CONFIRMATION_REQUIRED',
    `This statement would change ${plan.length} resources; run it again with --yes to go ahead, or with --dry-run to see the calls.`,
    { calls: plan.length },
  );
}
