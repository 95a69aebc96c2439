/**
 * The HTTP face: routes AWS JSON 1.0 calls (`X-Amz-Target: CloudApiService.<Op>`) to the service and
 * Query calls to STS, refuses unsigned requests, applies the front end's faults (rate limit, random
 * throttling, latency; one file each under faults/), and records every call in arrival order.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { callerFrom, refuseTestKeys, type Caller } from './auth.js';
import type { RateLimiter } from './faults/rate-limit.js';
import { throttleAtRandom } from './faults/throttle-rate.js';
import type { CloudControlService } from './service.js';
import { isStsRequest, parseForm, stsAnswer, stsError } from './sts.js';
import type { JsonObject } from './types.js';
import { errorBody, errors, JSON_CONTENT_TYPE, ServiceError } from './wire.js';

export interface EmulatorCall {
  op: string;
  region: string;
  account: string;
  body: Record<string, unknown>;
  start: number;
  end: number;
  error?: string;
}

export interface ServerSettings {
  latencyMs: number;
  throttleRate: number;
  readonly rateLimiter: RateLimiter;
  readonly defaultAccount: string;
  readonly random: () => number;
}

const TARGET_PREFIX = 'CloudApiService.';

/** Milliseconds with sub-millisecond resolution, so overlapping calls show as overlapping. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

export function createEmulatorServer(service: CloudControlService, settings: ServerSettings, calls: EmulatorCall[]): Server {
  return createServer((req, res) => {
    const start = now();
    readBody(req)
      .then((text) => answer(service, settings, calls, req, text, start))
      .then((reply) => delay(settings.latencyMs).then(() => reply))
      .then((reply) => send(res, reply))
      .catch((error: unknown) => send(res, { status: 500, contentType: 'text/plain', body: String(error), call: undefined }));
  });
}

interface Reply {
  status: number;
  contentType: string;
  body: string;
  call: EmulatorCall | undefined;
}

function answer(
  service: CloudControlService,
  settings: ServerSettings,
  calls: EmulatorCall[],
  req: IncomingMessage,
  text: string,
  start: number,
): Reply {
  const header = req.headers.authorization;
  const scopeService = /Credential=[^/]*\/[^/]*\/[^/]*\/([^/]*)\//.exec(header ?? '')?.[1];
  if (isStsRequest(req.headers['content-type'], scopeService)) return answerSts(settings, calls, header, text, start);

  const target = String(req.headers['x-amz-target'] ?? '');
  const op = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
  const call: EmulatorCall = { op, region: '', account: '', body: {}, start, end: start };
  calls.push(call);
  try {
    const caller = callerFrom(header, settings.defaultAccount);
    Object.assign(call, { region: caller.region, account: caller.account });
    call.body = parseJson(text);
    if (!target.startsWith(TARGET_PREFIX) || !service.isOperation(op)) throw errors.unknownOperation(target);
    refuseTestKeys(caller, op);
    settings.rateLimiter.take(caller.account, caller.region);
    throttleAtRandom(settings.throttleRate, settings.random);
    const output = service.handle(op, call.body, caller);
    return { status: 200, contentType: JSON_CONTENT_TYPE, body: JSON.stringify(output), call };
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    call.error = error.type;
    return { status: error.status, contentType: JSON_CONTENT_TYPE, body: errorBody(error), call };
  }
}

function answerSts(
  settings: ServerSettings,
  calls: EmulatorCall[],
  header: string | undefined,
  text: string,
  start: number,
): Reply {
  const form = parseForm(text);
  const call: EmulatorCall = { op: form.Action ?? '', region: '', account: '', body: form, start, end: start };
  calls.push(call);
  let caller: Caller;
  try {
    caller = callerFrom(header, settings.defaultAccount);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    call.error = error.type;
    return { ...stsError(error), contentType: 'text/xml', call };
  }
  Object.assign(call, { region: caller.region, account: caller.account });
  const reply = stsAnswer(form, caller.account);
  if (reply.status !== 200) call.error = 'InvalidAction';
  return { ...reply, contentType: 'text/xml', call };
}

function parseJson(text: string): JsonObject {
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as JsonObject;
  } catch {
    // answered below, as AWS answers a body it cannot read
  }
  throw new ServiceError('SerializationException', 'Start of structure or map found where not expected.');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.call) reply.call.end = now();
  res.writeHead(reply.status, {
    'Content-Type': reply.contentType,
    'Content-Length': Buffer.byteLength(reply.body),
    'x-amzn-RequestId': randomUUID(),
  });
  res.end(reply.body);
}
