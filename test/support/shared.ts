/**
 * The shared fixtures (the CloudFormation registry schemas, the StackQL seed pages) live beside the
 * repository, at ../shared from its root, and nowhere else. A developer without them skips the tests
 * that read them, told why; CI (CI=true) must have them, so there those tests fail instead.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { packageRoot } from '../../src/package-root.js';

export const SHARED_DIR = join(packageRoot(), '..', 'shared');

/** The path of ../shared/<name>, when it is there. */
export function sharedPath(name: string): string | undefined {
  const path = join(SHARED_DIR, name);
  return existsSync(path) ? path : undefined;
}

/**
 * For a test that reads ../shared/<name>: false when it is there; otherwise the test is skipped,
 * saying why, and true is returned, except in CI, where the test fails naming the missing folder.
 */
export function skipWithoutShared(t: TestContext, name: string): boolean {
  if (sharedPath(name) !== undefined) return false;
  const missing = `../shared/${name} (${join(SHARED_DIR, name)}) is not beside the repository`;
  if (process.env.CI === 'true') assert.fail(`${missing}: CI runs every test of the shared fixtures, so clone ccsql next to the shared folder.`);
  t.skip(`${missing}; CI runs this test`);
  return true;
}
