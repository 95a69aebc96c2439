/**
 * The ccsql MCP server: four tools over one open database. It stands on the library's public API
 * (`open()`'s database, `db.execute` with readOnly / approve / maxRows / onCall, the catalog,
 * `tablePage`), as a user's own script could.
 */

import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { tablePage, type CcsqlDatabase } from '../index.js';
import { answer, errorAnswer, failureOf, textAnswer } from './answers.js';
import type { AuditRecord, AuditSink } from './audit.js';
import { checkTableName, describeTable } from './describe.js';
import { DEFAULT_MAX_ROWS, MAX_MAX_ROWS, runQuery, type WriteMode } from './query-tool.js';
import { SEARCH_LIMIT, searchTables } from './search.js';

export interface CcsqlMcpOptions {
  readonly db: CcsqlDatabase;
  /** off (default): read-only; confirm: a person accepts each write; allow: writes run unasked. */
  readonly writes?: WriteMode;
  readonly audit?: AuditSink;
  /** The audit log's clock (tests pass a fixed one). */
  readonly now?: () => number;
  readonly version?: string;
}

const INSTRUCTIONS = `ccsql: every AWS Cloud Control resource type is a table in SQLite (awscc.<service>.<resource>), read live from the account.
Find tables with search_tables, read their columns with describe_table (never guess names), then query with SQL.
Every row of a full table costs one GetResource call; <table>_list_only answers from the listing alone. Filter identifier and list-key columns with = or IN; prefix a column with + to filter locally.
Rows are capped (max_rows, default ${DEFAULT_MAX_ROWS}); the cap also stops the listing, so a cut answer says so: narrow or aggregate instead of raising the cap.`;

export function createCcsqlMcpServer(options: CcsqlMcpOptions): McpServer {
  const { db } = options;
  const writes = options.writes ?? 'off';
  const now = options.now ?? Date.now;
  const server = new McpServer({ name: 'ccsql', version: options.version ?? '0.0.0' }, { instructions: INSTRUCTIONS, capabilities: { tools: {} } });
  const audit = (record: Omit<AuditRecord, 'time' | 'ms'>, started: number) => {
    const at = now();
    options.audit?.({ time: new Date(at).toISOString(), ...record, ms: at - started });
  };

  server.registerTool(
    'query',
    {
      title: 'Run SQL on AWS resources',
      description: queryDescription(writes),
      inputSchema: {
        sql: z.string().min(1).describe("One SQLite statement, e.g. SELECT bucket_name FROM awscc.s3.buckets_list_only WHERE region = 'us-east-1'"),
        params: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).optional().describe('Values for ? placeholders, in order'),
        max_rows: z.number().int().min(1).max(MAX_MAX_ROWS).optional().describe(`Most rows to return (default ${DEFAULT_MAX_ROWS}); the listing stops there too`),
      },
      outputSchema: {
        columns: z.array(z.string()),
        rows: z.array(z.array(z.unknown())),
        truncated: z.boolean().describe('More rows existed than max_rows'),
        held_back: z.number().int().optional().describe('How many rows max_rows left out, where the statement read them all anyway (it sorts or aggregates); absent where the cap stopped the reading'),
        calls: z.number().int().describe('Cloud Control calls the statement made'),
        changes: z.number().int().optional(),
        warnings: z.array(z.object({ code: z.string(), message: z.string() })).optional(),
        note: z.string().optional(),
      },
      annotations: writes === 'off' ? { readOnlyHint: true, openWorldHint: true } : { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
    async (args, extra) => {
      const started = now();
      return runQuery({ db, writes, canAsk: () => server.server.getClientCapabilities()?.elicitation !== undefined, audit: (r) => audit(r, started) }, args, extra);
    },
  );

  server.registerTool(
    'search_tables',
    {
      title: 'Find tables',
      description: `Find the tables for AWS resources by words (service, resource, what it is), best first, at most ${SEARCH_LIMIT} of the 1,489: e.g. "s3 bucket", "lambda function", "log group retention". Each line: table, CloudFormation type, what it holds.`,
      inputSchema: { query: z.string().min(1).describe('A few words, e.g. "sagemaker image"') },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ query }) => {
      const started = now();
      const hits = searchTables(db.catalog, query);
      audit({ tool: 'search_tables', args: { query }, calls: 0, outcome: 'ok', rows: hits.length }, started);
      if (hits.length === 0) return textAnswer(`No table matches "${query}": try the service's name (s3, ec2, lambda) or fewer words.`);
      return textAnswer(hits.map((h) => `${h.table} (${h.typeName}): ${h.summary}`).join('\n'));
    },
  );

  server.registerTool(
    'describe_table',
    {
      title: 'Describe a table',
      description: 'The columns of a table with their JSON types and roles (identifier, list key, required, read-only, create-only, write-only), the table each refers to, and an example statement that runs. Call it before writing a query.',
      inputSchema: { table: z.string().min(1).describe('e.g. awscc.s3.buckets') },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ table }) => {
      const started = now();
      try {
        const described = await describeTable(db, table);
        audit({ tool: 'describe_table', args: { table }, calls: 0, outcome: 'ok' }, started);
        return answer({ ...described });
      } catch (error) {
        const failure = failureOf(error);
        audit({ tool: 'describe_table', args: { table }, calls: 0, outcome: failure.outcome, code: failure.code }, started);
        return errorAnswer(failure);
      }
    },
  );

  server.registerTool(
    'table_docs',
    {
      title: 'Reference page of a table',
      description: 'The Markdown reference page of a table, as `ccsql docs` prints it: fields, methods and their required parameters, SELECT/INSERT/UPDATE/DELETE examples, IAM permissions. Longer than describe_table.',
      inputSchema: { table: z.string().min(1).describe('e.g. awscc.sagemaker.images') },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ table }) => {
      const started = now();
      try {
        const page = tablePage(db.catalog, checkTableName(table));
        audit({ tool: 'table_docs', args: { table }, calls: 0, outcome: 'ok' }, started);
        return textAnswer(page);
      } catch (error) {
        const failure = failureOf(error);
        audit({ tool: 'table_docs', args: { table }, calls: 0, outcome: failure.outcome, code: failure.code }, started);
        return errorAnswer(failure);
      }
    },
  );

  return server;
}

function queryDescription(writes: WriteMode): string {
  const base = `Run one SQLite statement over AWS resources (tables awscc.<service>.<resource>; find them with search_tables, read their columns with describe_table). Answers { columns, rows, truncated, calls }: rows are arrays in column order, objects and arrays as JSON text; max_rows (default ${DEFAULT_MAX_ROWS}) caps the rows and stops the listing, so prefer WHERE, count(*) and _list_only tables to large reads.`;
  if (writes === 'off') return `${base} Read-only: INSERT, UPDATE, DELETE and anything else that could change something are refused.`;
  if (writes === 'confirm') return `${base} INSERT, UPDATE and DELETE change real AWS resources: each write is shown to the user with the Cloud Control calls it will make and is sent only if they accept.`;
  return `${base} INSERT, UPDATE and DELETE change real AWS resources and are sent without asking anyone.`;
}
