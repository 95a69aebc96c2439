import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import madge from 'madge';

const root = join(import.meta.dirname, '..');

// Layers lean one way only: shapes and errors at the bottom, the facade (database.ts) on top. A cycle,
// even through a type-only import, means two rooms lean on each other.
test('the import graph of src/ has no cycle, type-only imports included', async () => {
  const graph = await madge(join(root, 'src'), { fileExtensions: ['ts'], tsConfig: join(root, 'tsconfig.json'), detectiveOptions: { ts: { skipTypeImports: false } } });
  assert.deepEqual(graph.circular(), []);
});

test('nothing below the facade imports it', async () => {
  const graph = await madge(join(root, 'src'), { fileExtensions: ['ts'], tsConfig: join(root, 'tsconfig.json') });
  const importers = graph.depends('database');
  assert.deepEqual(importers.filter((file) => file !== 'index.ts' && !file.startsWith('cli/')), []);
});

test('shapes.ts imports nothing of ours', async () => {
  const graph = await madge(join(root, 'src'), { fileExtensions: ['ts'], tsConfig: join(root, 'tsconfig.json') });
  assert.deepEqual(graph.obj()['shapes.ts'], []);
});
