/**
 * One run over a stack: the manifest, its context, the runner, and what each resource captured
 * (`this`), shared by build, test, teardown and plan.
 */
import type { StackContext, Missing } from './context.js';
import { deployFailed } from './errors.js';
import type { Manifest, ResourceDef } from './manifest.js';
import type { Row, Runner } from './runner.js';

export interface StackRun {
  readonly manifest: Manifest;
  readonly context: StackContext;
  readonly runner: Runner;
  /** `this` of each resource seen so far. */
  readonly captured: Map<string, Row>;
  readonly missing: Missing;
  readonly showQueries: boolean;
  readonly sleep: (ms: number) => Promise<void>;
}

export interface Outcome {
  readonly resource: string;
  readonly action: 'created' | 'updated' | 'unchanged' | 'applied' | 'queried' | 'ran' | 'skipped' | 'failed' | 'deleted' | 'absent' | 'passed';
}

export function varsOf(run: StackRun, resource: ResourceDef, captured: Readonly<Row>): Record<string, unknown> {
  return run.context.resourceVars(resource, captured, run.missing);
}

/**
 * Runs a resource's `exports` and records the manifest's exports (plain and as `resource.name`);
 * a listed column the row lacks is an error here (stackql-deploy stores "" and goes on). In a dry
 * run, an exports query that needs values not known yet is left out, and so are its exports.
 */
export async function recordExports(run: StackRun, resource: ResourceDef, captured: Row, attempts: number): Promise<void> {
  const anchor = resource.anchors.get('exports');
  if (resource.exports.length === 0) return;
  if (!anchor) throw deployFailed(resource.name, `the manifest lists exports (${resource.exports.map((e) => e.name).join(', ')}) but its .iql has no /*+ exports */ section`);
  const rendered = run.runner.render(anchor, varsOf(run, resource, captured));
  if (rendered.unknown.length > 0) {
    if (run.missing.lenient) return;
    run.runner.renderStrict(anchor, varsOf(run, resource, captured));
  }
  const row = await run.runner.exportRow(resource.name, anchor, rendered.sql, attempts);
  for (const { column, name } of resource.exports) {
    if (!(column in row)) throw deployFailed(resource.name, `its exports query returns no column ${column} (it returns ${Object.keys(row).join(', ')})`);
    if (resource.protected.includes(name) || resource.protected.includes(column)) run.runner.secret(row[column]);
    run.context.setExport(resource.name, name, row[column]);
  }
}
