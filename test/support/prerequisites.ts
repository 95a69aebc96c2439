/**
 * What some tests need beyond node_modules: the command built from this very source, tmux, the AWS
 * CLI. A developer without one skips the tests that need it, told why. CI (CI=true) has them all
 * (.ci/run installs the tools, npm test builds first), so there a missing one skips nothing: each
 * test that needs it fails, naming it, where it first reaches for it (`need()`). The shared fixtures
 * of ../shared follow the same rule (shared.ts).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sourceStamp } from '../../scripts/source-hash.mjs';

export const IN_CI = process.env.CI === 'true';

export interface Prerequisite {
  /** For a test's `skip` option: false when it is here, and in CI; otherwise why the test is skipped. */
  readonly skip: string | false;
  /** Fails the test, naming what is missing and how to get it, unless it is here. */
  need(): void;
}

/** `problem` answers why the prerequisite is not usable, or undefined when it is; asked once. */
function prerequisite(problem: () => string | undefined): Prerequisite {
  let found: { problem: string | undefined } | undefined;
  const why = () => (found ??= { problem: problem() }).problem;
  return {
    get skip() {
      const missing = why();
      return missing === undefined || IN_CI ? false : `${missing}; CI runs this test`;
    },
    need() {
      const missing = why();
      if (missing !== undefined) assert.fail(`${missing}.${IN_CI ? ' CI (CI=true) runs every test, so none is skipped for want of it.' : ''}`);
    },
  };
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUNDLE_MAIN = fileURLToPath(new URL('../../dist/cli-bundle/main.js', import.meta.url));

/** dist/ as `npm run build` makes it from this checkout: its bundle's first line names the source (scripts/source-hash.mjs). */
export const BUILT: Prerequisite = prerequisite(() => {
  if (!existsSync(BUNDLE_MAIN)) return 'The built command dist/cli-bundle/main.js is missing: run npm run build (npm test does)';
  const firstLine = readFileSync(BUNDLE_MAIN, 'utf8').split('\n', 1)[0];
  if (firstLine !== sourceStamp(ROOT)) return 'The built command dist/cli-bundle/main.js is stale (built from other source than src/ holds now): run npm run build (npm test does)';
  return undefined;
});

function command(name: string, args: readonly string[], install: string): Prerequisite {
  return prerequisite(() => {
    const run = spawnSync(name, args, { stdio: 'ignore', timeout: 20_000 });
    return run.status === 0 ? undefined : `${install}: \`${name} ${args.join(' ')}\` ${run.error ? `failed (${run.error.message})` : `exited ${run.status ?? run.signal}`}`;
  });
}

export const TMUX: Prerequisite = command('tmux', ['-V'], 'tmux is not installed (Debian: apt-get install tmux; .ci/run installs it)');
export const AWS_CLI: Prerequisite = command('aws', ['--version'], 'The AWS CLI is not installed (Debian: apt-get install awscli; .ci/run installs it)');
