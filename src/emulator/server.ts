/**
 * The HTTP face: routes AWS JSON 1.0 calls (`X-Amz-Target: CloudApiService.<Op>`) to the service,
 * JSON 1.1 calls (`AWSOrganizationsV20161128.<Op>`) to Organizations, REST-JSON calls signed for
 * `account` to Account Management (account-regions.ts), those of the Resource Groups Tagging API
 * to tagging/, and Query calls to STS and the CloudFormation registry, resolves the
 * caller's account (auth.ts), refuses unsigned requests, applies the front
 * end's faults (rate limit, random throttling, latency, hung calls, reset connections, internal
 * errors, unreadable answers, test-held gates; one file each under faults/), keeps idle connections
 * open as AWS does (connections.ts), and records every call in arrival order with the connection it
 * came on and the sequence numbers of its arrival and answer (call-log.ts).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Directory } from './accounts.js';
import { Connections, type IdleTimers } from './connections.js';
import { ACCOUNT_CONTENT_TYPE, ACCOUNT_SIGNING_NAME, accountAnswer, accountError, accountErrorBody } from './account-regions.js';
import { callerFrom, refuseTestKeys, type Caller, type Identities } from './auth.js';
import type { Gate } from './faults/gate.js';
import type { HangFault } from './faults/hang.js';
import type { InternalErrorFault } from './faults/internal-error.js';
import type { RateLimiter } from './faults/rate-limit.js';
import type { ResetFault } from './faults/reset.js';
import type { UnreadableFault } from './faults/unreadable.js';
import { throttleAtRandom } from './faults/throttle-rate.js';
import type { CloudControlService } from './service.js';
import { ORGANIZATIONS_CONTENT_TYPE, ORGANIZATIONS_TARGET, organizationsAnswer, organizationsErrorBody, orgError } from './organizations.js';
import { isStsRequest, parseForm, queryCodeOf, stsAnswer, stsError } from './sts.js';
import { handleTagging, isTaggingOperation, TAGGING_CONTENT_TYPE, TAGGING_TARGET_PREFIX, taggingError } from './tagging/index.js';
import { REGISTRY_ACTIONS, registryAnswer, registryError, type RegistrySettings } from './registry.js';
import type { Sessions } from './sessions.js';
import type { JsonObject } from './types.js';
import { errorBody, errors, JSON_CONTENT_TYPE, ServiceError } from './wire.js';

export interface EmulatorCall {
  op: string;
  /** The connection it came on, numbered from 1 in the order the endpoint accepted them (connections.ts). */
  connection: number;
  region: string;
  account: string;
  body: Record<string, unknown>;
  /** Wall-clock milliseconds of arrival and answer: for reports, not for deciding what overlapped. */
  start: number;
  end: number;
  /** Arrival and answer in the order of the endpoint's events (call-log.ts); `endSeq` absent until answered. */
  startSeq: number;
  endSeq?: number;
  error?: string;
}

export interface ServerSettings {
  latencyMs: number;
  throttleRate: number;
  readonly rateLimiter: RateLimiter;
  readonly hang: HangFault;
  readonly reset: ResetFault;
  readonly internalErrors: InternalErrorFault;
  readonly unreadable: UnreadableFault;
  /** Gates a test has set (faults/gate.ts); a call waits at the first that holds it. */
  readonly gates: Gate[];
  readonly defaultAccount: string;
  readonly random: () => number;
  readonly registry: RegistrySettings;
  /** Keys STS AssumeRole issued, and the seed's accounts and trusted roles (replaced by a new seed). */
  readonly sessions: Sessions;
  directory: Directory;
  readonly clock: () => number;
  /** How long a connection may sit idle before the endpoint closes it, and the timers that close it. */
  readonly idleTimeoutMs: number;
  readonly idleTimers?: IdleTimers;
}

function identities(settings: ServerSettings): Identities {
  return { defaultAccount: settings.defaultAccount, sessions: settings.sessions, directory: settings.directory, now: settings.clock() };
}

const TARGET_PREFIX = 'CloudApiService.';

