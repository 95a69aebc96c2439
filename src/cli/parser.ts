/**
 * The full command-line parser: every command, `--help`, `--version` and usage errors, by yargs.
 * Loaded only when the plain one-shot form (plain-run.ts) does not cover the command line, since
 * yargs and its help rendering cost more to load than the rest of a `ccsql "select 1"`.
 */
import yargs from 'yargs';
import { catalogOptions, commonOptions, deployOptions, emulatorOptions, EXAMPLES, mcpOptions, type CatalogArgs, type DeployArgs, type EmulatorArgs, type McpArgs, type RunArgs } from './args.js';
import type { CliIo } from './io.js';
import { packageVersion } from './version.js';

export type Task = () => Promise<number>;

/** The yargs parser; `task` receives what the chosen command will do once parsing has finished. */
export function buildParser(argv: readonly string[], io: CliIo, setTask: (task: Task) => void) {
  const parser = yargs([...argv])
    .scriptName('ccsql')
    .usage('$0 [options] [SQL…]\n\nQuery and change AWS resources with SQL: every Cloud Control resource type is a table.\nWith no SQL, on a terminal, opens an interactive shell; otherwise runs the SQL given, -f files or stdin.\nCredentials come from the standard AWS chain. Reference: docs/cli.md; the page of a table: ccsql docs <table>.')
    .command('$0 [sql..]', false, (y) => commonOptions(y).positional('sql', { type: 'string', array: true, describe: 'SQL statements to run' }), (args) =>
      setTask(async () => (await import('./run-command.js')).runCommand(args as unknown as RunArgs, io)),
    )
    .command('docs <table>', 'Print the Markdown reference page of a table', (y) =>
      y
        .positional('table', { type: 'string', demandOption: true, describe: 'Table name, e.g. awscc.sagemaker.images' })
        .option('catalog-dir', { type: 'string', describe: 'User catalog folder (default $XDG_CACHE_HOME/ccsql, else ~/.cache/ccsql) (e.g. --catalog-dir ./cat)' })
        .example('$0 docs awscc.sagemaker.images > images.md', 'Write the page for SageMaker images'),
      (args) => setTask(async () => (await import('./docs-command.js')).docsCommand(String(args.table), io, args.catalogDir as string | undefined)),
    )
    .command('catalog <action>', 'Update the catalog from your account\'s registry, or say its status, or reset it', (y) => catalogOptions(y), (args) =>
      setTask(async () => (await import('./catalog-command.js')).catalogCommand(args as unknown as CatalogArgs, io)),
    )
    .command('mcp', 'Serve the tables to AI agents over the Model Context Protocol (stdio, or --http PORT), read-only unless --writes', (y) => mcpOptions(y), (args) =>
      setTask(async () => (await import('./mcp-command.js')).mcpCommand(args as unknown as McpArgs, io)),
    )
    .command('deploy <action> [stack-dir] [stack-env]', 'Build, test, plan or tear down a stackql-deploy project (stackql_manifest.yml and .iql files), or init one', (y) => deployOptions(y), (args) =>
      setTask(async () => (await import('./deploy-command.js')).deployCommand(args as unknown as DeployArgs, io)),
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

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message} (ccsql --help lists the options)`);
    this.name = 'UsageError';
  }
}
