/**
 * Output formatters, one per mode. Each turns a result set (column names and row objects keyed by
 * them) into text; the caller decides where it goes.
 *
 * Ours rather than cli-table3 or csv-stringify: each mode prints as sqlite3's shell does (NULL as an
 * empty cell, numbers right-aligned, objects as JSON text, blobs as x'…', BigInt kept exact), a few
 * lines each that the CLI tests assert exactly; packages differ in those details.
 */
import type { OutputMode } from './modes.js';

export interface ResultSet {
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
  /** Every column of each row, in order, repeated names included (a join's `SELECT *`). */
  readonly rawRows?: readonly (readonly unknown[])[];
  /** Each column's declared type where it is a table's column: `JSON` and `BOOLEAN` print as JSON in json modes. */
  readonly types?: readonly (string | null)[];
}

/** What the formatters read: rows as arrays, so a name two tables share keeps both its values. */
interface Grid {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
  readonly types: readonly (string | null)[];
}

export interface FormatOptions {
  readonly headers: boolean;
  /** What NULL prints as in the text modes (sqlite3's `.nullvalue`); empty by default. */
  readonly nullValue?: string;
}

type Formatter = (set: Grid, options: FormatOptions) => string;

/** The modes that can print each row as it comes: their text needs nothing from later rows. */
export const STREAMED_MODES = ['json', 'ndjson', 'csv'] as const satisfies readonly OutputMode[];
export type StreamedMode = (typeof STREAMED_MODES)[number];

export const isStreamed = (mode: OutputMode): mode is StreamedMode => (STREAMED_MODES as readonly string[]).includes(mode);

/**
 * A result printed row by row: `row` gives a row's text (with what goes before it when it is the
 * first), `end` what closes the result. Joined, they are the whole result's text, so a streamed
 * result prints byte for byte as a buffered one.
 */
export interface RowStreamer {
  row(row: readonly unknown[], first: boolean): string;
  end(count: number): string;
}

type StreamerOf = (set: Omit<Grid, 'rows'>, options: FormatOptions) => RowStreamer;

const STREAMERS: Readonly<Record<StreamedMode, StreamerOf>> = {
  // As JSON.stringify(rows, null, 2): each row indented one level (JSON text has no raw newline to miss).
  json: (set) => ({
    row: (row, first) => `${first ? '[\n' : ',\n'}  ${JSON.stringify(jsonRow(set, row), null, 2).replace(/\n/g, '\n  ')}`,
    end: (count) => (count === 0 ? '[]\n' : '\n]\n'),
  }),
  ndjson: (set) => ({ row: (row) => `${JSON.stringify(jsonRow(set, row))}\n`, end: () => '' }),
  csv: csvStreamer,
};

/** A streamer for a result's columns (types as `ResultSet.types`); a result with no columns prints nothing. */
export function rowStreamer(mode: StreamedMode, columns: readonly string[], types: readonly (string | null)[], options: FormatOptions): RowStreamer {
  if (columns.length === 0) return { row: () => '', end: () => '' };
  return STREAMERS[mode]({ columns, types }, options);
}

function formatStreamed(mode: StreamedMode): Formatter {
  return (set, options) => {
    const streamer = STREAMERS[mode](set, options);
    let out = '';
    set.rows.forEach((row, i) => (out += streamer.row(row, i === 0)));
    return out + streamer.end(set.rows.length);
  };
}

const FORMATTERS: Readonly<Record<OutputMode, Formatter>> = {
  table: formatTable,
  json: formatStreamed('json'),
  ndjson: formatStreamed('ndjson'),
  csv: formatStreamed('csv'),
  markdown: formatMarkdown,
  line: formatLine,
};

/** Formats a result set; a statement that returns no columns (CREATE, a write without RETURNING) prints nothing. */
export function format(mode: OutputMode, set: ResultSet, options: FormatOptions): string {
  if (set.columns.length === 0) return '';
  return FORMATTERS[mode](gridOf(set), options);
}

