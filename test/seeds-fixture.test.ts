import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SEED_FIXTURE, SEEDS_DIR, statementsOfPages } from './support/seeds.js';

test('the seed statements kept in test/fixtures match the seed pages', { skip: !existsSync(SEEDS_DIR) && 'the seed pages (../shared/seeds) are not here' }, () => {
  assert.deepEqual(JSON.parse(readFileSync(SEED_FIXTURE, 'utf8')), statementsOfPages());
});
