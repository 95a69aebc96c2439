/**
 * `plan`: what a build would do, read-only. Each resource's `exists`, `statecheck` and `exports` run
 * against live state (every statement `readOnly`); an update anchor runs as a dry run, and its
 * patch is set against the live model (the table's `resource_model`), property by property, a
 * create-only property marked as a replacement. A resource whose statements need a value that does
 * not exist yet (an id its upstream's create would return) is `unknown`, as Terraform's "known after
 * apply". Read, decide, act are separate: nothing here writes.
 */
import { isDeepStrictEqual } from 'node:util';
import type { CcsqlDatabase } from '../index.js';
import type { Anchor } from './anchors.js';
import type { ResourceDef } from './manifest.js';
import type { Row } from './runner.js';
import { recordExports, varsOf, type StackRun } from './stack.js';

export const PLAN_ACTIONS = ['create', 'update', 'no-change', 'unknown', 'skip'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export interface PropertyChange {
  readonly property: string;
  readonly live: unknown;
  readonly desired: unknown;
  /** A create-only property: changing it replaces the resource. */
  readonly replacement: boolean;
}

export interface PlannedResource {
  readonly resource: string;
  readonly action: PlanAction;
  /** For `unknown`, the values it waits for; for `update` without a patch to read, why. */
  readonly reason?: string;
  readonly changes?: readonly PropertyChange[];
}

export async function plan(run: StackRun, db: CcsqlDatabase): Promise<PlannedResource[]> {
  const planned: PlannedResource[] = [];
  for (const resource of run.manifest.resources) {
    const captured: Row = {};
    run.captured.set(resource.name, captured);
    planned.push(await planOne(run, db, resource, captured));
  }
  return planned;
}

async function planOne(run: StackRun, db: CcsqlDatabase, resource: ResourceDef, captured: Row): Promise<PlannedResource> {
  const { runner } = run;
  const name = resource.name;
  if (resource.type === 'query') {
    await recordExports(run, resource, captured, 1);
    return { resource: name, action: 'no-change' };
  }
  if (resource.type !== 'resource' && resource.type !== 'multi') return { resource: name, action: 'skip', reason: `type ${resource.type} is not planned` };
  const rendered = (anchor: Anchor) => runner.render(anchor, varsOf(run, resource, captured));
  const exists = resource.anchors.get('exists');
  const statecheck = resource.anchors.get('statecheck');
  if (exists) {
    const sql = rendered(exists);
    if (sql.unknown.length > 0) return { resource: name, action: 'unknown', reason: waitsFor(sql.unknown) };
    const found = await runner.exists(name, exists, sql.sql);
    if (!found.present) return { resource: name, action: 'create' };
    Object.assign(captured, found.captured);
  } else if (!statecheck) {
    return { resource: name, action: 'unknown', reason: 'its .iql has neither exists nor statecheck to read it by' };
  }
  let inState = resource.skipValidation || !statecheck;
  if (!inState && statecheck) {
    const sql = rendered(statecheck);
    if (sql.unknown.length > 0) return { resource: name, action: 'unknown', reason: waitsFor(sql.unknown) };
    inState = await runner.check(name, statecheck, sql.sql);
    if (!inState && !exists) {
      const exportsAnchor = resource.anchors.get('exports');
      const found = exportsAnchor && rendered(exportsAnchor).unknown.length === 0 ? (await runner.read(name, exportsAnchor, rendered(exportsAnchor).sql)).length > 0 : false;
      if (!found) return { resource: name, action: 'create' };
    }
  }
  await recordExports(run, resource, captured, 1).catch(() => undefined);
  if (inState) return { resource: name, action: 'no-change' };
  const update = resource.anchors.get('update') ?? resource.anchors.get('createorupdate');
  if (!update) return { resource: name, action: 'update', reason: 'not in its desired state, and its .iql has no update anchor: build will fail' };
  const sql = rendered(update);
  if (sql.unknown.length > 0) return { resource: name, action: 'update', reason: `its update depends on ${sql.unknown.join(', ')}` };
  return { resource: name, action: 'update', changes: await propertyChanges(run, db, resource, update, sql.sql) };
}

/** The update's patch (from its dry run) set against the live model, one entry per property that differs. */
async function propertyChanges(run: StackRun, db: CcsqlDatabase, resource: ResourceDef, anchor: Anchor, sql: string): Promise<PropertyChange[]> {
  const { plan: calls } = await run.runner.write(resource.name, anchor, sql);
  const changes: PropertyChange[] = [];
  for (const call of calls) {
    if (call.operation !== 'UPDATE' || !call.identifier) continue;
    const [row] = await db.query(`SELECT resource_model FROM ${call.table} WHERE Identifier = ? AND region = ?`, [call.identifier, call.region], { readOnly: true });
    const live = JSON.parse(String(row?.resource_model ?? '{}')) as Record<string, unknown>;
    const createOnly = new Set(db.catalog.byTypeName(call.typeName)?.createOnly ?? []);
    for (const op of (call.document ?? []) as { op: string; path: string; value?: unknown }[]) {
      const property = op.path.replace(/^\//, '').split('/')[0]!.replace(/~1/g, '/').replace(/~0/g, '~');
      const desired = op.op === 'remove' ? undefined : op.value;
      const current = pointer(live, op.path);
      if (isDeepStrictEqual(current, desired)) continue;
      changes.push({ property: op.path.replace(/^\//, ''), live: current ?? null, desired: desired ?? null, replacement: createOnly.has(property) });
    }
  }
  return changes;
}

function pointer(document: unknown, path: string): unknown {
  let at = document;
  for (const raw of path.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The plan as people read it: one line a resource, then each changed property live → desired. */
export function planText(planned: readonly PlannedResource[], mask: (text: string) => string): string {
  const sign: Record<PlanAction, string> = { 'create': '+', 'update': '~', 'no-change': '=', 'unknown': '?', 'skip': ' ' };
  const lines: string[] = [];
  for (const p of planned) {
    lines.push(`${sign[p.action]} ${p.resource}: ${p.action}${p.reason ? ` (${p.reason})` : ''}`);
    for (const c of p.changes ?? []) lines.push(`    ${c.property}: ${JSON.stringify(c.live)} -> ${JSON.stringify(c.desired)}${c.replacement ? '  (create-only: replaces the resource)' : ''}`);
  }
  const count = (action: PlanAction) => planned.filter((p) => p.action === action).length;
  lines.push(`Plan: ${count('create')} to create, ${count('update')} to update, ${count('unknown')} unknown, ${count('no-change')} unchanged.`);
  return mask(`${lines.join('\n')}\n`);
}

function waitsFor(names: readonly string[]): string {
  return `depends on ${names.join(', ')}, which ${names.length === 1 ? 'does' : 'do'} not exist yet`;
}

export function hasChanges(planned: readonly PlannedResource[]): boolean {
  return planned.some((p) => p.action === 'create' || p.action === 'update' || p.action === 'unknown');
}
