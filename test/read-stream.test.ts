/**
 * db.iterate over a statement whose every row comes from one row of one listing gives its rows as the
 * pages arrive, a few pages ahead, with the rows and calls db.query makes. Progress is counted in
 * emulator calls seen when a row arrives, never in wall time.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CcsqlWarning } from '../src/index.js';
import type { SeedDocument } from '../src/emulator/index.js';
import { imageArn, imageEstate, session, type Session } from './support/session.js';

const LIST_ONLY = 'SELECT image_arn FROM awscc.sagemaker.images_list_only';
/** Pages a listing reads ahead of the rows taken (listing-pump.ts AHEAD), and the one in flight. */
const AHEAD = 4;

const lists = (s: Session) => s.emulator.calls.filter((c) => c.op === 'ListResources').length;
const byJson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
/** The Cloud Control calls, sorted: an assumed role's credentials outlive the statement that assumed it. */
const ccCalls = (calls: string[]) => calls.filter((c) => !c.startsWith('AssumeRole')).sort();

/** Rows and calls of db.query, then of db.iterate, and the ListResources calls seen at iterate's first row. */
async function both(s: Session, sql: string) {
  const queried = await s.db.query(sql);
  const queryCalls = s.take();
  const streamed: unknown[] = [];
  let atFirst: number | undefined;
  for await (const row of s.db.iterate(sql)) {
    atFirst ??= lists(s);
    streamed.push(row);
  }
  return { queried, streamed, queryCalls, iterateCalls: s.take(), atFirst };
}

test('a 1,000-item list_only gives its first rows before the listing\'s last page is asked for', async (t) => {
  const s = await session(imageEstate(1000), {}, { listPageSize: 10 });
  t.after(() => s.close());
  const r = await both(s, LIST_ONLY);
  assert.equal(r.streamed.length, 1000);
  assert.deepEqual(r.streamed, r.queried, 'the same rows, in listing order');
  assert.deepEqual(r.iterateCalls, r.queryCalls, 'the same 100 pages, in order');
  assert.equal(r.queryCalls.length, 100);
  assert.ok(r.atFirst! <= AHEAD + 1, `first row after ${r.atFirst} of 100 pages`);
});

test('a WHERE on a column and a join with a local table stream the same rows and calls as a query', async (t) => {
  const s = await session(imageEstate(300), {}, { listPageSize: 10 });
  t.after(() => s.close());
  const where = await both(s, `${LIST_ONLY} WHERE image_arn LIKE '%img-1%'`);
  assert.equal(where.streamed.length, 100);
  assert.deepEqual(where.streamed, where.queried);
  assert.deepEqual(where.iterateCalls, where.queryCalls);
  // img-100 is on the 11th of 30 pages.
  assert.ok(where.atFirst! <= 11 + AHEAD, `first row after ${where.atFirst} of 30 pages`);

  await s.db.execute("CREATE TABLE wanted (tail TEXT, note TEXT)");
  await s.db.execute("INSERT INTO wanted VALUES ('img-007', 'seven'), ('img-250', 'late'), ('nope', 'none')");
  const joined = await both(s, 'SELECT i.image_arn, w.note FROM awscc.sagemaker.images_list_only i JOIN wanted w ON w.tail = substr(i.image_arn, -7)');
  assert.deepEqual(byJson(joined.streamed), byJson(joined.queried));
  assert.equal(joined.streamed.length, 2);
  assert.deepEqual(joined.iterateCalls, joined.queryCalls);
  assert.ok(joined.atFirst! <= AHEAD + 1, `first joined row after ${joined.atFirst} of 30 pages`);
});

test('count(*), ORDER BY and LIMIT read the listing whole before their rows, as a query does', async (t) => {
  const s = await session(imageEstate(200), {}, { listPageSize: 10 });
  t.after(() => s.close());
  for (const sql of [`SELECT count(*) AS n FROM awscc.sagemaker.images_list_only`, `${LIST_ONLY} ORDER BY image_arn DESC`, `SELECT DISTINCT region FROM awscc.sagemaker.images_list_only`]) {
    const r = await both(s, sql);
    assert.deepEqual(r.streamed, r.queried, sql);
    assert.deepEqual(r.iterateCalls, r.queryCalls, sql);
    assert.equal(r.atFirst, 20, `${sql}: every page before the first row`);
  }
  const limited = await both(s, `${LIST_ONLY} LIMIT 15`);
  assert.deepEqual(limited.streamed, limited.queried);
  assert.deepEqual(limited.iterateCalls, limited.queryCalls);
  assert.ok(limited.queryCalls.length < 20, 'a LIMIT still reads only the pages it needs');
});

