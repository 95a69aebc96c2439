/**
 * Opening a database file sends nothing the user did not ask for and changes no file that is not
 * ccsql's: unfinished writes are listed and need a yes (or --resume), a dry run never sends, a
 * request stuck in progress does not hold the open, a foreign file is only read until adopted, and a
 * read-only file is read.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { startEmulator } from '../src/emulator/index.js';
import { open, type CcsqlError, type OpenOptions, type PendingWrite } from '../src/index.js';
import { runCli, SKIP_UNBUILT } from './support/cli.js';
import { VirtualTimers } from './support/virtual-timers.js';
import { ROLE } from './support/writes.js';

/** The application_id ccsql marks its files with: "ccsq". */
const CCSQL_FILE = 0x63637371;
const INSERT = `INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ('later', '${ROLE}')`;

async function fixture(t: { after: (fn: () => Promise<void>) => void }, asyncPolls = 2, retryAfterMs = 0) {
  const emulator = await startEmulator({ port: 0, asyncPolls, retryAfterMs });
  const dir = mkdtempSync(join(tmpdir(), 'ccsql-open-'));
  t.after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const file = join(dir, 'db.sqlite');
  const openFile = (extra: Partial<OpenOptions> = {}) => open({ region: 'us-east-1', endpointUrl: emulator.url, file, credentials: { accessKeyId: 'AKID', secretAccessKey: 'x' }, ...extra });
  const leavePending = async () => {
    const first = await openFile({ nowait: true });
    await first.execute(INSERT);
    await first.close();
    emulator.clearCalls();
  };
  return { emulator, file, dir, openFile, leavePending };
}

test('a file with unfinished writes does not open unless the caller says what to do with them', async (t) => {
  const { emulator, openFile, leavePending } = await fixture(t);
  await leavePending();
  await assert.rejects(openFile(), (e: CcsqlError) => {
    const pending = e.details.pending as PendingWrite[];
    return e.code === 'UNFINISHED_WRITES' && pending.length === 1 && pending[0]!.operation === 'CREATE' && pending[0]!.table === 'awscc.sagemaker.images' && /CREATE awscc\.sagemaker\.images .* in us-east-1, IN_PROGRESS, journaled \d+ s ago/.test(e.message);
  });
  assert.equal(emulator.calls.length, 0);

  let asked: readonly PendingWrite[] = [];
  const declined = await openFile({ resume: (pending) => ((asked = pending), false) });
  assert.equal(asked.length, 1);
  assert.equal(asked[0]!.status, 'IN_PROGRESS');
  assert.ok(asked[0]!.ageMs >= 0);
  assert.equal(emulator.calls.length, 0);
  assert.equal(declined.pendingWrites().length, 1);
  await declined.close();

  const accepted = await openFile({ resume: () => true });
  t.after(() => accepted.close());
  assert.deepEqual([...new Set(emulator.calls.map((c) => c.op))], ['GetResourceRequestStatus']);
  assert.deepEqual(accepted.pendingWrites(), []);
});

test('a request stuck in progress holds an open for at most resumeWaitMs and stays journaled', async (t) => {
  const { openFile, leavePending } = await fixture(t, 1_000_000, 5_000);
  await leavePending();
  const timers = new VirtualTimers();
  const started = timers.now();
  const db = await timers.drive(openFile({ resume: true, timers }));
  t.after(() => db.close());
  const waited = timers.now() - started;
  assert.ok(waited >= 30_000 && waited < 45_000, `waited ${waited} ms`);
  assert.deepEqual(db.pendingWrites().map((p) => p.status), ['IN_PROGRESS']);
});