function gridOf(set: ResultSet): Grid {
  if (set.rawRows) return { columns: set.columns, rows: set.rawRows, types: set.types ?? [] };
  // Row objects hold one value per name: a repeated name is shown once.
  const columns = [...new Set(set.columns)];
  const types = columns.map((c) => set.types?.[set.columns.indexOf(c)] ?? null);
  return { columns, rows: set.rows.map((r) => columns.map((c) => r[c])), types };
}

/** One value as text: NULL prints empty, blobs as SQLite's x'…' literal, control characters escaped. */
export function cellText(value: unknown, nullValue = ''): string {
  if (value === null || value === undefined) return nullValue;
  if (Buffer.isBuffer(value)) return `x'${value.toString('hex')}'`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A JSON object per row; a repeated column name takes SQLite's own suffix (`region:1`). */
function jsonRow(set: Omit<Grid, 'rows'>, row: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  set.columns.forEach((column, i) => {
    let key = column;
    for (let n = 1; Object.hasOwn(out, key); n += 1) key = `${column}:${n}`;
    out[key] = jsonValue(row[i], set.types[i] ?? null);
  });
  return out;
}

function jsonValue(value: unknown, type: string | null): unknown {
  if (value === undefined) return null;
  if (type === 'JSON' && typeof value === 'string') return parseJson(value);
  if (type === 'BOOLEAN' && (value === 0 || value === 1 || value === 0n || value === 1n)) return Boolean(value);
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Control characters as visible escapes: resource data (a tag value) could otherwise move the cursor,
 * retitle the window or hide text on the terminal. C0 and C1 controls, DEL, and the bidirectional
 * overrides that reorder what is shown.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };
export const escapeControls = (text: string): string =>
  text.replace(/\r\n/g, '\n').replace(CONTROLS, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16)}`));
const isNumeric = (value: unknown): boolean => typeof value === 'number' || typeof value === 'bigint';

function formatTable(set: Grid, options: FormatOptions): string {
  const cells = set.rows.map((row) => set.columns.map((_, i) => escapeControls(cellText(row[i], options.nullValue))));
  const names = set.columns.map(escapeControls);
  // Every row is measured, in a loop: spreading a million lengths into Math.max overflows the stack.
  const widths = names.map((c) => (options.headers ? c.length : 0));
  for (const row of cells) row.forEach((text, i) => (widths[i] = Math.max(widths[i]!, text.length)));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+\n`;
  const line = (values: readonly string[], right: readonly boolean[]) =>
    `|${values.map((v, i) => ` ${right[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)} `).join('|')}|\n`;
  let out = rule;
  if (options.headers) out += line(names, []) + rule;
  set.rows.forEach((row, r) => (out += line(cells[r]!, set.columns.map((_, i) => isNumeric(row[i])))));
  return set.rows.length > 0 ? out + rule : out;
}

function formatMarkdown(set: Grid, options: FormatOptions): string {
  const cell = (text: string) => escapeControls(text).replace(/\|/g, '\\|');
  const line = (values: readonly string[]) => `| ${values.map(cell).join(' | ')} |\n`;
  // A Markdown table needs its header row; with headers off the column names still head it.
  void options;
  let out = line(set.columns) + `|${set.columns.map(() => '---').join('|')}|\n`;
  for (const row of set.rows) out += line(set.columns.map((_, i) => cellText(row[i], options.nullValue)));
  return out;
}

function csvStreamer(set: Omit<Grid, 'rows'>, options: FormatOptions): RowStreamer {
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const line = (values: readonly string[]) => `${values.map(quote).join(',')}\r\n`;
  // As sqlite3: a result set with no rows writes nothing, not a lone header, so a script's CSV has one
  // header before each result set's rows.
  const header = options.headers ? line(set.columns) : '';
  return {
    row: (row, first) => (first ? header : '') + line(set.columns.map((_, i) => cellText(row[i], options.nullValue))),
    end: () => '',
  };
}

function formatLine(set: Grid, options: FormatOptions): string {
  const names = set.columns.map(escapeControls);
  const width = names.reduce((widest, c) => Math.max(widest, c.length), 0);
  return set.rows.map((row) => set.columns.map((_, i) => `${names[i]!.padStart(width)} = ${escapeControls(cellText(row[i], options.nullValue))}\n`).join('')).join('\n');
}