test('two regions are listed side by side, each in its own order', async (t) => {
  const seed = imageEstate(100);
  for (let i = 0; i < 60; i += 1) seed.resources.push({ TypeName: 'AWS::SageMaker::Image', Region: 'us-west-2', Properties: { ImageName: `w-${i}`, ImageRoleArn: 'arn:aws:iam::123456789012:role/r' } });
  const s = await session(seed, { regions: ['us-east-1', 'us-west-2'] }, { listPageSize: 10 });
  t.after(() => s.close());
  const r = await both(s, 'SELECT region, image_arn FROM awscc.sagemaker.images_list_only');
  assert.equal(r.streamed.length, 161);
  assert.deepEqual(byJson(r.streamed), byJson(r.queried));
  const inRegion = (rows: unknown[], region: string) => rows.filter((row) => (row as { region: string }).region === region);
  for (const region of ['us-east-1', 'us-west-2']) assert.deepEqual(inRegion(r.streamed, region), inRegion(r.queried, region));
  assert.deepEqual(r.iterateCalls.sort(), r.queryCalls.sort());
  assert.ok(r.atFirst! <= 2 * (AHEAD + 1));
});

const MGMT = '111111111111';
const DEV = '222222222222';
const audit = (account: string) => `arn:aws:iam::${account}:role/Audit`;

function logGroups(accounts: readonly string[], regions: readonly string[], each: number): SeedDocument['resources'] {
  return accounts.flatMap((account) => regions.flatMap((region) => Array.from({ length: each }, (_, i) => ({ TypeName: 'AWS::Logs::LogGroup', Account: account, Region: region, Properties: { LogGroupName: `${account}-${region}-${i}` } }))));
}

test('two accounts in two regions, and an account that cannot be read, behave as a query does', async (t) => {
  const seed: SeedDocument = { resources: logGroups([MGMT, DEV], ['us-east-1', 'eu-west-1'], 30), trustedRoles: [audit(MGMT), audit(DEV)] };
  const warnings: CcsqlWarning[] = [];
  const options = { credentials: { accessKeyId: MGMT, secretAccessKey: 'x' }, roleArn: 'arn:aws:iam::{account}:role/Audit', regions: ['us-east-1', 'eu-west-1'], onWarning: (w: CcsqlWarning) => void warnings.push(w) };
  const s = await session(seed, { ...options, accounts: [MGMT, DEV] }, { listPageSize: 5 });
  t.after(() => s.close());
  const sql = 'SELECT account_id, region, log_group_name FROM awscc.logs.log_groups_list_only';
  const r = await both(s, sql);
  assert.equal(r.streamed.length, 120);
  assert.deepEqual(byJson(r.streamed), byJson(r.queried));
  assert.deepEqual(ccCalls(r.iterateCalls), ccCalls(r.queryCalls));
  const pages = r.queryCalls.filter((c) => c.startsWith('ListResources')).length;
  assert.ok(r.atFirst! <= 4 * (AHEAD + 1) && r.atFirst! < pages, `first row after ${r.atFirst} of ${pages} pages`);
  assert.equal(warnings.length, 0);

  const untrusted = await session({ ...seed, trustedRoles: [audit(MGMT)] }, { ...options, accounts: [MGMT, DEV] }, { listPageSize: 5 });
  t.after(() => untrusted.close());
  const skipped = await both(untrusted, sql);
  assert.equal(skipped.streamed.length, 60);
  assert.deepEqual(byJson(skipped.streamed), byJson(skipped.queried));
  assert.deepEqual(ccCalls(skipped.iterateCalls), ccCalls(skipped.queryCalls));
  assert.deepEqual(warnings.map((w) => [w.code, w.account]), [['ACCOUNT_SKIPPED', DEV], ['ACCOUNT_SKIPPED', DEV]], 'one warning per statement');

  const strict = await session({ ...seed, trustedRoles: [audit(MGMT)] }, { ...options, accounts: [MGMT, DEV], strict: true }, { listPageSize: 5 });
  t.after(() => strict.close());
  const failed = (e: Error & { code?: string; details?: { account?: string } }) => e.code === 'ACCESS_DENIED' && e.details?.account === DEV;
  await assert.rejects(strict.db.query(sql), failed);
  await assert.rejects(async () => {
    for await (const _ of strict.db.iterate(sql));
  }, failed);
});

