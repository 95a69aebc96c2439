/**
 * The command line: yargs definitions. Shared option groups are tables of yargs options with builder
 * helpers over them, so the default command and the shell take the same AWS, database, output and
 * template options, and the plain one-shot form (plain-run.ts) parses with the very same tables.
 */
import type { EmulatorCommandArgs } from '../emulator/cli.js';
import type { Argv, Options } from 'yargs';
import { MODE_CHOICES } from './modes.js';

export interface CommonArgs {
  region?: string[];
  profile?: string[];
  roleArn?: string;
  accounts?: string[];
  org?: boolean;
  externalId?: string;
  sessionName?: string;
  strict?: boolean;
  endpointUrl?: string;
  demo?: boolean;
  db?: string;
  resume?: boolean;
  adoptDb?: boolean;
  cache?: string;
  catalogDir?: string;
  concurrency?: number;
  rate?: number;
  callTimeout?: string;
  output: string;
  headers: boolean;
  var?: string[];
  vars?: string[];
  varEnv?: string[];
  dryRun?: boolean;
  yes?: boolean;
  nowait?: boolean;
  trace?: boolean;
  verbose?: boolean;
}

export interface CatalogArgs {
  action: 'update' | 'status' | 'reset';
  catalogDir?: string;
  region?: string[];
  profile?: string;
  endpointUrl?: string;
  concurrency?: number;
  rate?: number;
  trace?: boolean;
}

export interface McpArgs extends CommonArgs {
  writes: 'off' | 'confirm' | 'allow';
  http?: number;
  auditLog?: string;
}

export interface RunArgs extends CommonArgs {
  sql?: string[];
  file?: string[];
}

/** `ccsql emulator`'s options are the emulator command's own. */
export type EmulatorArgs = EmulatorCommandArgs;

/**
 * Repeatable options are plain strings that yargs collects into an array when repeated: a greedy
 * `array` option would swallow the SQL that follows it (`--var a=b "SELECT …"`).
 */
const repeatable = (value: string | string[]): string[] => [value].flat();

/** Options as yargs declares them: one table per help group. */
export type OptionTable = Readonly<Record<string, Options>>;

const AWS = 'AWS:';
const DATABASE = 'Database:';
const OUTPUT = 'Output:';
const TEMPLATE = 'Templates:';
const RUN = 'Running:';

export const AWS_OPTIONS: OptionTable = {
  'region': { alias: 'r', type: 'string', coerce: repeatable, group: AWS, describe: 'Region(s) a query that names none reads; repeatable or comma-separated (e.g. -r us-east-1 -r eu-west-1); all (or \'*\'): every region each account has enabled' },
  'profile': { type: 'string', coerce: repeatable, group: AWS, describe: 'AWS profile from ~/.aws/config and credentials; repeat it to read each profile\'s account side by side (e.g. --profile dev --profile prod)' },
  'role-arn': { type: 'string', group: AWS, describe: 'Role to assume in each account, {account} standing for its id; with --accounts or --org (e.g. --role-arn \'arn:aws:iam::{account}:role/Audit\')' },
  'accounts': { type: 'string', coerce: repeatable, group: AWS, describe: 'Account ids to assume --role-arn in; repeatable or comma-separated (e.g. --accounts 111111111111,222222222222)' },
  'org': { type: 'boolean', group: AWS, describe: 'Assume --role-arn in every active account of the organisation (AWS Organizations ListAccounts) (e.g. --org)' },
  'external-id': { type: 'string', group: AWS, describe: 'External id the role\'s trust policy asks for (e.g. --external-id audit-2026)' },
  'session-name': { type: 'string', group: AWS, describe: 'Role session name, as CloudTrail shows it (default ccsql) (e.g. --session-name audit)' },
  'strict': { type: 'boolean', group: AWS, describe: 'With several accounts, fail the statement when one cannot be read, instead of warning and leaving out its rows (e.g. --strict)' },
  'endpoint-url': { type: 'string', group: AWS, describe: 'Cloud Control and STS endpoint (e.g. --endpoint-url http://127.0.0.1:4566)' },
  'demo': { type: 'boolean', group: AWS, describe: 'Start a local endpoint seeded with a sample estate, with dummy credentials (e.g. --demo)' },
};

