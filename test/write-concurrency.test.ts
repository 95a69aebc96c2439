import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCcsqlError } from '../src/index.js';
import { peakInFlight } from '../src/emulator/index.js';
import { GATE_TIMEOUT, openWhenHeld } from './support/gate.js';
import { testSeed } from './support/random.js';
import { imageArn, ROLE, takeCalls, writeSession } from './support/writes.js';

const values = (names: string[]) => names.map((n) => `('${n}', '${ROLE}')`).join(', ');
const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);

test('a FAILED change (AlreadyExists) raises ALREADY_EXISTS with its ErrorCode and StatusMessage, and every row is still reported', async (t) => {
  const s = await writeSession({ resources: [{ TypeName: 'AWS::SageMaker::Image', Region: 'us-east-1', Properties: { ImageName: 'taken', ImageRoleArn: ROLE } }] });
  t.after(() => s.close());
  const error = await s.db.execute(`INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ${values(['fresh', 'taken', 'other'])} RETURNING Identifier, OperationStatus, ErrorCode`).then(
    () => assert.fail('expected ALREADY_EXISTS'),
    (e: unknown) => e,
  );
  assert.ok(isCcsqlError(error));
  assert.equal(error.code, 'ALREADY_EXISTS');
  assert.equal(error.details.errorCode, 'AlreadyExists');
  assert.match(String(error.details.statusMessage), /taken/);
  assert.deepEqual(error.details.rows, [
    { Identifier: imageArn('fresh'), OperationStatus: 'SUCCESS', ErrorCode: null },
    { Identifier: null, OperationStatus: 'FAILED', ErrorCode: 'AlreadyExists' },
    { Identifier: imageArn('other'), OperationStatus: 'SUCCESS', ErrorCode: null },
  ]);
  const journal = await s.db.query('SELECT status, error_code FROM ccsql_requests ORDER BY id');
  assert.deepEqual(journal, [
    { status: 'SUCCESS', error_code: null },
    { status: 'FAILED', error_code: 'AlreadyExists' },
    { status: 'SUCCESS', error_code: null },
  ]);
});

test('a synchronous refusal (UpdateResource of a resource gone since the read) fails its row for good', async (t) => {
  const s = await writeSession({ resources: [{ TypeName: 'AWS::SageMaker::Image', Region: 'us-east-1', Properties: { ImageName: 'a', ImageRoleArn: ROLE } }] });
  t.after(() => s.close());
  const where = `WHERE region = 'us-east-1' AND Identifier = '${imageArn('a')}'`;
  const caller = { account: '123456789012', region: 'us-east-1' } as never;
  // Another tool deletes the resource right after the UPDATE has read it.
  const service = s.emulator.service;
  const handle = service.handle.bind(service);
  let deleted = false;
  service.handle = ((op: string, body: Record<string, unknown>, who: never) => {
    const answer = handle(op as never, body as never, who);
    if (op === 'GetResource' && !deleted) {
      deleted = true;
      const { ProgressEvent: gone } = handle('DeleteResource' as never, { TypeName: 'AWS::SageMaker::Image', Identifier: imageArn('a') } as never, caller) as { ProgressEvent: { RequestToken: string } };
      for (let i = 0; i < 2; i += 1) handle('GetResourceRequestStatus' as never, { RequestToken: gone.RequestToken } as never, caller);
    }
    return answer;
  }) as typeof service.handle;
  takeCalls(s);
  const error = await s.db.execute(`UPDATE awscc.sagemaker.images SET image_description = 'x' ${where} RETURNING OperationStatus, ErrorCode`).then(
    () => assert.fail('expected WRITE_FAILED'),
    (e: unknown) => e,
  );
  assert.ok(isCcsqlError(error));
  assert.equal(error.code, 'WRITE_FAILED');
  assert.deepEqual(error.details.rows, [{ OperationStatus: 'FAILED', ErrorCode: 'ResourceNotFoundException' }]);
  assert.deepEqual(takeCalls(s).map((c) => [c.op, c.error]), [['GetResource', undefined], ['UpdateResource', 'ResourceNotFoundException']]);
  const [row] = await s.db.query('SELECT status, error_code, finished_at FROM ccsql_requests');
  assert.equal(row!.status, 'FAILED');
  assert.equal(row!.error_code, 'ResourceNotFoundException');
  assert.notEqual(row!.finished_at, null);
});

test('many creates run concurrently, within a concurrency cap of 10 calls in flight', GATE_TIMEOUT, async (t) => {
  const s = await writeSession(undefined, { concurrency: 10 }, { asyncPolls: 1 });
  t.after(() => s.close());
  // Ten creates held at once fill the cap; an eleventh sent before the gate opens would be held too.
  const gate = s.emulator.gate(['CreateResource']);
  await openWhenHeld(gate, 10, s.db.execute(`INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ${values(names(30, 'c'))}`));
  const calls = s.emulator.calls;
  assert.equal(peakInFlight(calls.filter((c) => c.op === 'CreateResource')), 10);
  assert.ok(peakInFlight(calls) <= 10, `peak concurrency ${peakInFlight(calls)}`);
  assert.equal(calls.filter((c) => c.op === 'CreateResource').length, 30);
});

test('under 30% throttling of every operation each resource is created exactly once', async (t) => {
  const s = await writeSession({ resources: [] }, {}, { throttleRate: 0.3, asyncPolls: 2, randomSeed: testSeed(t) });
  t.after(() => s.close());
  const wanted = names(40, 'th');
  const result = await s.db.execute(`INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ${values(wanted)} RETURNING OperationStatus`);
  assert.deepEqual(new Set(result.rows.map((r) => r.OperationStatus)), new Set(['SUCCESS']));
  const calls = takeCalls(s);
  assert.ok(calls.some((c) => c.error === 'ThrottlingException'), 'the endpoint throttled');
  const accepted = calls.filter((c) => c.op === 'CreateResource' && !c.error);
  const byName = new Map<string, Set<string>>();
  for (const c of calls.filter((c) => c.op === 'CreateResource')) {
    const name = (c.body.DesiredState as { ImageName: string }).ImageName;
    byName.set(name, (byName.get(name) ?? new Set()).add(String(c.body.ClientToken)));
  }
  assert.equal(accepted.length, 40, 'one accepted CreateResource per resource');
  assert.ok([...byName.values()].every((tokens) => tokens.size === 1), 'retries reuse the ClientToken');
  s.emulator.setThrottleRate(0);
  const listed = await s.db.query("SELECT image_arn FROM awscc.sagemaker.images_list_only WHERE region = 'us-east-1'");
  assert.equal(listed.length, 40);
});