test('breaking out of the loop stops the listing a few pages on, and frees the database', async (t) => {
  const s = await session(imageEstate(1000), {}, { listPageSize: 10 });
  t.after(() => s.close());
  let seen = 0;
  for await (const _ of s.db.iterate(LIST_ONLY)) if ((seen += 1) === 25) break;
  const asked = lists(s);
  assert.ok(asked <= 3 + AHEAD + 1, `${asked} pages asked for 25 rows`);
  assert.deepEqual(await s.db.query('SELECT 1 AS one'), [{ one: 1 }]);
  // The loop ends once every page asked was answered (streamPasses awaits its listings), so a page
  // asked after it would follow those answers: give it AHEAD + 1 round trips of other calls through
  // the same clients to arrive, rather than one turn of the event loop.
  const west = "SELECT image_arn FROM awscc.sagemaker.images_list_only WHERE region = 'us-west-2'";
  for (let i = 0; i <= AHEAD; i += 1) assert.deepEqual(await s.db.query(west), [{ image_arn: imageArn('west', 'us-west-2') }]);
  const calls = s.take();
  assert.equal(calls.filter((c) => / us-east-1( \+page)?$/.test(c)).length, asked, 'no page asked after the loop ended');
  assert.deepEqual(calls.filter((c) => c.endsWith('us-west-2')), Array(AHEAD + 1).fill('ListResources AWS::SageMaker::Image us-west-2'));
});

test('a listing that fails part-way fails the iteration with the query\'s error and calls', async (t) => {
  const s = await session(imageEstate(100), {}, { listPageSize: 10, repeatNextToken: true });
  t.after(() => s.close());
  const code = (e: Error & { code?: string }) => e.code === 'PAGINATION_LOOP' && /awscc\.sagemaker\.images|SageMaker/.test(e.message);
  await assert.rejects(s.db.query(LIST_ONLY), code);
  const queried = s.take();
  const streamed: unknown[] = [];
  await assert.rejects(async () => {
    for await (const row of s.db.iterate(LIST_ONLY)) streamed.push(row);
  }, code);
  assert.deepEqual(s.take(), queried);
  assert.deepEqual(await s.db.query('SELECT 1 AS one'), [{ one: 1 }]);
});

test('a cancelled iteration stops at the next window', async (t) => {
  const s = await session(imageEstate(500), {}, { listPageSize: 10 });
  t.after(() => s.close());
  const controller = new AbortController();
  let seen = 0;
  await assert.rejects(async () => {
    for await (const _ of s.db.iterate(LIST_ONLY, [], { signal: controller.signal })) if ((seen += 1) === 5) controller.abort();
  }, (e: Error & { code?: string }) => e.code === 'CANCELLED');
  assert.ok(seen < 5 + 10 * (AHEAD + 1));
  assert.ok(lists(s) < 50);
});

test('a full table streams when the listing answers it, and reads every page first when a column needs GetResource', async (t) => {
  const s = await session(imageEstate(100), {}, { listPageSize: 10 });
  t.after(() => s.close());
  const ids = await both(s, "SELECT image_arn FROM awscc.sagemaker.images WHERE region = 'us-east-1'");
  assert.equal(ids.streamed.length, 100);
  assert.deepEqual(ids.streamed, ids.queried);
  assert.deepEqual(ids.iterateCalls, ids.queryCalls);
  assert.ok(ids.atFirst! <= AHEAD + 1);
  const described = await both(s, "SELECT image_name, image_description FROM awscc.sagemaker.images WHERE region = 'us-east-1'");
  assert.deepEqual(described.streamed, described.queried);
  assert.deepEqual(described.iterateCalls.sort(), described.queryCalls.sort());
  assert.equal(described.atFirst, 10);
});
