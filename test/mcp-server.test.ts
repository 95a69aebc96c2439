/**
 * `ccsql mcp` as an agent host meets it: the SDK's real Client, connected in-process, against the
 * emulator through the real AWS SDK. Discovery, a read, the row cap cutting the calls, refusals in
 * read-only mode, writes confirmed by the person (accept, decline, a client that cannot ask) or
 * allowed, errors as answers, and the audit log.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mcpSession } from './support/mcp.js';
import { imageArn, imageEstate } from './support/session.js';

const IMAGE = 'AWS::SageMaker::Image';

function textOf(result: unknown): string {
  return ((result as CallToolResult).content[0] as { text: string }).text;
}

test('discovery: four tools with schemas and annotations; search, describe and docs answer from the catalog', async (t) => {
  const s = await mcpSession(imageEstate(1));
  t.after(() => s.close());
  const { tools } = await s.client.listTools();
  assert.deepEqual(tools.map((tool) => tool.name), ['query', 'search_tables', 'describe_table', 'table_docs']);
  const query = tools[0]!;
  assert.deepEqual(query.annotations, { readOnlyHint: true, openWorldHint: true });
  assert.deepEqual(Object.keys(query.inputSchema.properties ?? {}), ['sql', 'params', 'max_rows']);
  assert.deepEqual(query.inputSchema.required, ['sql']);
  assert.ok(query.outputSchema);
  assert.match(query.description ?? '', /Read-only/);
  for (const tool of tools.slice(1)) assert.equal(tool.annotations?.readOnlyHint, true, tool.name);

  const found = textOf(await s.client.callTool({ name: 'search_tables', arguments: { query: 's3 bucket' } })).split('\n');
  assert.ok(found.length <= 50);
  assert.match(found[0]!, /^awscc\.s3\.buckets \(AWS::S3::Bucket\): /);
  const images = textOf(await s.client.callTool({ name: 'search_tables', arguments: { query: 'sagemaker image versions' } })).split('\n');
  assert.match(images[0]!, /^awscc\.sagemaker\.image_versions /);

  const described = await s.client.callTool({ name: 'describe_table', arguments: { table: 'awscc.sagemaker.image_versions' } });
  const d = described.structuredContent as { columns: { name: string; roles: string[]; type: string }[]; example: string; type_name: string };
  assert.equal(d.type_name, 'AWS::SageMaker::ImageVersion');
  assert.deepEqual(d.columns.find((c) => c.name === 'image_name'), { ...d.columns.find((c) => c.name === 'image_name')!, roles: ['list key', 'required', 'create-only'] });
  assert.match(d.example, /^SELECT region, image_name, .* FROM awscc\.sagemaker\.image_versions WHERE region = 'us-east-1' AND image_name = '…' LIMIT 10$/);
  assert.deepEqual(JSON.parse(textOf(described)), described.structuredContent);

  const page = textOf(await s.client.callTool({ name: 'table_docs', arguments: { table: 'awscc.sagemaker.images' } }));
  assert.match(page, /awscc\.sagemaker\.images/);
  assert.match(page, /sagemaker:CreateImage/);
  assert.deepEqual(s.take(), [], 'discovery makes no call');
  assert.deepEqual(s.audit.map((r) => [r.tool, r.outcome]), [['search_tables', 'ok'], ['search_tables', 'ok'], ['describe_table', 'ok'], ['table_docs', 'ok']]);
});

test('a read answers columns, rows, truncated and the calls made, as structured content and JSON text', async (t) => {
  const s = await mcpSession(imageEstate(2));
  t.after(() => s.close());
  const result = await s.client.callTool({ name: 'query', arguments: { sql: 'SELECT image_name, image_description FROM awscc.sagemaker.images WHERE region = ? ORDER BY image_name', params: ['us-east-1'] } });
  assert.equal(result.isError, undefined);
  const expected = { columns: ['image_name', 'image_description'], rows: [['img-000', 'image 0'], ['img-001', 'image 1']], truncated: false, calls: 3 };
  assert.deepEqual(result.structuredContent, expected);
  assert.deepEqual(JSON.parse(textOf(result)), expected);
  assert.deepEqual(s.take(), [`ListResources ${IMAGE} us-east-1`, `GetResource ${IMAGE} ${imageArn('img-000')} us-east-1`, `GetResource ${IMAGE} ${imageArn('img-001')} us-east-1`].sort((a, b) => (a.startsWith('List') ? -1 : b.startsWith('List') ? 1 : a.localeCompare(b))));
  assert.deepEqual(s.audit, [{ time: '1970-01-01T00:00:00.000Z', tool: 'query', sql: 'SELECT image_name, image_description FROM awscc.sagemaker.images WHERE region = ? ORDER BY image_name', calls: 3, outcome: 'ok', rows: 2, truncated: false, ms: 0 }]);
});

test('max_rows caps the rows and the calls: the listing stops at the cap, and the answer says rows were held back', async (t) => {
  const s = await mcpSession(imageEstate(300));
  t.after(() => s.close());
  const result = await s.client.callTool({ name: 'query', arguments: { sql: 'SELECT image_name, image_description FROM awscc.sagemaker.images', max_rows: 5 } });
  const answer = result.structuredContent as { rows: unknown[][]; truncated: boolean; calls: number; note: string };
  assert.deepEqual(answer.rows.map((r) => r[0]), ['img-000', 'img-001', 'img-002', 'img-003', 'img-004']);
  assert.equal(answer.truncated, true);
  assert.match(answer.note, /^Only the first 5 rows: more were held back/);
  const calls = s.take();
  assert.deepEqual(calls.filter((c) => c.startsWith('ListResources')), [`ListResources ${IMAGE} us-east-1`], 'one page of twelve');
  assert.equal(calls.filter((c) => c.startsWith('GetResource')).length, 6, 'the five rows and the one that tells the cut');
  assert.equal(answer.calls, 7);
  // The default cap is 200.
  const all = (await s.client.callTool({ name: 'query', arguments: { sql: 'SELECT image_arn FROM awscc.sagemaker.images_list_only' } })).structuredContent as { rows: unknown[]; truncated: boolean };
  assert.deepEqual([all.rows.length, all.truncated], [200, true]);
});

test('a capped statement that reads every row anyway (it sorts) says how many rows it held back, at the same calls', async (t) => {
  const s = await mcpSession(imageEstate(30));
  t.after(() => s.close());
  const result = await s.client.callTool({ name: 'query', arguments: { sql: 'SELECT image_name FROM awscc.sagemaker.images ORDER BY image_description DESC', max_rows: 4 } });
  const answer = result.structuredContent as { rows: unknown[][]; truncated: boolean; held_back: number; calls: number; note: string };
  assert.deepEqual(answer.rows.map((r) => r[0]), ['img-009', 'img-008', 'img-007', 'img-006']);
  assert.deepEqual([answer.truncated, answer.held_back], [true, 26]);
  assert.match(answer.note, /^Only the first 4 rows: 26 more were held back\./);
  const calls = s.take();
  assert.equal(calls.length, 2 + 30, 'two pages and every image read, as the sort needs: no call more than the capped statement makes');
  assert.equal(answer.calls, 32);
});

test('read-only: the engine refuses writes however they are dressed, and nothing is sent', async (t) => {
  const s = await mcpSession(imageEstate(2));
  t.after(() => s.close());
  await s.client.callTool({ name: 'query', arguments: { sql: 'SELECT image_arn FROM awscc.sagemaker.images_list_only' } });
  s.take();
  const statements = [
    "DELETE FROM awscc.sagemaker.images WHERE image_name = 'img-000'",
    "WITH doomed AS (SELECT image_name FROM awscc.sagemaker.images_list_only) DELETE FROM awscc.sagemaker.images WHERE image_name IN (SELECT 'img-000')",
    "INSERT INTO awscc.sagemaker.images (region, image_name, image_role_arn) VALUES ('us-east-1', 'x', 'arn:aws:iam::123456789012:role/r')",
    "ATTACH '/tmp/ccsql-mcp-attach.db' AS elsewhere",
    'PRAGMA query_only = 0',
    'CREATE TABLE notes (a)',
  ];
  for (const sql of statements) {
    const result = await s.client.callTool({ name: 'query', arguments: { sql } });
    assert.equal(result.isError, true, sql);
    assert.match(textOf(result), /^READ_ONLY: The statement was refused because /, sql);
  }
  assert.deepEqual(s.take().filter((c) => !c.startsWith('ListResources') && !c.startsWith('GetResource')), [], 'no write was sent');
  assert.deepEqual(s.audit.slice(1).map((r) => [r.outcome, r.code]), statements.map(() => ['refused', 'READ_ONLY']));
});

const UPDATE = "UPDATE awscc.sagemaker.images SET image_description = 'renamed' WHERE region = 'us-east-1' AND image_name = 'img-001'";

test('confirm: the person is shown the calls; accept sends them', async (t) => {
  const s = await mcpSession(imageEstate(2), { writes: 'confirm', answer: 'accept' });
  t.after(() => s.close());
  const { tools } = await s.client.listTools();
  assert.deepEqual(tools[0]!.annotations, { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true });
  const result = await s.client.callTool({ name: 'query', arguments: { sql: UPDATE } });
  assert.equal(result.isError, undefined, textOf(result));
  assert.equal(s.asked.length, 1);
  const message = (s.asked[0] as { message: string }).message;
  assert.ok(message.includes(UPDATE));
  assert.ok(message.includes(`It will make 1 Cloud Control call:\n- UPDATE awscc.sagemaker.images us-east-1 ${imageArn('img-001')} [{"op":"replace","path":"/ImageDescription","value":"renamed"}]`), message);
  assert.deepEqual(s.take().filter((c) => c.startsWith('UpdateResource')), [`UpdateResource ${IMAGE} ${imageArn('img-001')} us-east-1`]);
  assert.deepEqual(s.audit.map((r) => [r.outcome, r.changes]), [['ok', 1]]);
});

test('confirm: a decline sends nothing and says so', async (t) => {
  const s = await mcpSession(imageEstate(2), { writes: 'confirm', answer: 'decline' });
  t.after(() => s.close());
  const result = await s.client.callTool({ name: 'query', arguments: { sql: UPDATE } });
  assert.equal(result.isError, true);
  assert.equal(textOf(result), 'WRITE_DECLINED: The person declined the write: nothing was sent.');
  assert.equal(s.asked.length, 1);
  assert.deepEqual(s.take().filter((c) => !c.startsWith('ListResources') && !c.startsWith('GetResource')), []);
  assert.deepEqual(s.audit.map((r) => [r.outcome, r.code]), [['declined', 'WRITE_DECLINED']]);
  // Reads still run.
  const read = await s.client.callTool({ name: 'query', arguments: { sql: 'SELECT 1 AS one' } });
  assert.deepEqual(read.structuredContent, { columns: ['one'], rows: [[1]], truncated: false, calls: 0 });
});

test('confirm: a client that cannot ask its user gets a refusal, and nothing is sent', async (t) => {
  const s = await mcpSession(imageEstate(2), { writes: 'confirm' });
  t.after(() => s.close());
  const result = await s.client.callTool({ name: 'query', arguments: { sql: UPDATE } });
  assert.equal(result.isError, true);
  assert.match(textOf(result), /^WRITE_DECLINED: This server sends a write only when a person accepts it, and this client cannot ask its user/);
  assert.deepEqual(s.take().filter((c) => !c.startsWith('ListResources') && !c.startsWith('GetResource')), []);
});

test('allow: a write of several resources is sent unasked', async (t) => {
  const s = await mcpSession(imageEstate(3), { writes: 'allow', answer: 'decline' });
  t.after(() => s.close());
  const result = await s.client.callTool({ name: 'query', arguments: { sql: "UPDATE awscc.sagemaker.images SET image_description = 'all' WHERE region = 'us-east-1'" } });
  assert.equal(result.isError, undefined, textOf(result));
  assert.equal(s.asked.length, 0);
  assert.equal(s.take().filter((c) => c.startsWith('UpdateResource')).length, 3);
});

test('errors are answers: a wrong table names the nearest, a wrong column names the way out, and the server goes on', async (t) => {
  const s = await mcpSession(imageEstate(1));
  t.after(() => s.close());
  const wrong = await s.client.callTool({ name: 'query', arguments: { sql: 'SELECT * FROM awscc.sagemaker.imagez' } });
  assert.equal(wrong.isError, true);
  assert.equal(textOf(wrong), 'UNKNOWN_TABLE: There is no table awscc.sagemaker.imagez. Did you mean awscc.sagemaker.images?');
  const column = await s.client.callTool({ name: 'query', arguments: { sql: 'SELECT colour FROM awscc.sagemaker.images' } });
  assert.match(textOf(column), /^UNKNOWN_COLUMN: /);
  const described = await s.client.callTool({ name: 'describe_table', arguments: { table: 'awscc.sagemaker.imagez' } });
  assert.equal(textOf(described), 'UNKNOWN_TABLE: There is no table awscc.sagemaker.imagez. Did you mean awscc.sagemaker.images?');
  const docs = await s.client.callTool({ name: 'table_docs', arguments: { table: 'awscc.sagemaker.images; DROP TABLE x' } });
  assert.match(textOf(docs), /^UNKNOWN_TABLE: "awscc\.sagemaker\.images; DROP TABLE x" is not a table name/);
  const two = await s.client.callTool({ name: 'query', arguments: { sql: 'SELECT 1; SELECT 2' } });
  assert.match(textOf(two), /^SQL_ERROR: The SQL text holds 2 statements/);
  const read = await s.client.callTool({ name: 'query', arguments: { sql: 'SELECT count(*) AS n FROM awscc.sagemaker.images_list_only' } });
  assert.deepEqual((read.structuredContent as { rows: unknown[] }).rows, [[1]]);
  assert.deepEqual(s.audit.map((r) => r.code ?? r.outcome), ['UNKNOWN_TABLE', 'UNKNOWN_COLUMN', 'UNKNOWN_TABLE', 'UNKNOWN_TABLE', 'SQL_ERROR', 'ok']);
});

test('a throttled call is retried and the answer says so', async (t) => {
  const s = await mcpSession(imageEstate(1));
  t.after(() => s.close());
  s.emulator.setThrottleRate(1);
  const pending = s.client.callTool({ name: 'query', arguments: { sql: 'SELECT image_arn FROM awscc.sagemaker.images_list_only' } });
  // Let the first attempts be throttled, then let the endpoint answer.
  while (!s.emulator.calls.some((c) => c.op === 'ListResources')) await new Promise((resolve) => setImmediate(resolve));
  s.emulator.setThrottleRate(0);
  const result = await pending;
  const answer = result.structuredContent as { rows: unknown[]; note?: string; calls: number };
  assert.equal(answer.rows.length, 1);
  assert.match(answer.note ?? '', /^\d+ calls? (was|were) throttled and retried\.$/);
});
