/**
 * Whose database file this is. ccsql adds its journal (`ccsql_requests`) to the file it writes
 * through; a file another program made is not ccsql's to change unless the user says so, and a file
 * that cannot be written is only read. A file ccsql creates is marked with SQLite's application_id
 * (the header field meant for this), so a later open knows it even before any write was journaled.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { sqliteOptions } from '../sqlite-binding.js';

/** "ccsq" */
export const CCSQL_APPLICATION_ID = 0x63637371;

export interface FileState {
  /** The file holds a database ccsql did not create and has not been allowed to change. */
  readonly foreign: boolean;
  readonly readonly: boolean;
}

/** Before opening: can the file be written to? (A missing file is created, so it can.) */
export function fileIsReadonly(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    accessSync(file, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** After opening: whose file it is; a new, empty file is marked as ccsql's. */
export function claimFile(db: Database, readonly: boolean): FileState {
  const id = db.pragma('application_id', { simple: true }) as number;
  const objects = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as { n: number }).n;
  const journaled = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ccsql_requests'").get() !== undefined;
  const blank = objects === 0 && id === 0;
  if (blank && !readonly) db.pragma(`application_id = ${CCSQL_APPLICATION_ID}`);
  return { foreign: !blank && !journaled && id !== CCSQL_APPLICATION_ID, readonly };
}

/** Marks an adopted file as ccsql's, so the question is asked once. */
export function adoptFile(db: Database): void {
  db.pragma(`application_id = ${CCSQL_APPLICATION_ID}`);
}

export interface OpenedFile {
  readonly sqlite: Database;
  /** Why the journal cannot be kept here, or undefined when it can. */
  readonly journalBlocked: string | undefined;
}

/** Opens the database file (or memory), read-only when it cannot be written, and decides whether ccsql may keep its journal in it. */
export async function openFile(
  file: string | undefined,
  options: { readonly readonly?: boolean; readonly adopt?: boolean | (() => boolean | Promise<boolean>) },
): Promise<OpenedFile> {
  const readonly = options.readonly ?? (file !== undefined && fileIsReadonly(file));
  const sqlite = new BetterSqlite3(file ?? ':memory:', sqliteOptions({ readonly }));
  try {
    const state = file ? claimFile(sqlite, readonly) : { foreign: false, readonly: false };
    const adopted = state.foreign && !readonly && (typeof options.adopt === 'function' ? await options.adopt() : options.adopt === true);
    if (adopted) adoptFile(sqlite);
    const journalBlocked = readonly
      ? `${file} is opened read-only: open a writable copy to write to resources.`
      : state.foreign && !adopted
        ? `${file} was not created by ccsql: allow ccsql to add its journal table to it (--adopt-db, open({ adopt: true })), or use another file.`
        : undefined;
    return { sqlite, journalBlocked };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
