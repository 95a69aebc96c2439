/**
 * `teardown`: first each resource in manifest order is looked up and its exports recorded (the
 * deletes of later resources use them, as in stackql-deploy), then resources are deleted in reverse
 * manifest order, each delete waited for. A resource already gone is said so and passed over; a
 * resource whose lookup needs a value nothing exported (its upstream is gone) is taken as gone too.
 * `--on-failure ignore` goes on past a delete that fails and ends with exit 0, naming it.
 */
import { named, type OnFailure } from './build.js';
import { evaluateCondition } from './condition.js';
import { deployFailed } from './errors.js';
import type { ResourceDef } from './manifest.js';
import type { Row } from './runner.js';
import { recordExports, varsOf, type Outcome, type StackRun } from './stack.js';

export async function teardown(run: StackRun, onFailure: OnFailure): Promise<Outcome[]> {
  const present = new Map<string, boolean>();
  for (const resource of run.manifest.resources) present.set(resource.name, await collect(run, resource));
  const outcomes: Outcome[] = [];
  for (const resource of [...run.manifest.resources].reverse()) {
    if (resource.type !== 'resource' && resource.type !== 'multi') continue;
    const captured = run.captured.get(resource.name)!;
    if (resource.condition && !evaluateCondition(run.runner.renderStrict({ key: 'if', sql: resource.condition.value, options: { retries: 1, retryDelay: 0 }, file: run.manifest.file, line: resource.condition.line }, varsOf(run, resource, captured)), run.manifest.file, resource.condition.line)) continue;
    if (!present.get(resource.name)) {
      run.runner.log(`${resource.name}: absent, nothing to delete`);
      outcomes.push({ resource: resource.name, action: 'absent' });
      continue;
    }
    try {
      await remove(run, resource, captured);
      outcomes.push({ resource: resource.name, action: 'deleted' });
    } catch (error) {
      named(error, resource.name);
      if (onFailure !== 'ignore') throw error;
      run.runner.log(`${resource.name}: delete failed, going on (--on-failure ignore): ${(error as Error).message}`);
      outcomes.push({ resource: resource.name, action: 'failed' });
    }
  }
  return outcomes;
}

/** Whether the resource is there, capturing `this` and its exports when it is. */
async function collect(run: StackRun, resource: ResourceDef): Promise<boolean> {
  const captured: Row = {};
  run.captured.set(resource.name, captured);
  if (resource.type === 'script' || resource.type === 'command') return false;
  const exists = resource.anchors.get('exists');
  let found = true;
  if (exists) {
    const rendered = run.runner.render(exists, varsOf(run, resource, captured));
    if (rendered.unknown.length > 0) return false;
    const result = await run.runner.exists(resource.name, exists, rendered.sql);
    Object.assign(captured, result.captured);
    found = result.present;
  }
  if (found) await recordExports(run, resource, captured, 1).catch(() => undefined);
  return found;
}

/** The delete, with each `{column: alias}` export also under its column name (a shared .iql says `{{ subnet_id }}`). */
async function remove(run: StackRun, resource: ResourceDef, captured: Row): Promise<void> {
  const del = resource.anchors.get('delete');
  if (!del) throw deployFailed(resource.name, 'its .iql has no /*+ delete */ section');
  const vars = varsOf(run, resource, captured);
  const scoped = (vars[resource.name] ?? {}) as Record<string, unknown>;
  for (const { column, name } of resource.exports) if (column !== name && scoped[name] !== undefined) vars[column] = scoped[name];
  const sql = run.runner.dryRun ? run.runner.render(del, vars).sql : run.runner.renderStrict(del, vars);
  if (run.runner.dryRun && !run.showQueries) run.runner.log(`-- ${resource.name} /*+ delete */ (dry run)\n${sql}`);
  await run.runner.write(resource.name, del, sql);
  run.runner.log(`${resource.name}: ${run.runner.dryRun ? 'would be deleted (dry run)' : 'deleted'}`);
}
