import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffValues } from '../src/write/diff.js';
import { fromSqlite } from '../src/write/values.js';
import { isCcsqlError } from '../src/index.js';

test('diffValues: minimal operations, arrays whole, objects by key, pointers escaped', () => {
  assert.deepEqual(diffValues('/A', 1, 1), []);
  assert.deepEqual(diffValues('/A', undefined, 1), [{ op: 'add', path: '/A', value: 1 }]);
  assert.deepEqual(diffValues('/A', 1, undefined), [{ op: 'remove', path: '/A' }]);
  assert.deepEqual(diffValues('/A', [1, 2], [1, 3]), [{ op: 'replace', path: '/A', value: [1, 3] }]);
  assert.deepEqual(diffValues('/A', { x: 1, y: 2, z: { k: 1 } }, { x: 1, z: { k: 2 }, 'a/b~': true }), [
    { op: 'remove', path: '/A/y' },
    { op: 'replace', path: '/A/z/k', value: 2 },
    { op: 'add', path: '/A/a~1b~0', value: true },
  ]);
  assert.deepEqual(diffValues('/A', { x: 1 }, [1]), [{ op: 'replace', path: '/A', value: [1] }]);
});

test('diffValues: structurally equal values send nothing, whatever their key order', () => {
  assert.deepEqual(diffValues('/A', { x: 1, y: [1, { z: 2 }] }, { y: [1, { z: 2 }], x: 1 }), []);
  assert.deepEqual(diffValues('/A', { x: [1, 2] }, { x: [2, 1] }), [{ op: 'replace', path: '/A/x', value: [2, 1] }]);
  assert.deepEqual(diffValues('/A', { x: 1 }, { x: '1' }), [{ op: 'replace', path: '/A/x', value: '1' }]);
});

test('fromSqlite: text for every type, empty text as not given outside strings, errors name the column', () => {
  const at = { table: 't', column: 'c' };
  assert.equal(fromSqlite('true', 'boolean', at), true);
  assert.equal(fromSqlite(0, 'boolean', at), false);
  assert.equal(fromSqlite('42', 'integer', at), 42);
  assert.equal(fromSqlite(1.5, 'number', at), 1.5);
  assert.equal(fromSqlite(7, 'string', at), '7');
  assert.equal(fromSqlite('', 'string', at), '');
  assert.equal(fromSqlite('', 'object', at), undefined);
  assert.equal(fromSqlite(null, 'string', at), undefined);
  assert.deepEqual(fromSqlite('{"a":1}', 'object', at), { a: 1 });
  for (const [value, type, code] of [
    ['1.5', 'integer', 'INVALID_VALUE'],
    ['yes', 'boolean', 'INVALID_VALUE'],
    ['[1', 'array', 'INVALID_JSON'],
    ['{}', 'array', 'INVALID_VALUE'],
    [3, 'object', 'INVALID_VALUE'],
  ] as const) {
    assert.throws(() => fromSqlite(value, type, at), (e: unknown) => isCcsqlError(e) && e.code === code && e.details.column === 'c', `${value} as ${type}`);
  }
});
