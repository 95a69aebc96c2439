/**
 * The `ccsql` command: parses the command line and hands over to one-shot runs, the shell, `docs`,
 * `catalog` or `emulator`. Returns the exit status instead of exiting, so output drains and tests can call it.
 *
 * The plain form (options of the default command and SQL) is parsed by plainRun without loading
 * yargs; everything else (other commands, --help, --version, anything yargs would refuse) goes
 * to the full parser, which says what is wrong exactly as before.
 */
import { processIo, type CliIo } from './io.js';
import { plainRun } from './plain-run.js';
import { reportError } from './report.js';
import type { Task } from './parser.js';

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let task: Task | undefined;
  const verbose = argv.includes('--verbose');
  try {
    const plain = plainRun(argv);
    if (plain) return await (await import('./run-command.js')).runCommand(plain, io);
    const { buildParser } = await import('./parser.js');
    let output = '';
    let failure: Error | undefined;
    const parser = buildParser(argv, io, (t) => (task = t));
    // With a callback yargs hands back --help and --version text instead of printing and exiting.
    await parser.parseAsync([...argv], {}, (error, _args, text) => {
      failure = error ?? undefined;
      output = text ?? '';
    });
    if (failure) throw failure;
    if (output !== '') io.stdout(output.endsWith('\n') ? output : `${output}\n`);
    return task ? await task() : 0;
  } catch (error) {
    reportError(error, verbose, io.stderr);
    return 1;
  }
}
