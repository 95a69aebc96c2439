/**
 * An answer the SDK could not read: HTTP 200 (or any status) whose body is not the service's JSON,
 * as a proxy, a captive portal or a connection cut mid-answer leaves it. The SDK then throws its
 * parser's error with a hint about a hidden `$response` field, and by then it has read the body
 * stream, so the bytes are gone. ccsql keeps them (keepAnswerBody) to say what arrived instead.
 */

import { buffer } from 'node:stream/consumers';
import type { Readable } from 'node:stream';

/** What a user can do about it, the end of every message that reports one. */
export const UNREADABLE_WAY_OUT = 'a proxy or a connection cut short may have changed it: check --endpoint-url and what lies between ccsql and the endpoint, then try again.';

/** How much of an unreadable body a message quotes. */
const QUOTED_CHARS = 60;

export interface UnreadableAnswer {
  readonly httpStatus: number | undefined;
  /** The body's length in bytes, when it was kept. */
  readonly bodyBytes: number | undefined;
  /** Its first characters, when it was kept. */
  readonly bodyStart: string | undefined;
}

interface MiddlewareStack {
  add(middleware: (next: (args: unknown) => Promise<{ response: unknown }>) => (args: unknown) => Promise<{ response: unknown }>, options: { step: 'deserialize'; priority: 'low'; name: string }): void;
}

/**
 * Reads each answer's body into bytes before the SDK's deserialiser does (a deserialize-step
 * middleware below it), so the bytes are still on `error.$response.body` when parsing fails. The
 * deserialiser reads bytes as readily as a stream, and Cloud Control answers are small JSON
 * documents it reads whole anyway.
 */
export function keepAnswerBody(client: { middlewareStack: unknown }): void {
  (client.middlewareStack as MiddlewareStack).add(
    (next) => async (args) => {
      const out = await next(args);
      const response = out.response as { body?: unknown };
      if (isStream(response.body)) response.body = await buffer(response.body);
      return out;
    },
    { step: 'deserialize', priority: 'low', name: 'ccsqlKeepAnswerBody' },
  );
}

function isStream(body: unknown): body is Readable {
  return typeof (body as { pipe?: unknown } | null)?.pipe === 'function';
}

/**
 * What arrived, when `error` is the SDK failing to read an answer rather than an error the service
 * sent: the deserialiser's own errors carry the response but no `$fault`, which every modelled
 * service error has.
 */
export function unreadableAnswer(error: unknown): UnreadableAnswer | undefined {
  const e = error as { $fault?: unknown; $response?: { statusCode?: number; body?: unknown }; $metadata?: { httpStatusCode?: number } } | null;
  if (!e || typeof e !== 'object' || e.$fault !== undefined || e.$response === undefined) return undefined;
  const body = e.$response.body;
  const bytes = body instanceof Uint8Array ? body : undefined;
  return {
    httpStatus: e.$response.statusCode ?? e.$metadata?.httpStatusCode,
    bodyBytes: bytes?.length,
    bodyStart: bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8').slice(0, QUOTED_CHARS) : undefined,
  };
}

/** "HTTP 200, 38 bytes beginning '{"ProgressEvent": …'" — the words a message gives an unreadable answer. */
export function describeAnswer(answer: UnreadableAnswer): string {
  const status = answer.httpStatus === undefined ? 'an answer' : `HTTP ${answer.httpStatus}`;
  if (answer.bodyBytes === undefined) return status;
  if (answer.bodyBytes === 0) return `${status} with an empty body`;
  const more = answer.bodyStart !== undefined && answer.bodyBytes > Buffer.byteLength(answer.bodyStart) ? '…' : '';
  // One line whatever arrived: an HTML page's line breaks become spaces, other control characters '?'.
  const shown = (answer.bodyStart ?? '').replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '?');
  return `${status}, ${answer.bodyBytes} bytes beginning '${shown}${more}'`;
}
