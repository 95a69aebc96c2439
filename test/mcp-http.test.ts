/**
 * `ccsql mcp --http`: Streamable HTTP on the loopback address, one session per client, the SDK's
 * real Client over real HTTP. A write confirmed by the person works across the session (the
 * question and its answer meet), and a foreign Origin or Host is refused before any MCP message.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { serveMcp, type AuditRecord } from '../src/mcp/index.js';
import { imageArn, imageEstate, session } from './support/session.js';

async function httpSession(t: { after(fn: () => unknown): void }, writes: 'off' | 'confirm') {
  const s = await session(imageEstate(2));
  const audit: AuditRecord[] = [];
  const stop = new AbortController();
  let listening!: (url: string) => void;
  const url = new Promise<string>((resolve) => (listening = resolve));
  const served = serveMcp({ db: s.db, writes, audit: (r) => audit.push(r), http: { port: 0, onListening: listening }, signal: stop.signal });
  t.after(async () => {
    stop.abort();
    await served;
    await s.close();
  });
  return { s, audit, url: await url };
}

function post(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '0' } } }));
  });
}

test('--http serves the tools on 127.0.0.1, and a confirmed write works over the session', async (t) => {
  const { s, audit, url } = await httpSession(t, 'confirm');
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  const client = new Client({ name: 'ccsql-http-test', version: '0' }, { capabilities: { elicitation: { form: {} } } });
  const asked: string[] = [];
  client.setRequestHandler(ElicitRequestSchema, async (r) => (asked.push((r.params as { message: string }).message), { action: 'accept' }));
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  t.after(() => client.close());
  assert.deepEqual((await client.listTools()).tools.map((tool) => tool.name), ['query', 'search_tables', 'describe_table', 'table_docs']);
  const read = await client.callTool({ name: 'query', arguments: { sql: 'SELECT count(*) AS n FROM awscc.sagemaker.images_list_only' } });
  assert.deepEqual(read.structuredContent, { columns: ['n'], rows: [[2]], truncated: false, calls: 1 });
  const write = await client.callTool({ name: 'query', arguments: { sql: "DELETE FROM awscc.sagemaker.images WHERE region = 'us-east-1' AND image_name = 'img-000'" } });
  assert.equal(write.isError, undefined, JSON.stringify(write.content));
  assert.equal(asked.length, 1);
  assert.match(asked[0]!, new RegExp(`- DELETE awscc\\.sagemaker\\.images us-east-1 ${imageArn('img-000').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.ok(s.take().includes(`DeleteResource AWS::SageMaker::Image ${imageArn('img-000')} us-east-1`));
  assert.deepEqual(audit.map((r) => r.outcome), ['ok', 'ok']);
});

test('--http refuses a foreign Origin or Host (DNS rebinding) with 403, and answers a loopback one', async (t) => {
  const { url } = await httpSession(t, 'off');
  const port = new URL(url).port;
  assert.equal(await post(url, { origin: 'http://evil.example' }), 403);
  assert.equal(await post(url, { host: `evil.example:${port}` }), 403);
  assert.equal(await post(url, { origin: `http://localhost:${port}` }), 200);
  assert.equal(await post(url, {}), 200);
  assert.equal(await post(url.replace('/mcp', '/other'), {}), 404);
});
