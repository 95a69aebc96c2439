import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SEED_FIXTURE, statementsOfPages } from './support/seeds.js';
import { skipWithoutShared } from './support/shared.js';

test('the seed statements kept in test/fixtures match the seed pages', (t) => {
  if (skipWithoutShared(t, 'seeds')) return;
  assert.deepEqual(JSON.parse(readFileSync(SEED_FIXTURE, 'utf8')), statementsOfPages());
});
