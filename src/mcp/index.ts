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
    // What it asked before going (a script that writes its requests and closes stdin) is answered
    // first: statements run one after another, so one more statement settles when they have.
    process.stdin.once('end', () => void answerThenClose());
    options.signal?.addEventListener('abort', () => void server.close(), { once: true });
  });
  const answerThenClose = async (): Promise<void> => {
    await new Promise((resolve) => setImmediate(resolve));
    await options.db.query('SELECT 1').catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    await server.close();
  };
  await server.connect(new StdioServerTransport());
  await closed;
}
