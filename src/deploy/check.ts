/**
 * `test`: reads only (every statement runs `readOnly`), and fails at the first resource that does not
 * exist or differs from its desired state, naming it. The statecheck runs once: nothing was written,
 * so there is nothing to wait for (stackql-deploy retries it as after a write).
 */
import { deployFailed } from './errors.js';
import type { Row } from './runner.js';
import { recordExports, varsOf, type Outcome, type StackRun } from './stack.js';

export async function test(run: StackRun): Promise<Outcome[]> {
  const { runner } = run;
  const outcomes: Outcome[] = [];
  for (const resource of run.manifest.resources) {
    const captured: Row = {};
    run.captured.set(resource.name, captured);
    if (resource.type === 'command' || resource.type === 'script') continue;
    if (resource.type === 'resource' || resource.type === 'multi') {
      const exists = resource.anchors.get('exists');
      if (exists) {
        const found = await runner.exists(resource.name, exists, runner.renderStrict(exists, varsOf(run, resource, captured)));
        if (!found.present) throw deployFailed(resource.name, 'test failed: it does not exist');
        Object.assign(captured, found.captured);
      }
      const statecheck = resource.anchors.get('statecheck');
      if (!resource.skipValidation && statecheck && !(await runner.check(resource.name, statecheck, runner.renderStrict(statecheck, varsOf(run, resource, captured))))) {
        throw deployFailed(resource.name, 'test failed: it differs from its desired state (its statecheck does not pass)');
      }
    }
    await recordExports(run, resource, captured, 1);
    runner.log(`${resource.name}: passed`);
    outcomes.push({ resource: resource.name, action: 'passed' });
  }
  return outcomes;
}
