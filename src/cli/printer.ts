/**
 * Where results go and how they look: the output mode, headers, and sqlite3's `.output FILE` (every
 * result from now on) and `.once FILE` (the next result only).
 *
 * Ours: sqlite3's `.output` / `.once` redirection over a file descriptor is a few lines that no
 * package covers.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { CcsqlError } from '../errors.js';
import { format, isStreamed, rowStreamer, type ResultSet } from './format.js';
import type { ResultColumn } from '../shapes.js';
import type { OutputMode } from './modes.js';

export class Printer {
  mode: OutputMode;
  headers: boolean;
  /** What NULL prints as (`.nullvalue`). */
  nullValue = '';
  readonly #stdout: (text: string) => void;
  #file: number | undefined;
  #once: number | undefined;

  constructor(mode: OutputMode, headers: boolean, stdout: (text: string) => void) {
    this.mode = mode;
    this.headers = headers;
    this.#stdout = stdout;
  }

  print(set: ResultSet): void {
    this.write(format(this.mode, set, { headers: this.headers, nullValue: this.nullValue }));
  }

  /** Whether the current mode prints rows as they come (`json`, `ndjson`, `csv`); `table` needs them all first. */
  get streams(): boolean {
    return isStreamed(this.mode);
  }

  /** Starts a result printed row by row, in a streamed mode: each `row` is written at once. */
  begin(columns: readonly ResultColumn[]): RowSink {
    if (!isStreamed(this.mode)) throw new Error(`Output mode "${this.mode}" does not print rows as they come.`);
    const streamer = rowStreamer(this.mode, columns.map((c) => c.name), columns.map((c) => c.type), { headers: this.headers, nullValue: this.nullValue });
    let count = 0;
    return {
      row: (row) => this.write(streamer.row(row, (count += 1) === 1)),
      end: () => this.write(streamer.end(count)),
    };
  }

  /** Text for the current destination (results, and `.timer` lines as sqlite3 prints them). */
  write(text: string): void {
    if (text === '') return;
    const fd = this.#once ?? this.#file;
    if (fd === undefined) this.#stdout(text);
    else writeSync(fd, text);
  }

  /** Sends every later result to a file; no file (or `stdout`) goes back to the terminal. */
  output(path: string | undefined): void {
    if (this.#file !== undefined) closeSync(this.#file);
    this.#file = path === undefined || path === 'stdout' ? undefined : openFile(path);
  }

  /** Sends the next result only to a file. */
  once(path: string): void {
    this.#once = openFile(path);
  }

  /** Called after each statement: a `.once` file has had its result. */
  endStatement(): void {
    if (this.#once === undefined) return;
    closeSync(this.#once);
    this.#once = undefined;
  }

  close(): void {
    this.endStatement();
    this.output(undefined);
  }
}

/** Where a streamed result's rows go, one at a time, as arrays in column order. */
export interface RowSink {
  row(row: readonly unknown[]): void;
  end(): void;
}

function openFile(path: string): number {
  try {
    return openSync(path, 'w');
  } catch (error) {
    throw new CcsqlError('INVALID_ARGUMENT', `File "${path}" cannot be written: ${(error as Error).message}`, {}, { cause: error });
  }
}
