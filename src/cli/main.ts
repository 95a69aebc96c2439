/**
 * The `ccsql` command: parses the command line and hands over to one-shot runs, the shell, `docs`
 * or `emulator`. Returns the exit status instead of exiting, so output drains and tests can call it.
 */
import yargs from 'yargs';
import { commonOptions, emulatorOptions, EXAMPLES, type EmulatorArgs, type RunArgs } from './args.js';
import { processIo, type CliIo } from './io.js';
import { reportError } from './report.js';
import { packageVersion } from './version.js';

type Task = () => Promise<number>;

/** The yargs parser; `task` receives what the chosen command will do once parsing has finished. */
export function buildParser(argv: readonly string[], io: CliIo, setTask: (task: Task) => void) {
  const parser = yargs([...argv])
    .scriptName('ccsql')
    .usage('$0 [options] [SQL…]\n\nQuery and change AWS resources with SQL: every Cloud Control resource type is a table.\nWith no SQL, on a terminal, opens an interactive shell; otherwise runs the SQL given, -f files or stdin.\nCredentials come from the standard AWS chain. Reference: docs/cli.md; the page of a table: ccsql docs <table>.')
    .command('$0 [sql..]', false, (y) => commonOptions(y).positional('sql', { type: 'string', array: true, describe: 'SQL statements to run' }), (args) =>
      setTask(async () => (await import('./run-command.js')).runCommand(args as unknown as RunArgs, io)),
    )
    .command('docs <table>', 'Print the Markdown reference page of a table', (y) =>
      y.positional('table', { type: 'string', demandOption: true, describe: 'Table name, e.g. awscc.sagemaker.images' }).example('$0 docs awscc.sagemaker.images > images.md', 'Write the page for SageMaker images'),
      (args) => setTask(async () => (await import('./docs-command.js')).docsCommand(String(args.table), io)),
    )
    .command('emulator', 'Run a local Cloud Control endpoint (prints its URL, serves until Ctrl-C)', (y) => emulatorOptions(y), (args) =>
      setTask(async () => {
        const { runEmulatorCommand } = await import('../emulator/cli.js');
        await runEmulatorCommand(args as EmulatorArgs, { write: (line) => io.stdout(`${line}\n`) });
        return 0;
      }),
    )
    .strict()
    .recommendCommands()
    .version('version', 'Show the ccsql version', packageVersion())
    .alias('version', 'V')
    .help('help', 'Show this help')
    .alias('help', 'h')
    .wrap(Math.min(120, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });
  for (const [command, description] of EXAMPLES) parser.example(command, description);
  return parser;
}

class UsageError extends Error {
  constructor(message: string) {
    super(`${message} (ccsql --help lists the options)`);
    this.name = 'UsageError';
  }
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let task: Task | undefined;
  const verbose = argv.includes('--verbose');
  try {
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
