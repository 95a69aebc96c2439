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

const escapeControls = (text: string): string =>
  /[\n\t]/.test(text) ? text.replace(/\r?\n/g, '\\n').replace(/\t/g, '\\t') : text;
const isNumeric = (value: unknown): boolean => typeof value === 'number' || typeof value === 'bigint';

function formatTable(set: ResultSet, options: FormatOptions): string {
  const cells = set.rows.map((row) => set.columns.map((c) => escapeControls(cellText(row[c]))));
  // Every row is measured, in a loop: spreading a million lengths into Math.max overflows the stack.
  const widths = set.columns.map((c) => (options.headers ? c.length : 0));
  for (const row of cells) row.forEach((text, i) => (widths[i] = Math.max(widths[i]!, text.length)));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+\n`;
  const line = (values: readonly string[], right: readonly boolean[]) =>
    `|${values.map((v, i) => ` ${right[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)} `).join('|')}|\n`;
  let out = rule;
  if (options.headers) out += line(set.columns, []) + rule;
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
  const width = set.columns.reduce((widest, c) => Math.max(widest, c.length), 0);
  return set.rows.map((row) => set.columns.map((c) => `${c.padStart(width)} = ${cellText(row[c])}\n`).join('')).join('\n');
}