export function awsOptions<T>(y: Argv<T>) {
  return y.options(AWS_OPTIONS);
}

export const DATABASE_OPTIONS: OptionTable = {
  'db': { type: 'string', group: DATABASE, describe: 'SQLite file for local tables and the write journal (e.g. --db estate.db); default in memory' },
  'catalog-dir': { type: 'string', group: DATABASE, describe: 'User catalog folder written by ccsql catalog update (default $XDG_CACHE_HOME/ccsql, else ~/.cache/ccsql) (e.g. --catalog-dir ./cat)' },
  'resume': { type: 'boolean', group: DATABASE, describe: 'Send or watch the unfinished writes journaled in the --db file, listing them first (e.g. --resume)' },
  'adopt-db': { type: 'boolean', group: DATABASE, describe: 'Let ccsql add its journal table to a --db file it did not create (e.g. --adopt-db)' },
  'cache': { type: 'string', group: DATABASE, describe: 'Keep fetched resources across statements for a TTL (e.g. --cache 5m, --cache 30s)' },
  'concurrency': { type: 'number', group: DATABASE, describe: 'Most Cloud Control calls in flight per region (default 64) (e.g. --concurrency 10)' },
  'rate': { type: 'number', group: DATABASE, describe: 'Most calls started per second per region; by default the rate is learned from throttling (e.g. --rate 20)' },
  'call-timeout': { type: 'string', group: DATABASE, describe: 'Longest wait for one Cloud Control call attempt (default 60s) (e.g. --call-timeout 20s)' },
};

export function databaseOptions<T>(y: Argv<T>) {
  return y.options(DATABASE_OPTIONS);
}

export const OUTPUT_OPTIONS: OptionTable = {
  'output': { alias: 'o', type: 'string', choices: MODE_CHOICES, default: 'table', group: OUTPUT, describe: 'Output mode (e.g. -o json); text is an alias of table' },
  'headers': { type: 'boolean', default: true, group: OUTPUT, describe: 'Print column names in table and csv output (e.g. --no-headers)' },
};

export function outputOptions<T>(y: Argv<T>) {
  return y.options(OUTPUT_OPTIONS);
}

export const TEMPLATE_OPTIONS: OptionTable = {
  'var': { type: 'string', coerce: repeatable, group: TEMPLATE, describe: 'Fill {{ KEY }} placeholders; repeatable (e.g. --var region=us-east-1)' },
  'vars': { type: 'string', coerce: repeatable, group: TEMPLATE, describe: 'Read placeholder values from a YAML (or JSON) mapping or a KEY=VALUE file (e.g. --vars vars.yaml)' },
  'var-env': { type: 'string', coerce: repeatable, group: TEMPLATE, describe: 'Let placeholders read this environment variable, and no other; repeatable (e.g. --var-env AWS_REGION)' },
};

export function templateOptions<T>(y: Argv<T>) {
  return y.options(TEMPLATE_OPTIONS);
}

export const RUN_OPTIONS: OptionTable = {
  'file': { alias: 'f', type: 'string', coerce: repeatable, group: RUN, describe: 'Run the statements in a SQL file (e.g. -f queries.sql); - reads stdin' },
  'dry-run': { type: 'boolean', group: RUN, describe: 'Show the Cloud Control calls a write would make, and make none (e.g. --dry-run)' },
  'yes': { alias: 'y', type: 'boolean', group: RUN, describe: 'Confirm UPDATE/DELETE statements that touch more than one resource (e.g. --yes)' },
  'nowait': { type: 'boolean', group: RUN, describe: 'Return after a write is accepted instead of waiting for it to finish (e.g. --nowait)' },
  'trace': { type: 'boolean', group: RUN, describe: 'Print every Cloud Control call on stderr (e.g. --trace)' },
  'verbose': { type: 'boolean', group: RUN, describe: 'Print stack traces with errors (e.g. --verbose)' },
};

