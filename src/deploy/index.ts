/**
 * `ccsql deploy`: stackql-deploy projects (stackql_manifest.yml and anchored .iql files) run over a
 * ccsql database. A client of the library like any user script: it opens nothing itself, takes the
 * database it is given and speaks SQL to it through `execute`/`query` (read-only reads, dry runs).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CcsqlDatabase } from '../index.js';
import { build, type OnFailure } from './build.js';
import { test } from './check.js';
import { StackContext } from './context.js';
import { deployFailed } from './errors.js';
import { loadManifest } from './manifest.js';
import { Runner } from './runner.js';
import type { Outcome, StackRun } from './stack.js';
import { teardown } from './teardown.js';
import { plan, type PlannedResource } from './plan.js';

export { planText, hasChanges, type PlannedResource, type PropertyChange, type PlanAction } from './plan.js';

export { loadManifest, type Manifest } from './manifest.js';
export { readEnv } from './env.js';
export { initStack } from './init.js';
export type { OnFailure } from './build.js';
export type { Outcome } from './stack.js';

export const DEPLOY_COMMANDS = ['build', 'test', 'teardown', 'plan'] as const;
export type DeployCommand = (typeof DEPLOY_COMMANDS)[number];

export interface DeployOptions {
  readonly db: CcsqlDatabase;
  readonly stackDir: string;
  readonly stackEnv: string;
  /** Values for the globals' `{{ NAME }}` (from -e and --env-file); never printed. */
  readonly env: Readonly<Record<string, string>>;
  readonly dryRun?: boolean;
  readonly showQueries?: boolean;
  readonly onFailure?: OnFailure;
  /** JSON file the stack exports are written to (build, test). */
  readonly outputFile?: string;
  /** Progress lines, secrets already masked. */
  readonly log: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface DeployReport {
  readonly outcomes: readonly Outcome[];
  /** The manifest's stack-level exports (with stack_name and stack_env), protected values masked. */
  readonly exports: Readonly<Record<string, unknown>>;
  /** Cloud Control write requests this run sent. */
  readonly writes: number;
  /** `plan`: what a build would do to each resource. */
  readonly plan?: readonly PlannedResource[];
  /** Hides env values and protected exports in text meant for the terminal. */
  readonly mask: (text: string) => string;
}

export async function deploy(command: DeployCommand, options: DeployOptions): Promise<DeployReport> {
  const manifest = loadManifest(options.stackDir);
  const runner = new Runner({
    db: options.db,
    // A plan is read-only: its reads run readOnly and its update anchors as dry runs.
    dryRun: (options.dryRun ?? false) || command === 'plan',
    showQueries: options.showQueries ?? false,
    log: options.log,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  });
  for (const value of Object.values(options.env)) runner.secret(value);
  const context = new StackContext(manifest, options.stackEnv, options.env);
  const run: StackRun = {
    manifest,
    context,
    runner,
    captured: new Map(),
    missing: { lenient: runner.dryRun, names: new Set() },
    showQueries: options.showQueries ?? false,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
  try {
    const mask = (text: string) => runner.mask(text);
    if (command === 'plan') return { outcomes: [], exports: {}, writes: 0, plan: await plan(run, options.db), mask };
    const outcomes = command === 'build' ? await build(run, options.onFailure ?? 'error') : command === 'test' ? await test(run) : await teardown(run, options.onFailure ?? 'error');
    const exports = command === 'teardown' ? {} : stackExports(run, options.outputFile);
    return { outcomes, exports: JSON.parse(runner.mask(JSON.stringify(exports))) as Record<string, unknown>, writes: runner.writes, mask };
  } catch (error) {
    // A message can quote SQL or a value: what must not reach the terminal is masked here too.
    if (error instanceof Error) error.message = runner.mask(error.message);
    throw error;
  }
}

/** The manifest's `exports`, as stackql-deploy writes them to --output-file (values unmasked there). */
function stackExports(run: StackRun, outputFile: string | undefined): Record<string, unknown> {
  if (run.manifest.exports.length === 0 && outputFile === undefined) return {};
  const exports: Record<string, unknown> = { stack_name: run.manifest.name, stack_env: run.context.stackEnv };
  for (const name of run.manifest.exports) {
    const value = run.context.exported(name);
    if (value === undefined) {
      if (run.runner.dryRun) continue;
      throw deployFailed(name, `the manifest's stack exports name ${name}, which no resource exported`);
    }
    exports[name] = value;
  }
  if (outputFile !== undefined && !run.runner.dryRun) {
    mkdirSync(dirname(outputFile), { recursive: true });
    writeFileSync(outputFile, `${JSON.stringify(exports, null, 2)}\n`);
  }
  return exports;
}