/** Milliseconds with sub-millisecond resolution, so overlapping calls show as overlapping. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

export function createEmulatorServer(service: CloudControlService, settings: ServerSettings, calls: EmulatorCall[]): Server {
  let seq = 0;
  const sent = (res: ServerResponse, reply: Reply) => {
    if (reply.call) reply.call.endSeq = seq += 1;
    send(res, reply);
  };
  const server = createServer((req, res) => {
    const start = now();
    const startSeq = (seq += 1);
    readBody(req)
      .then(async (text) => {
        const op = operationOf(req);
        if (settings.reset.take(op)) return void req.socket.destroy();
        const reply = answer(service, settings, calls, req, text, start);
        if (reply.call) reply.call.connection = connections.idOf(req.socket);
        if (reply.status === 200 && settings.unreadable.take(op)) reply.body = settings.unreadable.cut(reply.body);
        if (reply.call) reply.call.startSeq = startSeq;
        if (settings.hang.take(op)) return settings.hang.hold(res);
        const gate = reply.call && settings.gates.find((g) => g.holds(op, reply.call!.body));
        if (gate) await gate.wait();
        await delayUntil(start + settings.latencyMs);
        return sent(res, reply);
      })
      .catch((error: unknown) => send(res, { status: 500, contentType: 'text/plain', body: String(error), call: undefined }));
  });
  const connections = new Connections(server, settings.idleTimeoutMs, settings.idleTimers);
  return server;
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
  if (isStsRequest(req.headers['content-type'], scopeService)) {
    const form = parseForm(text);
    if (scopeService === 'cloudformation' || REGISTRY_ACTIONS.has(form.Action ?? '')) return answerRegistry(settings, calls, header, form, start);
    return answerSts(settings, calls, header, text, start);
  }

  if (scopeService === ACCOUNT_SIGNING_NAME) return answerAccount(settings, calls, header, req.url ?? '', text, start);
  const target = String(req.headers['x-amz-target'] ?? '');
  if (target.startsWith(ORGANIZATIONS_TARGET)) return answerOrganizations(settings, calls, header, target, text, start);
  const op = operationOf(req);
  if (target.startsWith(TAGGING_TARGET_PREFIX)) return answerTagging(service, settings, calls, header, op, text, start);
  return answerJson(settings, calls, header, op, text, start, {
    contentType: JSON_CONTENT_TYPE,
    errorBody,
    handle(caller, body) {
      if (!target.startsWith(TARGET_PREFIX) || !service.isOperation(op)) throw errors.unknownOperation(target);
      refuseTestKeys(caller, op);
      settings.rateLimiter.take(caller.account, caller.region);
      throttleAtRandom(settings.throttleRate, settings.random);
      settings.internalErrors.check(op);
      return service.handle(op, body, caller);
    },
  });
}

/** How one AWS JSON service (Cloud Control, the Tagging API, Organizations, Account Management) answers a call. */
interface JsonService {
  readonly contentType: string;
  /** A global service (one endpoint for every region) answers whatever regions the account has enabled. */
  readonly global?: boolean;
  errorBody(error: ServiceError): string;
  /** The output of a call from this caller with this body; a ServiceError is the service's refusal. */
  handle(caller: Caller, body: JsonObject): unknown;
}

/** One call of an AWS JSON service: recorded in arrival order, its caller resolved, its body read. */
function answerJson(settings: ServerSettings, calls: EmulatorCall[], header: string | undefined, op: string, text: string, start: number, service: JsonService): Reply {
  const call: EmulatorCall = { op, connection: 0, region: '', account: '', body: {}, start, end: start, startSeq: 0 };
  calls.push(call);
  try {
    const caller = callerFrom(header, identities(settings), service.global);
    Object.assign(call, { region: caller.region, account: caller.account });
    call.body = parseJson(text);
    return { status: 200, contentType: service.contentType, body: JSON.stringify(service.handle(caller, call.body)), call };
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    call.error = error.type;
    return { status: error.status, contentType: service.contentType, body: service.errorBody(error), call };
  }
}

/** The Cloud Control or Tagging API operation an X-Amz-Target names (STS calls have none: ''). */
function operationOf(req: IncomingMessage): string {
  const target = String(req.headers['x-amz-target'] ?? '');
  for (const prefix of [TARGET_PREFIX, TAGGING_TARGET_PREFIX]) if (target.startsWith(prefix)) return target.slice(prefix.length);
  return target;
}

/**
 * The Tagging API's calls pass the same rate limit and random throttling as Cloud Control's, answered
 * with its own error names: ThrottledException for throttling, InternalServiceException for an
 * internal error.
 */
function answerTagging(service: CloudControlService, settings: ServerSettings, calls: EmulatorCall[], header: string | undefined, op: string, text: string, start: number): Reply {
  return answerJson(settings, calls, header, op, text, start, {
    contentType: TAGGING_CONTENT_TYPE,
    errorBody,
    handle(caller, body) {
      if (!isTaggingOperation(op)) throw errors.unknownOperation(`${TAGGING_TARGET_PREFIX}${op}`);
      refuseTestKeys(caller, op);
      try {
        settings.rateLimiter.take(caller.account, caller.region);
        throttleAtRandom(settings.throttleRate, settings.random);
        settings.internalErrors.check(op);
      } catch (error) {
        if (error instanceof ServiceError && error.type === 'ThrottlingException') throw taggingError('ThrottledException', 'Rate exceeded');
        if (error instanceof ServiceError && error.type === 'ServiceInternalErrorException') throw taggingError('InternalServiceException', 'The request processing failed because of an unknown error; try again.');
        throw error;
      }
      service.store.advance(service.options.clock());
      return handleTagging(service, op, body, caller);
    },
  });
}

