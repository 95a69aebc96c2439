/**
 * The shell's dot-commands, in sqlite3's spirit. Each is a thin shell over one library call; the
 * shell state they change (mode, headers, output, timer) lives in ShellState.
 */
import { readFileSync } from 'node:fs';
import type { CcsqlDatabase } from '../../database.js';
import { CcsqlError } from '../../errors.js';
import { layoutOf } from '../../bridge/layout.js';
import { parseDuration } from '../duration.js';
import { OUTPUT_MODES, toMode } from '../modes.js';
import type { Printer } from '../printer.js';

export interface ShellState {
  readonly db: CcsqlDatabase;
  readonly printer: Printer;
  timer: boolean;
  /** Runs SQL as if typed (`.read`, `.describe`, `.requests`). */
  run(sql: string): Promise<void>;
  quit(): void;
  info(text: string): void;
}

interface DotCommand {
  readonly usage: string;
  readonly help: string;
  readonly run: (state: ShellState, args: string[]) => Promise<void> | void;
}

const DEFAULT_CACHE_MS = 5 * 60_000;
/** The journal has many columns; these are the ones a person checks. */
const REQUESTS_SQL = 'SELECT id, operation, table_name, region, identifier, status, error_code, status_message, request_token FROM ccsql_requests ORDER BY id';

const onOff = (value: string | undefined, what: string): boolean => {
  if (value === 'on' || value === 'off') return value === 'on';
  throw new CcsqlError('INVALID_ARGUMENT', `${what} takes "on" or "off".`);
};

const need = (value: string | undefined, usage: string): string => {
  if (value === undefined) throw new CcsqlError('INVALID_ARGUMENT', `Usage: ${usage}`);
  return value;
};

export const DOT_COMMANDS: Readonly<Record<string, DotCommand>> = {
  '.tables': { usage: '.tables [PATTERN]', help: 'List tables by service, sorted; a PATTERN (a service, part of a name, or a LIKE pattern) narrows them (e.g. .tables logs)', run: tables },
  '.schema': { usage: '.schema TABLE', help: 'Show the columns of a table as a CREATE TABLE statement', run: (s, a) => s.info(schemaOf(s.db, need(a[0], '.schema TABLE'))) },
  '.describe': { usage: '.describe TABLE', help: 'Describe a table: columns, JSON types, roles (identifier, list key, required, read-only, …) and descriptions', run: (s, a) => s.run(`DESCRIBE EXTENDED ${need(a[0], '.describe TABLE')}`) },
  '.mode': { usage: `.mode ${OUTPUT_MODES.join('|')}`, help: 'Set the output mode', run: mode },
  '.headers': { usage: '.headers on|off', help: 'Show or hide column names', run: headers },
  '.nullvalue': { usage: '.nullvalue TEXT', help: 'Print NULL as TEXT in table, csv, markdown and line output (default: empty)', run: (s, a) => void (s.printer.nullValue = a.join(' ')) },
  '.output': { usage: '.output [FILE]', help: 'Send results to FILE, or back to the terminal without one', run: (s, a) => s.printer.output(a[0]) },
  '.once': { usage: '.once FILE', help: 'Send the next result only to FILE', run: (s, a) => s.printer.once(need(a[0], '.once FILE')) },
  '.read': { usage: '.read FILE', help: 'Run the statements in FILE', run: (s, a) => s.run(readText(need(a[0], '.read FILE'))) },
  '.timer': { usage: '.timer on|off', help: 'Show the time and calls each statement took', run: (s, a) => void (s.timer = onOff(a[0], '.timer')) },
  '.region': { usage: '.region [NAME…|all]', help: 'Show the default regions, or set them (all: every region the account has enabled)', run: region },
  '.cache': { usage: '.cache on|off|TTL', help: 'Keep fetched resources between statements (e.g. .cache 30s)', run: cache },
  '.requests': { usage: '.requests', help: 'Show the write requests of this database and their status', run: (s) => s.run(REQUESTS_SQL) },
  '.whoami': { usage: '.whoami', help: 'Show the AWS account and identity in use (STS GetCallerIdentity)', run: whoami },
  '.help': { usage: '.help', help: 'Show this help', run: help },
  '.quit': { usage: '.quit', help: 'Leave the shell (Ctrl-D too)', run: (s) => s.quit() },
  '.exit': { usage: '.exit', help: 'Leave the shell', run: (s) => s.quit() },
};

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CcsqlError('INVALID_ARGUMENT', `File "${path}" cannot be read: ${(error as Error).message}`, {}, { cause: error });
  }
}

export const DOT_COMMAND_NAMES: readonly string[] = Object.keys(DOT_COMMANDS);

