/**
 * ccsql's MCP server: `createCcsqlMcpServer` builds it over an open database; `serveMcp` serves it
 * over stdio (one client) or Streamable HTTP on the loopback address (a server per session).
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createCcsqlMcpServer, type CcsqlMcpOptions } from './server.js';

export { createCcsqlMcpServer, type CcsqlMcpOptions } from './server.js';
export { defaultAuditPath, fileAudit, type AuditRecord, type AuditSink } from './audit.js';
export { WRITE_MODES, type WriteMode } from './query-tool.js';

export interface ServeOptions extends CcsqlMcpOptions {
  readonly http?: { readonly port: number; readonly onListening?: (url: string) => void };
  /** Stops serving (Ctrl-C, SIGTERM). */
  readonly signal?: AbortSignal;
}

/** Serves until `signal` aborts, or over stdio until the client closes stdin. */
export async function serveMcp(options: ServeOptions): Promise<void> {
  if (options.http) {
    const { serveHttp } = await import('./http.js');
    return serveHttp(() => createCcsqlMcpServer(options), { ...options.http, ...(options.signal ? { signal: options.signal } : {}) });
  }
  const server = createCcsqlMcpServer(options);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = resolve;
    // The SDK's stdio transport does not watch for the end of its input: the client going away is it.
    process.stdin.once('end', () => void server.close());
    options.signal?.addEventListener('abort', () => void server.close(), { once: true });
  });
  await server.connect(new StdioServerTransport());
  await closed;
}
