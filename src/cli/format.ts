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
}

export interface FormatOptions {
  readonly headers: boolean;
}

type Formatter = (set: ResultSet, options: FormatOptions) => string;

const FORMATTERS: Readonly<Record<OutputMode, Formatter>> = {
  table: formatTable,
  json: (set) => `${JSON.stringify(set.rows.map((r) => jsonRow(set, r)), null, 2)}\n`,
  ndjson: (set) => set.rows.map((r) => `${JSON.stringify(jsonRow(set, r))}\n`).join(''),
  csv: formatCsv,
  markdown: formatMarkdown,
  line: formatLine,
};

/** Formats a result set; a statement that returns no columns (CREATE, a write without RETURNING) prints nothing. */
export function format(mode: OutputMode, set: ResultSet, options: FormatOptions): string {
  const columns = [...new Set(set.columns)];
  if (columns.length === 0) return '';
  return FORMATTERS[mode]({ columns, rows: set.rows }, options);
}

/** One value as text: NULL prints empty, blobs as SQLite's x'…' literal, control characters escaped. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Buffer.isBuffer(value)) return `x'${value.toString('hex')}'`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function jsonRow(set: ResultSet, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of set.columns) out[column] = jsonValue(row[column]);
  return out;
}

function jsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return value;
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

function formatTable(set: ResultSet, options: FormatOptions): string {
  const cells = set.rows.map((row) => set.columns.map((c) => escapeControls(cellText(row[c]))));
  const names = set.columns.map(escapeControls);
  const widths = names.map((c, i) => Math.max(options.headers ? c.length : 0, ...cells.map((r) => r[i]!.length)));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+\n`;
  const line = (values: readonly string[], right: readonly boolean[]) =>
    `|${values.map((v, i) => ` ${right[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)} `).join('|')}|\n`;
  let out = rule;
  if (options.headers) out += line(names, []) + rule;
  set.rows.forEach((row, r) => (out += line(cells[r]!, set.columns.map((c) => isNumeric(row[c])))));
  return set.rows.length > 0 ? out + rule : out;
}

function formatMarkdown(set: ResultSet, options: FormatOptions): string {
  const cell = (text: string) => escapeControls(text).replace(/\|/g, '\\|');
  const line = (values: readonly string[]) => `| ${values.map(cell).join(' | ')} |\n`;
  // A Markdown table needs its header row; with headers off the column names still head it.
  void options;
  let out = line(set.columns) + `|${set.columns.map(() => '---').join('|')}|\n`;
  for (const row of set.rows) out += line(set.columns.map((c) => cellText(row[c])));
  return out;
}

function formatCsv(set: ResultSet, options: FormatOptions): string {
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const line = (values: readonly string[]) => `${values.map(quote).join(',')}\r\n`;
  let out = options.headers ? line(set.columns) : '';
  for (const row of set.rows) out += line(set.columns.map((c) => cellText(row[c])));
  return out;
}

function formatLine(set: ResultSet): string {
  const names = set.columns.map(escapeControls);
  const width = Math.max(...names.map((c) => c.length));
  return set.rows.map((row) => set.columns.map((c, i) => `${names[i]!.padStart(width)} = ${escapeControls(cellText(row[c]))}\n`).join('')).join('\n');
}