function answerSts(settings: ServerSettings, calls: EmulatorCall[], header: string | undefined, text: string, start: number): Reply {
  const form = parseForm(text);
  const call: EmulatorCall = { op: form.Action ?? '', connection: 0, region: '', account: '', body: form, start, end: start, startSeq: 0 };
  calls.push(call);
  try {
    const who = identities(settings);
    const caller = callerFrom(header, who);
    Object.assign(call, { region: caller.region, account: caller.account });
    return { ...stsAnswer(form, { ...who, caller }), contentType: 'text/xml', call };
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    call.error = error.type;
    return { ...stsError(error), contentType: 'text/xml', call };
  }
}

/** Organizations' calls pass the same per-account-and-region rate limit as Cloud Control's. */
function answerOrganizations(settings: ServerSettings, calls: EmulatorCall[], header: string | undefined, target: string, text: string, start: number): Reply {
  const op = target.slice(ORGANIZATIONS_TARGET.length);
  return answerJson(settings, calls, header, op, text, start, {
    contentType: ORGANIZATIONS_CONTENT_TYPE,
    errorBody: organizationsErrorBody,
    handle(caller, body) {
      throttled(() => settings.rateLimiter.take(caller.account, caller.region));
      return organizationsAnswer(op, body, caller, settings.directory);
    },
  });
}

/**
 * Account Management is REST-JSON: the operation is the path (`POST /listRegions`). Its calls pass
 * the same per-account-and-region rate limit, answered as TooManyRequestsException (HTTP 429).
 */
function answerAccount(settings: ServerSettings, calls: EmulatorCall[], header: string | undefined, path: string, text: string, start: number): Reply {
  const name = path.split('?')[0]!.replace(/^\//, '');
  const op = name.charAt(0).toUpperCase() + name.slice(1);
  return answerJson(settings, calls, header, op, text, start, {
    contentType: ACCOUNT_CONTENT_TYPE,
    global: true,
    errorBody: accountErrorBody,
    handle(caller, body) {
      try {
        settings.rateLimiter.take(caller.account, caller.region);
      } catch (error) {
        if (error instanceof ServiceError && error.type === 'ThrottlingException') throw accountError('TooManyRequestsException', 'Rate exceeded', 429);
        throw error;
      }
      return accountAnswer(op, body, caller, settings.directory);
    },
  });
}

/** Organizations models its rate limit as TooManyRequestsException (HTTP 429), not ThrottlingException. */
function throttled(take: () => void): void {
  try {
    take();
  } catch (error) {
    if (!(error instanceof ServiceError) || error.type !== 'ThrottlingException') throw error;
    throw orgError('TooManyRequestsException', 'You have sent too many requests in too short a period of time. Try again later.', 429);
  }
}

/** The registry's calls pass the same per-account-and-region rate limit as Cloud Control's. */
function answerRegistry(settings: ServerSettings, calls: EmulatorCall[], header: string | undefined, form: Record<string, string>, start: number): Reply {
  const call: EmulatorCall = { op: form.Action ?? '', connection: 0, region: '', account: '', body: form, start, end: start, startSeq: 0 };
  calls.push(call);
  try {
    const caller = callerFrom(header, identities(settings));
    Object.assign(call, { region: caller.region, account: caller.account });
    settings.rateLimiter.take(caller.account, caller.region);
    const reply = registryAnswer(settings.registry, form, caller.region, caller.account);
    if (reply.error) call.error = reply.error;
    return { status: reply.status, body: reply.body, contentType: 'text/xml', call };
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    call.error = error.type;
    const { code, status } = queryCodeOf(error);
    return { ...registryError(code, error.message, status), contentType: 'text/xml', call };
  }
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

/**
 * Waits until `at` on the same clock as the call log. A timer alone can fire early by the time the
 * event loop spent before the call was read (its start is the loop's cached time), so the wait is
 * checked against the clock and renewed: no answer comes sooner than `latencyMs` after arrival.
 */
async function delayUntil(at: number): Promise<void> {
  for (let left = at - now(); left > 0; left = at - now()) await new Promise((resolve) => setTimeout(resolve, Math.ceil(left)));
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
