/**
 * The plain one-shot form — the default command's options and SQL, as in `ccsql -o csv "select 1"` —
 * parsed without yargs. It uses yargs-parser, the parser yargs itself runs, with the same option
 * tables (args.ts) and the configuration yargs gives it, so both read a command line alike.
 *
 * Anything this does not take as plainly valid (another command, --help, --version, an unknown
 * option, a value outside its choices, a parse error) returns undefined: the full yargs parser
 * then handles it, and its messages and help stay the only ones.
 */
import parse from 'yargs-parser';
import { COMMON_OPTIONS, type OptionTable, type RunArgs } from './args.js';

/** The words that name a command other than the default one (parser.ts declares them). */
const COMMANDS: readonly string[] = ['docs', 'catalog', 'emulator', 'mcp', 'deploy'];

/** yargs' own configuration of yargs-parser (yargs-factory.js): positionals stay strings. */
const CONFIGURATION = { 'parse-positional-numbers': false } as const;

export function plainRun(argv: readonly string[]): RunArgs | undefined {
  // yargs keeps what follows `--` apart from the command's positionals: a rare form, left to it.
  if (argv.includes('--')) return undefined;
  const { options, known } = parserOptions(COMMON_OPTIONS);
  const parsed = parse.detailed([...argv], options);
  if (parsed.error) return undefined;
  const { _: positionals, ...named } = parsed.argv;
  if (positionals.length > 0 && COMMANDS.includes(String(positionals[0]))) return undefined;
  // yargs' .strict(): an option it does not know is an error, which yargs words.
  if (Object.keys(named).some((key) => !known.has(key))) return undefined;
  for (const [name, option] of Object.entries(COMMON_OPTIONS)) {
    if (option.choices && !(option.choices as unknown[]).includes(named[name])) return undefined;
  }
  return { ...(named as Omit<RunArgs, 'sql'>), ...(positionals.length > 0 ? { sql: positionals.map(String) } : {}) };
}

interface ParserSetup {
  readonly options: parse.Options;
  /** Every key the parse may produce: names, aliases and their camelCase forms. */
  readonly known: ReadonlySet<string>;
}

let setup: ParserSetup | undefined;

function parserOptions(table: OptionTable): ParserSetup {
  if (setup) return setup;
  const lists = { boolean: [] as string[], string: [] as string[], number: [] as string[], array: [] as string[], count: [] as string[] };
  const alias: Record<string, string[]> = {};
  const defaults: Record<string, unknown> = {};
  const coerce: Record<string, (arg: unknown) => unknown> = {};
  const known = new Set<string>();
  for (const [name, option] of Object.entries(table)) {
    const aliases = [option.alias ?? []].flat();
    for (const key of [name, ...aliases]) known.add(key).add(parse.camelCase(key));
    if (aliases.length > 0) alias[name] = aliases;
    if (option.type) lists[option.type].push(name);
    if (option.array) lists.array.push(name);
    if (option.default !== undefined) defaults[name] = option.default;
    if (option.coerce) coerce[name] = option.coerce as (arg: unknown) => unknown;
  }
  setup = { options: { ...lists, alias, default: defaults, coerce, configuration: CONFIGURATION }, known };
  return setup;
}
