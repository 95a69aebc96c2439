/**
 * `build`: each resource in manifest order is read (`exists`, `statecheck`), then created, updated or
 * left alone, then checked and its exports recorded, as stackql-deploy-rs's run_build does; where that
 * flow hurts its users, on purpose otherwise:
 * - a write is waited for (ccsql's writes are), so the statecheck after it runs on a finished
 *   resource; its retries only cover reads that lag a write;
 * - the state check before a write runs once (a drifted resource does not wait out its retries);
 * - without an `exists` anchor, a failed statecheck is not taken as "absent" (which created a drifted
 *   resource a second time): an `exports` query that finds the resource makes it an update;
 * - a `createorupdate` whose statecheck passes is not sent again;
 * - `--on-failure rollback` deletes what this run created, newest first; `ignore` goes on.
 */
import { isCcsqlError } from '../index.js';
import { anchorFor, type Anchor } from './anchors.js';
import { evaluateCondition } from './condition.js';
import { deployFailed } from './errors.js';
import type { ResourceDef } from './manifest.js';
import type { Row } from './runner.js';
import { recordExports, varsOf, type Outcome, type StackRun } from './stack.js';

export type OnFailure = 'error' | 'ignore' | 'rollback';

export async function build(run: StackRun, onFailure: OnFailure): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const created: ResourceDef[] = [];
  for (const resource of run.manifest.resources) {
    try {
      const action = await buildOne(run, resource);
      if (action === 'created') created.push(resource);
      outcomes.push({ resource: resource.name, action });
    } catch (error) {
      named(error, resource.name);
      if (onFailure === 'ignore') {
        run.runner.log(`${resource.name}: failed, going on (--on-failure ignore): ${(error as Error).message}`);
        outcomes.push({ resource: resource.name, action: 'failed' });
        continue;
      }
      if (onFailure === 'rollback' && !run.runner.dryRun) await rollback(run, created);
      throw error;
    }
  }
  return outcomes;
}

/** A failure from below (a write Cloud Control refused) says which resource it was. */
export function named(error: unknown, resource: string): void {
  if (error instanceof Error && !error.message.startsWith(`Resource ${resource}:`) && !(isCcsqlError(error) && error.code === 'DEPLOY_INPUT')) error.message = `Resource ${resource}: ${error.message}`;
}

async function buildOne(run: StackRun, resource: ResourceDef): Promise<Outcome['action']> {
  const { runner } = run;
  const captured: Row = {};
  run.captured.set(resource.name, captured);
  const vars = () => varsOf(run, resource, captured);
  if (resource.condition && !evaluateCondition(renderIf(run, resource, vars()), run.manifest.file, resource.condition.line)) {
    runner.log(`${resource.name}: skipped (if is false)`);
    return 'skipped';
  }
  if (resource.type === 'script') throw deployFailed(resource.name, 'type script is not built yet in ccsql deploy');
  if (resource.type === 'query') {
    await recordExports(run, resource, captured, 1);
    runner.log(`${resource.name}: queried`);
    return 'queried';
  }
  if (resource.type === 'command') {
    const anchor = resource.anchors.get('command');
    if (anchor) await runner.write(resource.name, anchor, runner.renderStrict(anchor, vars()));
    runner.log(`${resource.name}: command ran`);
    return 'ran';
  }
  const a = resource.anchors;
  let action: Outcome['action'] = 'unchanged';
  let wrote: Anchor | undefined;
  const createOrUpdate = a.get('createorupdate');
  if (createOrUpdate && (await alreadyInState(run, resource, captured))) {
    action = 'unchanged';
  } else if (createOrUpdate) {
    await write(run, resource, createOrUpdate, captured);
    wrote = createOrUpdate;
    action = 'applied';
  } else {
    const present = await isPresent(run, resource, captured);
    if (!present) {
      await write(run, resource, a.get('create')!, captured);
      wrote = a.get('create');
      action = 'created';
    } else if (!resource.skipValidation && a.has('statecheck') && !(await runner.check(resource.name, a.get('statecheck')!, runner.renderStrict(a.get('statecheck')!, vars())))) {
      const update = a.get('update');
      if (!update) throw deployFailed(resource.name, 'it exists but is not in its desired state, and its .iql has no /*+ update */ section to change it');
      await write(run, resource, update, captured);
      wrote = update;
      action = 'updated';
    }
  }
  if (wrote && !runner.dryRun) await postDeploy(run, resource, captured, wrote.key === 'update' ? 'update' : 'create');
  if (runner.dryRun && wrote) runner.log(`${resource.name}: would be ${action === 'created' ? 'created' : action === 'updated' ? 'updated' : 'applied'} (dry run)`);
  else runner.log(`${resource.name}: ${action}`);
  if (!runner.dryRun || !wrote) await recordExports(run, resource, captured, a.get('exports')?.options.retries ?? 1);
  return action;
}

function renderIf(run: StackRun, resource: ResourceDef, vars: Record<string, unknown>): string {
  const condition = resource.condition!;
  return run.runner.renderStrict({ key: 'if', sql: condition.value, options: { retries: 1, retryDelay: 0 }, file: run.manifest.file, line: condition.line }, vars);
}

/**
 * A `createorupdate` resource whose statecheck already passes is left alone: stackql-deploy sends it
 * on every build, and a create of a resource that is there fails once the write is waited for.
 */