test('a file ccsql did not create is read, never changed, until it is adopted', async (t) => {
  const { emulator, file, openFile } = await fixture(t);
  const other = new BetterSqlite3(file);
  other.exec("CREATE TABLE notes (image_name TEXT); INSERT INTO notes VALUES ('kept')");
  other.close();
  const schema = () => {
    const db = new BetterSqlite3(file, { readonly: true });
    const names = db.prepare('SELECT name FROM sqlite_master ORDER BY name').pluck().all();
    const id = db.pragma('application_id', { simple: true });
    db.close();
    return { names, id };
  };
  const db = await openFile();
  assert.deepEqual(await db.query('SELECT image_name FROM notes'), [{ image_name: 'kept' }]);
  await assert.rejects(db.execute(INSERT), (e: CcsqlError) => e.code === 'JOURNAL_UNAVAILABLE' && /not created by ccsql/.test(e.message));
  await db.close();
  assert.deepEqual(schema(), { names: ['notes'], id: 0 });
  assert.deepEqual(emulator.calls.filter((c) => c.op === 'CreateResource'), []);

  // Adopting marks the file as ccsql's (its application_id) and adds the journal, before any write.
  const journaled = ['ccsql_request_attempts', 'ccsql_requests', 'ccsql_requests_unfinished', 'notes', 'sqlite_autoindex_ccsql_request_attempts_1'];
  const adopted = await openFile({ adopt: async () => true });
  await adopted.close();
  assert.deepEqual(schema(), { names: journaled, id: CCSQL_FILE });

  // Adopted once is ccsql's from then on: the question is not asked again, and a write goes through.
  let asked = 0;
  const again = await openFile({ adopt: () => ((asked += 1), false) });
  await again.execute(INSERT);
  await again.close();
  assert.equal(asked, 0);
  assert.deepEqual(schema(), { names: journaled, id: CCSQL_FILE });
  assert.deepEqual(emulator.calls.filter((c) => c.op === 'CreateResource').map((c) => JSON.parse(String(c.body.DesiredState)).ImageName), ['later']);
});

test('a read-only file with an unfinished write is read; writes to resources say why they cannot run', async (t) => {
  const { emulator, openFile, leavePending } = await fixture(t);
  await leavePending();
  emulator.seed({ resources: [{ TypeName: 'AWS::SageMaker::Image', Region: 'us-east-1', Properties: { ImageName: 'seen', ImageRoleArn: ROLE } }] });
  const db = await openFile({ readonly: true });
  t.after(() => db.close());
  assert.deepEqual(await db.query("SELECT operation, status FROM ccsql_requests"), [{ operation: 'CREATE', status: 'IN_PROGRESS' }]);
  // The pending create is not done yet (asyncPolls), so only the seeded image is listed.
  assert.deepEqual(await db.query("SELECT image_arn FROM awscc.sagemaker.images_list_only WHERE region = 'us-east-1'"), [{ image_arn: 'arn:aws:sagemaker:us-east-1:123456789012:image/seen' }]);
  await assert.rejects(db.execute(INSERT), (e: CcsqlError) => e.code === 'JOURNAL_UNAVAILABLE' && /read-only/.test(e.message));
  assert.deepEqual(emulator.calls.filter((c) => c.op !== 'ListResources'), []);
});

test('the command: a dry run never resends, a plain run lists what is pending, --resume says what it resumes', { skip: SKIP_UNBUILT }, async (t) => {
  const { emulator, file, leavePending } = await fixture(t);
  await leavePending();
  const aws = ['--endpoint-url', emulator.url, '-r', 'us-east-1', '--db', file];
  const dry = await runCli([...aws, '--dry-run', '-o', 'json', 'SELECT 1 AS one']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stderr, /1 unfinished write .*not sent \(--dry-run\)/);
  assert.equal(emulator.calls.length, 0);
  const plain = await runCli([...aws, 'SELECT 1 AS one']);
  assert.equal(plain.code, 1);
  assert.match(plain.stderr, /^Error: .* holds 1 unfinished write .*CREATE awscc\.sagemaker\.images.*--resume/);
  assert.equal(emulator.calls.length, 0);
  const resumed = await runCli([...aws, '--resume', '-o', 'json', 'SELECT 1 AS one']);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stderr, /Resuming 1 unfinished write:\n {2}CREATE awscc\.sagemaker\.images/);
  assert.ok(emulator.calls.some((c) => c.op === 'GetResourceRequestStatus'));
});
