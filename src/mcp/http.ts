/**
 * Streamable HTTP on the loopback address only, one session per client (a session keeps its own
 * server, so a write's question to the user and its answer meet on the same session). A request
 * whose Origin or Host is not the loopback's is refused: a web page open in the user's browser
 * must not reach the server by DNS rebinding (MCP transports spec, "Security Warning").
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const HOST = '127.0.0.1';
const PATH = '/mcp';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const MAX_BODY = 4 * 1024 * 1024;

export async function serveHttp(makeServer: () => McpServer, options: { port: number; onListening?: (url: string) => void; signal?: AbortSignal }): Promise<void> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const http = createServer((req, res) => {
    handle(req, res, sessions, makeServer).catch((error: unknown) => {
      if (!res.headersSent) reply(res, 500, -32603, `Internal error: ${String((error as Error)?.message ?? error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, HOST, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  options.onListening?.(`http://${HOST}:${port}${PATH}`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      for (const transport of sessions.values()) void transport.close();
      http.close(() => resolve());
      http.closeAllConnections();
    };
    if (options.signal?.aborted) stop();
    else options.signal?.addEventListener('abort', stop, { once: true });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, sessions: Map<string, StreamableHTTPServerTransport>, makeServer: () => McpServer): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  if (url.pathname !== PATH) return reply(res, 404, -32000, `Not found: the MCP endpoint is ${PATH}.`);
  if (!loopbackHost(req.headers.host) || !loopbackOrigin(req.headers.origin)) return reply(res, 403, -32000, 'Forbidden: only pages and clients on this machine\'s loopback address may call this server.');
  const body = req.method === 'POST' ? await readJson(req) : undefined;
  if (body instanceof Error) return reply(res, 400, -32700, `Parse error: ${body.message}`);
  const id = req.headers['mcp-session-id'];
  const known = typeof id === 'string' ? sessions.get(id) : undefined;
  if (known) return known.handleRequest(req, res, body);
  if (typeof id === 'string') return reply(res, 404, -32001, 'Session not found: initialize again.');
  if (req.method !== 'POST' || !isInitializeRequest(body)) return reply(res, 400, -32000, 'Bad request: no session; send initialize first.');
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (sessionId) => void sessions.set(sessionId, transport),
  });
  transport.onclose = () => {
    if (transport.sessionId) sessions.delete(transport.sessionId);
  };
  await makeServer().connect(transport);
  await transport.handleRequest(req, res, body);
}

function loopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  return LOOPBACK.has(host.replace(/:\d+$/, ''));
}

/** No Origin (a client that is no browser) or a loopback one. */
function loopbackOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return LOOPBACK.has(new URL(origin).hostname);
  } catch {
    return false;
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return new Error('the request body is larger than 4 MiB');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    return error as Error;
  }
}

function reply(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
