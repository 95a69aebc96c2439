/**
 * Runs one statement shape of bench/shapes.ts against an endpoint on a fresh database (so no shape
 * profits from another's listings) and returns the Cloud Control and STS calls it made, in arrival order.
 */
import { performance } from 'node:perf_hooks';
import { open } from '../src/index.js';
import { DEFAULT_ACCOUNT_ID, type Emulator } from '../src/emulator/index.js';
import { AUDIT, MGMT, shapesSeed, type Shape } from './shapes.js';

export interface ShapeRun {
  /** `Op Type Identifier-or-model-or-role [account] region` of each call, `+page` on a page after the first. */
  readonly calls: readonly string[];
  readonly rows: number;
  /** How many rounds of calls ccsql took (docs/architecture.md). */
  readonly rounds: number;
  readonly wallMs: number;
}

export function describeCall(call: { op: string; region: string; account?: string; body: Record<string, unknown> }): string {
  const b = call.body as { TypeName?: string; Identifier?: string; ResourceModel?: string; NextToken?: string; RoleArn?: string };
  const what = b.Identifier ?? b.ResourceModel ?? b.RoleArn ?? '';
  const page = b.NextToken ? ' +page' : '';
  const account = call.account && call.account !== DEFAULT_ACCOUNT_ID ? call.account : '';
  return [call.op, b.TypeName ?? '', what, account, call.region].filter(Boolean).join(' ') + page;
}

/**
 * The endpoint's settings for the shapes: a write settles on its first status poll, which its
 * IN_PROGRESS event's RetryAfter asks for at once, so a write's time is its calls rather than a
 * handler's work (or ccsql's one-second first poll without a RetryAfter); the latency is the bench's
 * (none in the test).
 */
export const shapesEndpoint = (latencyMs = 0) => ({ port: 0, seed: shapesSeed(), latencyMs, retryAfterMs: 0, asyncPolls: 0 });

export async function runShape(emulator: Emulator, shape: Shape): Promise<ShapeRun> {
  const credentials = shape.accounts ? { accessKeyId: MGMT, secretAccessKey: 'x' } : { accessKeyId: 'AKIDSHAPES', secretAccessKey: 'x' };
  const db = await open({
    region: 'us-east-1',
    endpointUrl: emulator.url,
    credentials,
    ...(shape.accounts ? { roleArn: AUDIT } : {}),
    ...shape.open,
  });
  try {
    // The first call of a database loads the SDK's credential and HTTP machinery: time warm calls
    // (not where accounts are read through roles, as it would assume them before the statement).
    if (!shape.accounts) await db.query("SELECT 1 FROM awscc.sagemaker.images WHERE Identifier = 'arn:aws:sagemaker:us-east-1:123456789012:image/warm'");
    emulator.clearCalls();
    const started = performance.now();
    const result = await db.execute(shape.sql, [], { dryRun: shape.dryRun ?? false, confirm: () => true });
    const wallMs = performance.now() - started;
    const calls = emulator.calls.map(describeCall);
    emulator.clearCalls();
    return { calls, rows: result.rows.length, rounds: result.rounds, wallMs };
  } finally {
    await db.close();
  }
}
