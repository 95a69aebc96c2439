/**
 * The default command: a one-shot run when SQL comes from arguments, -f or a pipe; the shell when
 * nothing was given and stdin is a terminal.
 */
import type { RunArgs } from './args.js';
import type { CliIo } from './io.js';
import { runOneShot, scriptOf } from './oneshot.js';
import { reportError } from './report.js';
import { openAnswers } from './open-questions.js';
import { openSession, type Session } from './session.js';
import { noProgress, terminalProgress, traceLine } from './trace.js';
import type { CallTrace } from '../cloud/index.js';

export async function runCommand(args: RunArgs, io: CliIo): Promise<number> {
  const interactive = (args.sql?.length ?? 0) === 0 && (args.file?.length ?? 0) === 0 && io.stdinIsTTY;
  const script = interactive ? '' : await scriptOf(args, io);
  const onCall = (trace: CallTrace) => {
    if (args.trace) io.stderr(traceLine(trace));
  };
  let session: Session | undefined;
  // One progress line for the run: a warning clears it before it is printed, so the two never share a line.
  const progress = io.stderrIsTTY && !args.trace ? terminalProgress(process.stderr) : noProgress;
  const warn = (message: string) => {
    const release = progress.hold?.();
    io.stderr(`Warning: ${message}\n`);
    release?.();
  };
  try {
    session = await openSession(args, onCall, openAnswers(args, io, interactive), (warning) => warn(warning.message));
    if (interactive) return await (await import('./shell/shell.js')).runShell(session, args, io, progress === noProgress ? undefined : progress);
    await runOneShot(session, args, script, io, progress);
    return 0;
  } catch (error) {
    reportError(error, args.verbose ?? false, io.stderr);
    return 1;
  } finally {
    await session?.close();
  }
}
