/** A real MCP `Client` connected in-process (InMemoryTransport) to ccsql's server over a test session. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ElicitRequestSchema, type ElicitRequest, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import type { EmulatorOptions, SeedDocument } from '../../src/emulator/index.js';
import type { OpenOptions } from '../../src/index.js';
import { createCcsqlMcpServer, type AuditRecord, type WriteMode } from '../../src/mcp/index.js';
import { session, type Session } from './session.js';

export interface McpSession extends Session {
  readonly client: Client;
  readonly audit: AuditRecord[];
  /** What the client was asked (elicitation), in order. */
  readonly asked: ElicitRequest['params'][];
  /** Resolves with the next audit record. */
  nextAudit(): Promise<AuditRecord>;
}

export interface McpSessionOptions {
  readonly writes?: WriteMode;
  /** The client's answer to elicitation; without it, the client declares no elicitation capability. */
  readonly answer?: ElicitResult['action'];
  readonly open?: Partial<OpenOptions>;
  readonly emulator?: EmulatorOptions;
}

export async function mcpSession(seed: SeedDocument, options: McpSessionOptions = {}): Promise<McpSession> {
  const s = await session(seed, options.open ?? {}, options.emulator ?? {});
  const audit: AuditRecord[] = [];
  const waiters: ((record: AuditRecord) => void)[] = [];
  const server = createCcsqlMcpServer({
    db: s.db,
    writes: options.writes ?? 'off',
    now: () => 0,
    audit: (record) => {
      audit.push(record);
      waiters.shift()?.(record);
    },
  });
  const client = new Client({ name: 'ccsql-test', version: '0' }, { capabilities: options.answer ? { elicitation: { form: {} } } : {} });
  const asked: ElicitRequest['params'][] = [];
  if (options.answer) {
    const action = options.answer;
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push(request.params);
      return { action };
    });
  }
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return {
    ...s,
    client,
    audit,
    asked,
    nextAudit: () => new Promise((resolve) => waiters.push(resolve)),
    async close() {
      await client.close();
      await server.close();
      await s.close();
    },
  };
}
