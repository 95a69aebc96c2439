/**
 * The built `ccsql mcp` over stdio, as a host starts it: the SDK's real Client spawns the command,
 * which reads the emulator through the real AWS SDK. stdout carries the protocol only (a warning
 * goes to stderr), every call reaches the audit file, and the server ends when the client closes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startEmulator } from '../src/emulator/index.js';
import { spawn } from 'node:child_process';
import { exitOf } from './support/child.js';
import { builtBin, SKIP_UNBUILT } from './support/cli.js';
import { imageEstate } from './support/session.js';

test('ccsql mcp over stdio: tools, a read, a refusal, the audit file, and a clean end', { skip: SKIP_UNBUILT }, async (t) => {
  const emulator = await startEmulator({ port: 0, seed: imageEstate(3) });
  const dir = mkdtempSync(join(tmpdir(), 'ccsql-mcp-'));
  t.after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const audit = join(dir, 'audit.jsonl');
  // No credentials: the loopback endpoint is signed with dummy keys, and the warning must not reach stdout.
  const env = { ...getDefaultEnvironment(), AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', XDG_CACHE_HOME: join(dir, 'cache') };
  const transport = new StdioClientTransport({ command: process.execPath, args: [builtBin(), 'mcp', '--endpoint-url', emulator.url, '-r', 'us-east-1', '--audit-log', audit], env, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'ccsql-stdio-test', version: '0' });
  await client.connect(transport);
  assert.equal(client.getServerVersion()?.name, 'ccsql');
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((tool) => tool.name), ['query', 'search_tables', 'describe_table', 'table_docs']);

  const read = await client.callTool({ name: 'query', arguments: { sql: 'SELECT count(*) AS n FROM awscc.sagemaker.images_list_only' } });
  assert.deepEqual(read.structuredContent, { columns: ['n'], rows: [[3]], truncated: false, calls: 1 });
  const refused = (await client.callTool({ name: 'query', arguments: { sql: "WITH x AS (SELECT 1) DELETE FROM awscc.sagemaker.images WHERE image_name = 'img-000'" } })) as CallToolResult;
  assert.equal(refused.isError, true);
  assert.match((refused.content[0] as { text: string }).text, /^READ_ONLY: /);
  assert.deepEqual(emulator.calls.map((c) => c.op), ['ListResources']);

  const exited = new Promise<number | null>((resolve) => transport['_process']?.once('exit', (code: number | null) => resolve(code)));
  await client.close();
  assert.equal(await exited, 0);
  const lines = readFileSync(audit, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.deepEqual(lines.map((l) => [l.tool, l.outcome, l.calls, l.code]), [['query', 'ok', 1, undefined], ['query', 'refused', 0, 'READ_ONLY']]);
  assert.match(stderr, /^Warning: .*dummy/im);
});

test('a client that writes its requests and closes stdin gets every answer before the server ends', { skip: SKIP_UNBUILT }, async (t) => {
  const emulator = await startEmulator({ port: 0, seed: imageEstate(3) });
  const dir = mkdtempSync(join(tmpdir(), 'ccsql-mcp-'));
  t.after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = { ...getDefaultEnvironment(), AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', XDG_CACHE_HOME: join(dir, 'cache') };
  const child = spawn(process.execPath, [builtBin(), 'mcp', '--endpoint-url', emulator.url, '-r', 'us-east-1', '--audit-log', join(dir, 'audit.jsonl')], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const requests = [
    { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'script', version: '0' } } },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'query', arguments: { sql: "SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1' ORDER BY 1" } } },
    { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'query', arguments: { sql: 'SELECT * FROM awscc.sagemaker.imagez' } } },
  ];
  child.stdin.end(requests.map((r) => JSON.stringify(r)).join('\n') + '\n');
  assert.deepEqual(await exitOf(child, 'ccsql mcp after its stdin ended'), { code: 0, signal: null });
  const answers = stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: number; result: { structuredContent?: { rows: unknown[][] }; isError?: boolean } });
  assert.deepEqual(answers.map((a) => a.id), [1, 2, 3]);
  assert.deepEqual(answers[1]!.result.structuredContent!.rows, [['img-000'], ['img-001'], ['img-002']]);
  assert.equal(answers[2]!.result.isError, true);
});