export function runOptions<T>(y: Argv<T>) {
  return y.options(RUN_OPTIONS);
}

/** The default command's options, in the order its help lists them. */
export const COMMON_OPTIONS: OptionTable = { ...AWS_OPTIONS, ...DATABASE_OPTIONS, ...OUTPUT_OPTIONS, ...TEMPLATE_OPTIONS, ...RUN_OPTIONS };

export function commonOptions<T>(y: Argv<T>) {
  return runOptions(templateOptions(outputOptions(databaseOptions(awsOptions(y)))));
}

export function emulatorOptions<T>(y: Argv<T>) {
  return y
    .option('port', { type: 'number', default: 0, describe: 'Port to listen on; 0 picks a free one (e.g. --port 4566)' })
    .option('seed', { type: 'string', describe: 'JSON file of resources to preload, and optionally "accounts" and "trustedRoles" for AssumeRole and Organizations (e.g. --seed estate.json)' })
    .option('latency-ms', { type: 'number', describe: 'Delay every answer (e.g. --latency-ms 50)' })
    .option('list-page-size', { type: 'number', describe: 'Items per ListResources page, 25 by default as most list handlers answer (e.g. --list-page-size 100)' })
    .option('honour-max-results', { type: 'boolean', describe: 'ListResources pages hold at most the MaxResults asked, as a list handler that reads it does; by default MaxResults is ignored, as Cloud Control documents (e.g. --honour-max-results)' })
    .option('throttle-rate', { type: 'number', describe: 'Share of calls answered with ThrottlingException (e.g. --throttle-rate 0.3)' })
    .option('rate-limit', { type: 'number', describe: 'Calls a second per account and region (burst as large); more are ThrottlingException (e.g. --rate-limit 30)' })
    .option('async-ms', { type: 'number', describe: 'Milliseconds a write stays IN_PROGRESS; it completes whether polled or not (e.g. --async-ms 2000)' })
    .option('settle-ms', { type: 'number', describe: 'Milliseconds a created resource stays invisible to get and list (e.g. --settle-ms 1000)' })
    .option('schemas', { type: 'string', describe: 'Folder of registry schemas adding or overriding types, served by Cloud Control and the registry (e.g. --schemas ./schemas)' })
    .option('async-polls', { type: 'number', describe: 'Test aid: a write instead settles on its (N+1)th status poll (e.g. --async-polls 2)' })
    .option('handler-throttles', { type: 'number', describe: 'The next N write requests end FAILED with ErrorCode Throttling (e.g. --handler-throttles 2)' })
    .option('repeat-next-token', { type: 'boolean', describe: 'ListResources pages repeat the same NextToken, as a buggy list handler does' })
    .option('hang', { type: 'number', describe: 'The next N calls are done but never answered (e.g. --hang 1)' })
    .option('reset', { type: 'number', describe: 'The next N calls have their connection cut before the service sees them (e.g. --reset 1)' })
    .option('internal-errors', { type: 'number', describe: 'The next N calls are answered ServiceInternalErrorException (e.g. --internal-errors 1)' })
    .option('unreadable', { type: 'number', describe: 'The next N calls answered 200 have their body cut short so it cannot be read, after the service acted (e.g. --unreadable 1)' })
    .option('random-seed', { type: 'number', describe: 'Seed of the random draws (throttling, generated ids), to run the same draws again (e.g. --random-seed 42)' })
    .example('$0 emulator --port 4566 --seed estate.json', 'Serve a seeded endpoint on port 4566')
    .example('$0 --endpoint-url http://127.0.0.1:4566 "SELECT * FROM awscc.s3.buckets"', 'Query it from another terminal');
}

const MCP = 'MCP:';

