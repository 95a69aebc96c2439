/**
 * ccsql registers its tables through a private part of better-sqlite3 (src/bridge/native-table.ts):
 * the `cppdb` symbol of lib/util.js, under which a Database keeps its native handle, and that
 * handle's `table(factory, name, eponymous)` method, whose factory returns the tuple
 * `[createSql, rows, parameterNames, safeIntegers, directOnly]`. package.json pins better-sqlite3's
 * exact version; these tests fail, naming both versions, when the installed one differs or the
 * private shape has moved, so an upgrade is a decision and not an accident.
 */

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { betterSqlite3Versions, registerNativeTable } from '../src/bridge/native-table.js';
import { isCcsqlError } from '../src/errors.js';

const require = createRequire(import.meta.url);
const { installed, pinned } = betterSqlite3Versions();

/** The message every failure here carries: what moved, both versions, and where to look. */
function moved(what: string): string {
  return `${what}. Installed better-sqlite3 ${installed}, package.json pins ${pinned}. `
    + 'ccsql registers its tables through better-sqlite3\'s private native table method '
    + '(src/bridge/native-table.ts): check that file against the installed version before changing the pin.';
}

function cppdbSymbol(): symbol {
  let util: { cppdb?: unknown };
  try {
    util = require('better-sqlite3/lib/util.js') as { cppdb?: unknown };
  } catch (error) {
    assert.fail(moved(`better-sqlite3/lib/util.js cannot be loaded (${String(error)})`));
  }
  assert.equal(typeof util.cppdb, 'symbol', moved('better-sqlite3/lib/util.js no longer exports the symbol "cppdb"'));
  return util.cppdb as symbol;
}

type Native = { table: (...args: unknown[]) => void };

function nativeHandle(db: Database.Database): Native {
  const native = (db as unknown as Record<symbol, Native | undefined>)[cppdbSymbol()];
  assert.equal(typeof native?.table, 'function', moved('a Database has no native handle with a "table" method under the "cppdb" symbol'));
  return native!;
}

describe('better-sqlite3 private API', () => {
  it('is the pinned version, pinned exactly', () => {
    assert.match(pinned, /^\d+\.\d+\.\d+$/, moved('package.json must pin better-sqlite3 to an exact version (no ^ or ~)'));
    assert.equal(installed, pinned, moved('the installed better-sqlite3 is not the pinned one'));
  });

  it('keeps a Database\'s native handle under cppdb, with a table method', () => {
    const db = new Database(':memory:');
    try {
      nativeHandle(db);
    } finally {
      db.close();
    }
  });

  it('has its own db.table hand the native method the same arguments and tuple registerNativeTable builds', () => {
    const db = new Database(':memory:');
    try {
      const native = nativeHandle(db);
      const calls: unknown[][] = [];
      // An own property shadows the prototype's native method, so the public layer's call is seen.
      native.table = (...args: unknown[]) => void calls.push(args);
      db.table('probe', { columns: ['b'], parameters: ['a'], *rows() {} });
      assert.equal(calls.length, 1, moved('db.table() no longer calls the native table method once'));
      const [factory, name, eponymous] = calls[0]!;
      assert.equal(typeof factory, 'function', moved('the native table method no longer takes a factory first'));
      assert.deepEqual([name, eponymous], ['probe', true], moved('the native table method no longer takes (factory, name, eponymous)'));
      const tuple = (factory as () => unknown[])();
      assert.equal(tuple.length, 5, moved(`the factory tuple has ${tuple.length} entries, not 5`));
      assert.deepEqual(
        [tuple[0], typeof tuple[1], tuple[2], typeof tuple[3], tuple[4]],
        ['CREATE TABLE x("a" HIDDEN, "b");', 'function', ['a'], 'number', false],
        moved('the factory tuple is no longer [createSql, rows, parameterNames, safeIntegers, directOnly]'),
      );
    } finally {
      db.close();
    }
  });

  it('runs a table registered through it: visible parameters, hidden ones, constraints handed to rows', () => {
    const db = new Database(':memory:');
    try {
      const seen: unknown[][] = [];
      registerNativeTable(db, 'probe', {
        parameters: [{ name: 'region', hidden: false }, { name: 'Identifier', hidden: true }],
        columns: ['name'],
        *rows(region, identifier) {
          seen.push([region, identifier]);
          yield ['eu-west-1', identifier ?? null, 'a'];
          yield ['us-east-1', identifier ?? null, 'b'];
        },
      });
      const all = db.prepare('SELECT * FROM probe').all();
      const pushed = db.prepare("SELECT name, Identifier FROM probe WHERE region = 'us-east-1' AND Identifier = 'x'").all();
      const ok = JSON.stringify([all, pushed, seen]) === JSON.stringify([
        [{ region: 'eu-west-1', name: 'a' }, { region: 'us-east-1', name: 'b' }],
        // SQLite hands parameter constraints to the rows function and does not check them again.
        [{ name: 'a', Identifier: 'x' }, { name: 'b', Identifier: 'x' }],
        [[null, null], ['us-east-1', 'x']],
      ]);
      assert.ok(ok, moved(`a natively registered table no longer reads as ccsql expects: ${JSON.stringify([all, pushed, seen])}`));
    } finally {
      db.close();
    }
  });

  it('makes registerNativeTable name both versions when the native handle is missing', () => {
    const notADatabase = {} as Database.Database;
    assert.throws(
      () => registerNativeTable(notADatabase, 'probe', { parameters: [], columns: ['a'], *rows() {} }),
      (error: unknown) =>
        isCcsqlError(error) && error.code === 'INCOMPATIBLE_DEPENDENCY'
        && error.details.installed === installed && error.details.pinned === pinned
        && error.message.includes(installed) && error.message.includes(pinned),
    );
  });
});
