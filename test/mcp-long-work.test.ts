/**
 * Long statements through `ccsql mcp`: progress notifications when the client gives a progress
 * token, a cancellation that stops the statement and its calls at once, and a hung call that ends
 * as a CALL_TIMEOUT answer instead of a silent wait (on a virtual clock).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CallToolResult, Progress } from '@modelcontextprotocol/sdk/types.js';
import { mcpSession } from './support/mcp.js';
import { imageArn, imageEstate } from './support/session.js';
import { VirtualTimers } from './support/virtual-timers.js';

const turn = () => new Promise((resolve) => setImmediate(resolve));

test('a statement of many calls sends progress: the calls made so far, rising', async (t) => {
  const s = await mcpSession(imageEstate(120));
  t.after(() => s.close());
  const progress: Progress[] = [];
  const result = await s.client.callTool({ name: 'query', arguments: { sql: 'SELECT image_name, image_description FROM awscc.sagemaker.images', max_rows: 500 } }, undefined, { onprogress: (p) => progress.push(p) });
  const calls = (result.structuredContent as { calls: number }).calls;
  assert.equal(calls, 5 + 120, 'five pages and 120 reads');
  assert.ok(progress.length >= 2, `progress was sent (${progress.length})`);
  for (let i = 1; i < progress.length; i += 1) assert.ok(progress[i]!.progress > progress[i - 1]!.progress, 'progress rises');
  assert.ok(progress.at(-1)!.progress <= calls);
  assert.match(progress[0]!.message ?? '', /^\d+ Cloud Control calls? made$/);
  assert.equal(progress[0]!.total, undefined, 'listings carry no total');
});

test('a cancellation from the client aborts the statement and its calls at once', async (t) => {
  const s = await mcpSession(imageEstate(300));
  t.after(() => s.close());
  // The reads hang: only a cancellation can end this statement.
  s.emulator.hang(1000, ['GetResource']);
  const controller = new AbortController();
  let progressed!: () => void;
  const firstProgress = new Promise<void>((resolve) => (progressed = resolve));
  const call = s.client.callTool({ name: 'query', arguments: { sql: 'SELECT image_name, image_description FROM awscc.sagemaker.images', max_rows: 1000 } }, undefined, { signal: controller.signal, onprogress: () => progressed() });
  await firstProgress;
  while (s.emulator.hanging === 0) await turn();
  const audited = s.nextAudit();
  controller.abort();
  await assert.rejects(call, /AbortError|abort/i);
  const record = await audited;
  assert.deepEqual([record.outcome, record.code], ['cancelled', 'CANCELLED']);
  const made = s.emulator.calls.length;
  assert.deepEqual(s.emulator.calls.filter((c) => c.op === 'ListResources').length, 1, 'no page after the first');
  assert.ok(s.emulator.calls.filter((c) => c.op === 'GetResource').length <= 64, 'no more reads than were in flight');
  // The server goes on serving, and the cancelled statement asks for nothing more.
  const next = await s.client.callTool({ name: 'query', arguments: { sql: 'SELECT 1 AS one' } });
  assert.deepEqual((next.structuredContent as { rows: unknown[] }).rows, [[1]]);
  assert.equal(s.emulator.calls.length, made);
});

test('a call that gets no answer ends the tool call with CALL_TIMEOUT, never a silent wait', async (t) => {
  const vt = new VirtualTimers();
  const s = await mcpSession(imageEstate(1), { open: { timers: vt, callTimers: vt, callTimeoutMs: 5_000 }, emulator: { clock: () => vt.now() } });
  t.after(() => s.close());
  s.emulator.hang(100, ['GetResource']);
  const held = () => s.db.cloud.stats.inFlight === s.emulator.hanging;
  const result = (await vt.drive(s.client.callTool({ name: 'query', arguments: { sql: `SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1' AND Identifier = '${imageArn('img-000')}'` } }), held)) as CallToolResult;
  assert.equal(result.isError, true);
  assert.match((result.content[0] as { text: string }).text, /^CALL_TIMEOUT: /);
  assert.deepEqual(s.audit.map((r) => [r.outcome, r.code]), [['error', 'CALL_TIMEOUT']]);
});