export function mcpOptions<T>(y: Argv<T>) {
  return databaseOptions(awsOptions(y))
    .option('writes', { choices: ['off', 'confirm', 'allow'] as const, default: 'off' as const, group: MCP, describe: 'off: read-only, enforced by SQLite; confirm: show each write\'s calls to the user and send it only if they accept; allow: send writes unasked (e.g. --writes confirm)' })
    .option('http', { type: 'number', group: MCP, describe: 'Serve Streamable HTTP on 127.0.0.1:PORT (path /mcp) instead of stdio; 0 picks a free port (e.g. --http 8765)' })
    .option('audit-log', { type: 'string', group: MCP, describe: 'JSON-lines file every tool call is appended to (default $XDG_STATE_HOME/ccsql/mcp-audit.jsonl, else ~/.local/state/ccsql/mcp-audit.jsonl) (e.g. --audit-log audit.jsonl)' })
    .option('verbose', { type: 'boolean', describe: 'Print stack traces with errors (e.g. --verbose)' })
    .example('$0 mcp --profile audit', 'Serve the tables read-only over stdio, for an agent host to start')
    .example('$0 mcp --demo --writes confirm', 'Serve a local sample estate; each write is shown to the user first')
    .example('$0 mcp --http 8765 -r us-east-1', 'Serve Streamable HTTP on http://127.0.0.1:8765/mcp');
}

const DEPLOY = 'Deploy:';

export interface DeployArgs extends CommonArgs {
  action: 'build' | 'test' | 'teardown' | 'plan' | 'init';
  stackDir?: string;
  stackEnv?: string;
  env?: string[];
  envFile?: string;
  showQueries?: boolean;
  onFailure: 'error' | 'ignore' | 'rollback';
  outputFile?: string;
}

export function deployOptions<T>(y: Argv<T>) {
  return databaseOptions(awsOptions(y))
    .positional('action', { choices: ['build', 'test', 'teardown', 'plan', 'init'] as const, demandOption: true, describe: 'build: create or update to the desired state; test: check it, writing nothing; teardown: delete, in reverse order; plan: what build would change, property by property, read-only (exit 2 if anything, 0 if nothing); init: write a starter project named STACK_DIR' })
    .positional('stack-dir', { type: 'string', describe: 'Folder holding stackql_manifest.yml and resources/*.iql (for init, the new project\'s name)' })
    .positional('stack-env', { type: 'string', describe: 'Environment: picks each prop\'s values entry, and is {{ stack_env }}' })
    .option('env', { alias: 'e', type: 'string', coerce: repeatable, group: DEPLOY, describe: 'A value the globals read as {{ KEY }}; repeatable; never printed (e.g. -e AWS_REGION=us-east-1)' })
    .option('env-file', { type: 'string', group: DEPLOY, describe: 'KEY=VALUE lines for the globals (default .env, if there) (e.g. --env-file prod.env)' })
    .option('dry-run', { type: 'boolean', group: DEPLOY, describe: 'Read live state, print the writes it would make, send none (e.g. --dry-run)' })
    .option('show-queries', { type: 'boolean', group: DEPLOY, describe: 'Print each rendered statement before it runs, secrets masked (e.g. --show-queries)' })
    .option('on-failure', { choices: ['error', 'ignore', 'rollback'] as const, default: 'error' as const, group: DEPLOY, describe: 'error: stop; ignore: go on with the next resource; rollback: delete what this run created, newest first (e.g. --on-failure rollback)' })
    .option('output', { alias: 'o', choices: ['text', 'json'] as const, default: 'text', group: DEPLOY, describe: 'How plan prints: text for people, json for machines (e.g. -o json)' })
    .option('output-file', { type: 'string', group: DEPLOY, describe: 'Write the stack exports as JSON (build, test) (e.g. --output-file out/exports.json)' })
    .option('verbose', { type: 'boolean', describe: 'Print stack traces with errors (e.g. --verbose)' })
    .example('$0 deploy build my-stack dev -e AWS_REGION=us-east-1', 'Create or update the stack in ./my-stack for environment dev')
    .example('$0 deploy test my-stack dev -e AWS_REGION=us-east-1', 'Check that every resource is there and as desired; write nothing')
    .example('$0 deploy plan my-stack dev -e AWS_REGION=us-east-1 -o json', 'What build would change, as JSON; exit 2 if anything would')
    .example('$0 deploy init my-stack', 'Write a starter project (a VPC) into ./my-stack');
}

