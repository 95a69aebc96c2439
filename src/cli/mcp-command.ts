/**
 * `ccsql mcp`: opens the database from the command's AWS and database options and serves it over
 * MCP until the client goes away (stdin ends) or, with --http, until the process is stopped.
 * stdout belongs to the protocol: warnings and errors go to stderr.
 */
import type { McpArgs } from './args.js';
import type { CliIo } from './io.js';
import { openAnswers } from './open-questions.js';
import { openSession } from './session.js';
import { packageVersion } from './version.js';

export async function mcpCommand(args: McpArgs, io: CliIo): Promise<number> {
  const { serveMcp, fileAudit, defaultAuditPath } = await import('../mcp/index.js');
  const session = await openSession(args, () => {}, openAnswers(args, io, false), (warning) => io.stderr(`Warning: ${warning.message}\n`));
  // Ctrl-C or SIGTERM stop the server, then the session closes (a demo endpoint with it).
  const stop = new AbortController();
  const release = io.onInterrupt(() => stop.abort());
  const terminate = () => stop.abort();
  process.once('SIGTERM', terminate);
  const auditPath = args.auditLog ?? defaultAuditPath();
  const serving = (where: string) => io.stderr(`ccsql mcp: serving ${where}, writes ${args.writes}, audit log ${auditPath}\n`);
  try {
    const audit = fileAudit(auditPath);
    if (args.http === undefined) serving('on stdio');
    await serveMcp({
      db: session.db,
      writes: args.writes,
      audit,
      version: packageVersion(),
      signal: stop.signal,
      ...(args.http !== undefined ? { http: { port: args.http, onListening: serving } } : {}),
    });
    return 0;
  } finally {
    release();
    process.off('SIGTERM', terminate);
    await session.close();
  }
}