export async function runDotCommand(state: ShellState, line: string): Promise<void> {
  const [name, ...args] = line.trim().split(/\s+/);
  const command = DOT_COMMANDS[name!];
  if (!command) throw new CcsqlError('INVALID_ARGUMENT', `Unknown command "${name}": .help lists the commands.`);
  try {
    await command.run(state, args);
  } finally {
    // As in sqlite3, `.once FILE` takes the output of the next command, a dot-command's included.
    if (name !== '.once') state.printer.endStatement();
  }
}

/**
 * Tables sorted and grouped by service, a `-- service (n tables)` line heading each group. A pattern
 * with no wildcard names a service (`logs`), or else any part of a table name; with `%` or `*` it is a LIKE
 * pattern over the whole name (`_` then matches one character), as sqlite3's `.tables ?PATTERN?`.
 */
function tables(state: ShellState, [pattern]: string[]): void {
  const wild = pattern !== undefined && /[%*]/.test(pattern);
  const like = wild ? new RegExp(`^${pattern!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/[%*]/g, '.*').replace(/_/g, '.')}$`, 'i') : undefined;
  const lower = pattern?.toLowerCase();
  const service = lower !== undefined && state.db.catalog.services().includes(lower) ? lower : undefined;
  const matches = (n: string) => (like ? like.test(n) : service ? n.split('.')[1] === service : lower === undefined || n.includes(lower));
  const groups = new Map<string, string[]>();
  for (const name of [...state.db.catalog.sqlNames()].sort().filter(matches)) {
    const service = name.split('.')[1]!;
    groups.set(service, [...(groups.get(service) ?? []), name]);
  }
  const text = [...groups].map(([service, names]) => `-- ${service} (${names.length} ${names.length === 1 ? 'table' : 'tables'})\n${names.map((n) => `${n}\n`).join('')}`);
  state.printer.write(text.join('\n'));
}

function headers(state: ShellState, [value]: string[]): void {
  if (value === undefined) return state.info(`headers ${state.printer.headers ? 'on' : 'off'}\n`);
  state.printer.headers = onOff(value, '.headers');
}

const SQL_TYPES: Readonly<Record<string, string>> = { integer: 'INTEGER', number: 'REAL', boolean: 'INTEGER', object: 'JSON', array: 'JSON' };

export function schemaOf(db: CcsqlDatabase, name: string): string {
  const table = db.catalog.resolve(name);
  if (!table) throw new CcsqlError('UNKNOWN_TABLE', `There is no table ${name}: .tables lists them.`, { table: name });
  const layout = layoutOf(table.type, table.variant);
  const types = new Map(table.type.columns.map((c) => [c.property, c.type]));
  const sqlType = (property: string) => SQL_TYPES[types.get(property) ?? ''] ?? 'TEXT';
  const lines = [
    '  region TEXT',
    ...(layout.hasIdentifier ? ['  Identifier TEXT HIDDEN'] : []),
    ...layout.visible.map((c) => `  ${c.name} ${sqlType(c.property)}`),
  ];
  return `CREATE TABLE "${name}" ( -- ${table.type.typeName}\n${lines.join(',\n')}\n);\n`;
}

function mode(state: ShellState, [name]: string[]): void {
  if (name === undefined) return state.info(`${state.printer.mode}\n`);
  const chosen = toMode(name);
  if (!chosen) throw new CcsqlError('INVALID_ARGUMENT', `Unknown mode "${name}": choose ${OUTPUT_MODES.join(', ')}.`);
  state.printer.mode = chosen;
}

async function region(state: ShellState, names: string[]): Promise<void> {
  const given = names.flatMap((n) => n.split(',')).filter((n) => n !== '');
  if (given.length > 0) {
    // A typo is refused here, not at the next statement; `all` is no region AWS has, so it is left to the setter.
    const { isAllRegions } = await import('../../cloud/region-setting.js');
    if (!given.some(isAllRegions)) (await import('../../cloud/regions.js')).checkRegionNames(given);
    state.db.regions = given;
  }
  state.info(`${state.db.regions.join(' ')}\n`);
}

function cache(state: ShellState, [value]: string[]): void {
  if (value !== undefined) state.db.cacheTtlMs = value === 'on' ? DEFAULT_CACHE_MS : parseDuration(value, '.cache');
  const ms = state.db.cacheTtlMs;
  state.info(ms === 0 ? 'cache off\n' : `cache on, ${ms / 1000}s\n`);
}

async function whoami(state: ShellState): Promise<void> {
  const region = await state.db.homeRegion();
  const me = await state.db.cloud.whoami(region);
  state.printer.print({ columns: ['account', 'arn', 'user_id', 'region'], rows: [{ account: me.account, arn: me.arn, user_id: me.userId, region }] });
}

function help(state: ShellState): void {
  const width = Math.max(...Object.values(DOT_COMMANDS).map((c) => c.usage.length));
  const lines = Object.values(DOT_COMMANDS).map((c) => `${c.usage.padEnd(width)}  ${c.help}\n`);
  state.info(`${lines.join('')}\nEnd SQL statements with ";". Ctrl-C cancels a running statement; Ctrl-D leaves.\n`);
}