async function alreadyInState(run: StackRun, resource: ResourceDef, captured: Row): Promise<boolean> {
  const statecheck = resource.anchors.get('statecheck');
  if (!statecheck) return false;
  const rendered = run.runner.render(statecheck, varsOf(run, resource, captured));
  return rendered.unknown.length === 0 && (await run.runner.check(resource.name, statecheck, rendered.sql));
}

/** Present by `exists`; without one, by a passing statecheck or an exports query that finds a row. */
async function isPresent(run: StackRun, resource: ResourceDef, captured: Row): Promise<boolean> {
  const { runner } = run;
  const a = resource.anchors;
  const exists = a.get('exists');
  if (exists) {
    const found = await runner.exists(resource.name, exists, runner.renderStrict(exists, varsOf(run, resource, captured)));
    Object.assign(captured, found.captured);
    return found.present;
  }
  const statecheck = a.get('statecheck');
  if (statecheck && (await runner.check(resource.name, statecheck, runner.renderStrict(statecheck, varsOf(run, resource, captured))))) return true;
  const exports = a.get('exports');
  if (!exports) return false;
  const rows = await runner.read(resource.name, exports, runner.renderStrict(exports, varsOf(run, resource, captured)));
  return rows.length > 0;
}

/** Sends a write (waited for), keeping its RETURNING row as `this.callback` and its `return_vals`. */
async function write(run: StackRun, resource: ResourceDef, anchor: Anchor, captured: Row): Promise<void> {
  const { runner } = run;
  const vars = varsOf(run, resource, captured);
  const sql = runner.dryRun ? runner.render(anchor, vars).sql : runner.renderStrict(anchor, vars);
  if (runner.dryRun && !run.showQueries) runner.log(`-- ${resource.name} /*+ ${anchor.key} */ (dry run)\n${sql}`);
  if (runner.dryRun && sql.includes('<unknown>')) return;
  const { rows } = await runner.write(resource.name, anchor, sql);
  const row = rows[0];
  if (runner.dryRun || !row) return;
  captured.callback = row;
  const operation = anchor.key === 'update' ? 'update' : 'create';
  for (const { column, name } of resource.returnVals[operation] ?? []) {
    const value = row[column];
    if (value === undefined || value === null || value === '') throw deployFailed(resource.name, `return_vals names ${column}, which the ${operation}'s RETURNING row does not hold`);
    captured[name] = value;
  }
}

/** After a write: find the resource again (capturing `this`), then its statecheck with the anchor's retries. */
async function postDeploy(run: StackRun, resource: ResourceDef, captured: Row, operation: 'create' | 'update'): Promise<void> {
  const { runner } = run;
  const a = resource.anchors;
  const statecheck = a.get('statecheck');
  const attempts = statecheck?.options.retries ?? a.get('exists')?.options.retries ?? 1;
  const exists = a.get('exists');
  if (exists) {
    let found = await runner.exists(resource.name, exists, runner.renderStrict(exists, varsOf(run, resource, captured)));
    for (let attempt = 1; !found.present && attempt < attempts; attempt += 1) {
      await run.sleep((statecheck ?? exists).options.retryDelay * 1000);
      found = await runner.exists(resource.name, exists, runner.renderStrict(exists, varsOf(run, resource, captured)));
    }
    if (!found.present) return failAfter(run, resource, captured, operation, `its exists query does not find it after the ${operation}`);
    Object.assign(captured, found.captured);
  }
  if (statecheck && !(await runner.check(resource.name, statecheck, runner.renderStrict(statecheck, varsOf(run, resource, captured)), attempts))) {
    return failAfter(run, resource, captured, operation, `its statecheck still fails after the ${operation}`);
  }
}

/** Runs the `troubleshoot` anchor for the log, then fails. */
async function failAfter(run: StackRun, resource: ResourceDef, captured: Row, operation: 'create' | 'update', what: string): Promise<never> {
  const troubleshoot = anchorFor(resource.anchors, 'troubleshoot', operation);
  if (troubleshoot) {
    const rendered = run.runner.render(troubleshoot, varsOf(run, resource, captured));
    if (rendered.unknown.length === 0) {
      const rows = await run.runner.read(resource.name, troubleshoot, rendered.sql).catch((error: Error) => [{ error: error.message }]);
      run.runner.log(`${resource.name} troubleshoot:\n${JSON.stringify(rows, null, 2)}`);
    }
  }
  throw deployFailed(resource.name, what);
}

/** Deletes what this run created, newest first; a delete that fails is reported and the rest go on. */
async function rollback(run: StackRun, created: readonly ResourceDef[]): Promise<void> {
  for (const resource of [...created].reverse()) {
    const del = resource.anchors.get('delete');
    if (!del) {
      run.runner.log(`${resource.name}: not rolled back: its .iql has no /*+ delete */ section`);
      continue;
    }
    try {
      await run.runner.write(resource.name, del, run.runner.renderStrict(del, varsOf(run, resource, run.captured.get(resource.name) ?? {})));
      run.runner.log(`${resource.name}: rolled back (deleted)`);
    } catch (error) {
      run.runner.log(`${resource.name}: rollback failed: ${(error as Error).message}`);
    }
  }
}
