import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startEmulator } from '../src/emulator/index.js';
import { open } from '../src/index.js';
import { imageArn, ROLE } from './support/writes.js';

async function fixture(t: { after: (fn: () => Promise<void>) => void }) {
  const emulator = await startEmulator({ port: 0, asyncPolls: 2 });
  const dir = mkdtempSync(join(tmpdir(), 'ccsql-resume-'));
  t.after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const file = join(dir, 'db.sqlite');
  const openFile = (extra = {}) => open({ region: 'us-east-1', endpointUrl: emulator.url, file, credentials: { accessKeyId: 'AKID', secretAccessKey: 'x' }, resume: true, ...extra });
  return { emulator, file, openFile };
}

test('opening the file again polls an unfinished request by its RequestToken and sends nothing new', async (t) => {
  const { emulator, openFile } = await fixture(t);
  const first = await openFile({ nowait: true });
  await first.execute(`INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ('later', '${ROLE}')`);
  const [pending] = await first.query<{ status: string; request_token: string }>('SELECT status, request_token FROM ccsql_requests');
  assert.equal(pending!.status, 'IN_PROGRESS');
  await first.close();
  emulator.clearCalls();

  const second = await openFile();
  t.after(() => second.close());
  assert.deepEqual(emulator.calls.map((c) => [c.op, c.body.RequestToken]), Array(3).fill(['GetResourceRequestStatus', pending!.request_token]));
  const [done] = await second.query('SELECT status, identifier, finished_at FROM ccsql_requests');
  assert.equal(done!.status, 'SUCCESS');
  assert.equal(done!.identifier, imageArn('later'));
  assert.notEqual(done!.finished_at, null);
});

test('a change journaled but never sent is sent on open with the ClientToken persisted for it', async (t) => {
  const { emulator, openFile } = await fixture(t);
  const first = await openFile();
  const token = '0f0e0d0c-0b0a-4909-8807-060504030201';
  first.sqlite
    .prepare(
      `INSERT INTO ccsql_requests (statement_id, type_name, table_name, region, operation, desired_state, client_token, created_at, updated_at)
       VALUES (1, 'AWS::SageMaker::Image', 'awscc.sagemaker.images', 'us-east-1', 'CREATE', ?, ?, '2026-08-07T00:00:00Z', '2026-08-07T00:00:00Z')`,
    )
    .run(JSON.stringify({ ImageName: 'queued', ImageRoleArn: ROLE }), token);
  await first.close();

  const second = await openFile();
  t.after(() => second.close());
  const create = emulator.calls.find((c) => c.op === 'CreateResource')!;
  assert.deepEqual(create.body, { TypeName: 'AWS::SageMaker::Image', DesiredState: JSON.stringify({ ImageName: 'queued', ImageRoleArn: ROLE }), ClientToken: token });
  const [row] = await second.query('SELECT status FROM ccsql_requests');
  assert.equal(row!.status, 'SUCCESS');

  // Sent again with the same token (a crash after the send, before its answer was journaled): no second resource.
  second.sqlite.prepare("UPDATE ccsql_requests SET status = 'QUEUED', request_token = NULL, finished_at = NULL").run();
  emulator.clearCalls();
  const report = await second.resume();
  assert.deepEqual(report, { resumed: 1, succeeded: 1, failed: 0, pending: 0 });
  assert.equal(emulator.calls[0]!.body.ClientToken, token);
  const listed = await second.query("SELECT image_arn FROM awscc.sagemaker.images_list_only WHERE region = 'us-east-1'");
  assert.deepEqual(listed, [{ image_arn: imageArn('queued') }]);
});

test('open({ resume: false }) leaves unfinished changes alone', async (t) => {
  const { emulator, openFile } = await fixture(t);
  const first = await openFile({ nowait: true });
  await first.execute(`INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ('x', '${ROLE}')`);
  await first.close();
  emulator.clearCalls();
  const second = await openFile({ resume: false });
  t.after(() => second.close());
  assert.deepEqual(emulator.calls, []);
});

test('cancelling a write while it waits raises CANCELLED and keeps the change for the next session', async (t) => {
  const emulator = await startEmulator({ port: 0, asyncPolls: 5, retryAfterMs: 60_000 });
  const db = await open({ region: 'us-east-1', endpointUrl: emulator.url, credentials: { accessKeyId: 'AKID', secretAccessKey: 'x' } });
  t.after(async () => {
    await db.close();
    await emulator.close();
  });
  const controller = new AbortController();
  const running = db.execute(`INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ('slow', '${ROLE}')`, [], { signal: controller.signal });
  // A status poll shows the create's answer was read and journaled: the write is waiting on its request.
  while (!emulator.calls.some((c) => c.op === 'GetResourceRequestStatus' && c.endSeq !== undefined)) await new Promise((r) => setImmediate(r));
  controller.abort();
  await assert.rejects(running, (e: unknown) => (e as { code?: string }).code === 'CANCELLED');
  const [row] = await db.query<{ status: string; finished_at: string | null }>('SELECT status, finished_at FROM ccsql_requests');
  assert.equal(row!.status, 'IN_PROGRESS');
  assert.equal(row!.finished_at, null);
});

test("a journaled write is resumed in its own account, and a session without that account says so", async (t) => {
  const emulator = await startEmulator({ port: 0, asyncPolls: 2 });
  const dir = mkdtempSync(join(tmpdir(), 'ccsql-resume-accounts-'));
  t.after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const file = join(dir, 'db.sqlite');
  const base = { region: 'us-east-1', endpointUrl: emulator.url, file, credentials: { accessKeyId: '111111111111', secretAccessKey: 'x' }, roleArn: 'arn:aws:iam::{account}:role/Audit', resume: true };
  const first = await open({ ...base, accounts: ['111111111111', '222222222222'], nowait: true });
  await first.execute(`INSERT INTO awscc.sagemaker.images (account_id, ImageName, ImageRoleArn) VALUES ('222222222222', 'later', '${ROLE}')`);
  assert.deepEqual(first.pendingWrites().map((p) => [p.operation, p.account]), [['CREATE', '222222222222']]);
  await first.close();

  // A session that has only the other account cannot reach it: the write stays journaled.
  await assert.rejects(open({ ...base, accounts: ['111111111111', '333333333333'] }), (e: Error & { code?: string }) => e.code === 'ACCOUNT_NOT_CONFIGURED' && /222222222222/.test(e.message));
  emulator.clearCalls();
  const second = await open({ ...base, accounts: ['111111111111', '222222222222'] });
  t.after(() => second.close());
  assert.deepEqual([...new Set(emulator.calls.filter((c) => c.op === 'GetResourceRequestStatus').map((c) => c.account))], ['222222222222']);
  const [done] = await second.query('SELECT status, account_id FROM ccsql_requests');
  assert.deepEqual(done, { status: 'SUCCESS', account_id: '222222222222' });
});