export function catalogOptions<T>(y: Argv<T>) {
  return y
    .positional('action', { choices: ['update', 'status', 'reset'] as const, demandOption: true, describe: 'update: read the account\'s registry; status: say where the catalog comes from; reset: back to the bundled catalog' })
    .option('catalog-dir', { type: 'string', describe: 'User catalog folder (default $XDG_CACHE_HOME/ccsql, else ~/.cache/ccsql) (e.g. --catalog-dir ./cat)' })
    .option('region', { alias: 'r', type: 'string', coerce: repeatable, describe: 'Region whose registry is read (e.g. -r eu-west-1)' })
    .option('profile', { type: 'string', describe: 'AWS profile (e.g. --profile dev)' })
    .option('endpoint-url', { type: 'string', describe: 'CloudFormation and STS endpoint (e.g. --endpoint-url http://127.0.0.1:4566)' })
    .option('concurrency', { type: 'number', describe: 'Most registry calls in flight (default 64) (e.g. --concurrency 10)' })
    .option('rate', { type: 'number', describe: 'Most registry calls started per second; by default learned from throttling (e.g. --rate 10)' })
    .option('trace', { type: 'boolean', describe: 'Print every registry call on stderr (e.g. --trace)' })
    .example('$0 catalog update -r us-east-1', 'Read the registry of us-east-1: newer properties become columns, private types tables')
    .example('$0 catalog status', 'Say where the catalog comes from and how many types differ from the bundled one');
}

export const EXAMPLES: readonly (readonly [string, string])[] = [
  ['$0 --demo', 'Open the shell on a local sample estate (no AWS account needed)'],
  ['$0 --demo "SELECT region, image_name FROM awscc.sagemaker.images"', 'Run one statement and exit'],
  ['$0 -r us-east-1 -o json "SELECT * FROM awscc.s3.buckets"', 'List every bucket with all its properties, as JSON'],
  ['$0 --profile dev -r us-east-1 -r eu-west-1 "SELECT region, log_group_name FROM awscc.logs.log_groups"', 'Read two regions at once'],
  ['$0 -r all "SELECT region, count(*) FROM awscc.logs.log_groups_list_only GROUP BY 1"', 'Read every region the account has enabled'],
  ['$0 --org --role-arn \'arn:aws:iam::{account}:role/Audit\' "SELECT account_id, bucket_name FROM awscc.s3.buckets"', 'Read every account of the organisation'],
  ['$0 -f queries.sql --var region=us-east-1 -o csv', 'Run a file of statements with {{ region }} filled in, as CSV'],
  ['echo "SELECT * FROM awscc.sts.caller_identity;" | $0', 'Read SQL from stdin'],
  ['$0 --dry-run "DELETE FROM awscc.logs.log_groups WHERE +log_group_name LIKE \'/tmp/%\'"', 'Show what a write would do (+ filters locally)'],
  ['$0 --yes --trace "UPDATE awscc.logs.log_groups SET retention_in_days = 7"', 'Update several resources, tracing each call'],
  ['$0 --db estate.db --cache 5m', 'Shell with a database file and a five-minute result cache'],
  ['$0 docs awscc.sagemaker.images', 'Print the reference page of a table'],
  ['$0 mcp --profile audit', 'Serve the tables to an AI agent (MCP over stdio), read-only'],
  ['$0 deploy build my-stack dev -e AWS_REGION=us-east-1', 'Deploy a stackql-deploy project (stackql_manifest.yml and .iql files)'],
  ['$0 catalog update', 'Bring the catalog up to date with your account\'s CloudFormation registry'],
  ['$0 emulator --port 4566 --seed estate.json', 'Run the local Cloud Control endpoint'],
];
