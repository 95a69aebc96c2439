/**
 * A local Cloud Control endpoint that behaves like AWS, for tests and demos. The real
 * `@aws-sdk/client-cloudcontrol`, `@aws-sdk/client-sts` (GetCallerIdentity, AssumeRole),
 * `@aws-sdk/client-cloudformation` (the registry) and `@aws-sdk/client-organizations`
 * (ListAccounts, DescribeOrganization) clients talk to it unchanged.
 *
 * @example
 * const emulator = await startEmulator({ port: 0, asyncMs: 2000, rateLimit: 30 });
 * const client = new CloudControlClient({ endpoint: emulator.url, region: 'us-east-1', credentials });
 * await emulator.close();
 */
import type { AddressInfo } from 'node:net';
import { defaultCatalog, type Catalog } from '../catalog/index.js';
import { CcsqlError } from '../errors.js';
import { Gate, type GateMatch } from './faults/gate.js';
import { HangFault } from './faults/hang.js';
import { InternalErrorFault } from './faults/internal-error.js';
import { RateLimiter } from './faults/rate-limit.js';
import { ResetFault } from './faults/reset.js';
import { UnreadableFault } from './faults/unreadable.js';
import { EMPTY_DIRECTORY, readDirectory } from './accounts.js';
import { IDLE_TIMEOUT_MS, type IdleTimers } from './connections.js';
import { drawSeed, seededRandom } from './random.js';
import { applySeed, readSeedFile } from './seed.js';
import { createEmulatorServer, type EmulatorCall, type ServerSettings } from './server.js';
import { CloudControlService } from './service.js';
import { withSchemas } from './schemas.js';
import { Sessions } from './sessions.js';
import type { SeedDocument } from './types.js';

export type { EmulatorCall } from './server.js';
export { overlapped, peakInFlight } from './call-log.js';
export type { Gate, GateMatch } from './faults/gate.js';
export type { SeedAccount, SeedDocument, SeedResource, SeedTrustedRole } from './types.js';
export { CloudControlService } from './service.js';

export const DEFAULT_ACCOUNT_ID = '123456789012';

export interface EmulatorOptions {
  port?: number;
  host?: string;
  latencyMs?: number;
  /** Share of calls answered ThrottlingException at random (faults/throttle-rate.ts). */
  throttleRate?: number;
  /** Calls a second per account and region, with a burst as large; 0 (default) for no limit. */
  rateLimit?: number;
  /** How long a write stays IN_PROGRESS on the clock; 0 (default) settles it by the next call. */
  asyncMs?: number;
  /** Test aid: a write instead settles on its (N+1)th status poll, RetryAfter on every IN_PROGRESS event. */
  asyncPolls?: number;
  /** How far past EventTime an IN_PROGRESS status answer's RetryAfter points; by default, to when the write is due. */
  retryAfterMs?: number;
  /** How long a just-created resource stays invisible to GetResource and ListResources. */
  settleMs?: number;
  /** Epoch milliseconds; Date.now by default. Tests inject a virtual clock instead of sleeping. */
  clock?: () => number;
  /** The next N write requests end FAILED with ErrorCode Throttling (faults/handler-throttle.ts). */
  handlerThrottles?: number;
  /** Items per ListResources page (MaxResults is ignored, as on AWS): 25 by default; some handlers answer 100. */
  listPageSize?: number;
  /**
   * Pages hold at most the MaxResults asked (and at most listPageSize), as a list handler that reads
   * it does. Off by default: Cloud Control documents MaxResults as reserved and answers handler-sized
   * pages (operations/list.ts), but handlers built since cloudformation-cli-java-plugin#443 are given
   * it, so a client must take a page of either size.
   */
  honourMaxResults?: boolean;
  /** Every ListResources page answers the same NextToken (faults/repeat-token.ts). */
  repeatNextToken?: boolean;
  seed?: SeedDocument | string;
  accountId?: string;
  /**
   * Seed of the endpoint's random draws (throttleRate, generated identifiers): drawn at start when
   * omitted and reported as `randomSeed`, so a run is replayed by passing it. Unused when `random` is given.
   */
  randomSeed?: number;
  /** The random source itself, for a test that scripts its draws; overrides `randomSeed`. */
  random?: () => number;
  catalog?: Catalog;
  /** A folder of registry schemas adding or overriding types (served by Cloud Control and the registry). */
  schemas?: string;
  /** How long a connection may sit idle before the endpoint closes it: 120 s by default, as AWS endpoints keep them past a minute (connections.ts). */
  idleTimeoutMs?: number;
  /** The timers idle connections are closed by; tests inject virtual ones to idle a connection for minutes without waiting. */
  idleTimers?: IdleTimers;
}

export interface Emulator {
  readonly url: string;
  readonly port: number;
  readonly calls: EmulatorCall[];
  /** The seed of the endpoint's random draws; undefined when a `random` source was given. */
  readonly randomSeed: number | undefined;
  /** The service behind the endpoint, for in-process calls that skip HTTP. */
  readonly service: CloudControlService;
  clearCalls(): void;
  close(): Promise<void>;
  setLatency(ms: number): void;
  setThrottleRate(rate: number): void;
  setRateLimit(rate: number): void;
  seed(doc: SeedDocument): void;
  /** The next `count` calls of `ops` (all when omitted) are done but never answered (faults/hang.ts). */
  hang(count: number, ops?: readonly string[]): void;
  /** Calls held unanswered right now. */
  readonly hanging: number;
  /** The next `count` calls of `ops` have their connection cut before the service sees them (faults/reset.ts). */
  reset(count: number, ops?: readonly string[]): void;
  /** The next `count` calls of `ops` are answered ServiceInternalErrorException (faults/internal-error.ts). */
  internalErrors(count: number, ops?: readonly string[]): void;
  /** The next `count` calls of `ops` answered 200 have their body cut short so it cannot be read, after the service acted (faults/unreadable.ts). */
  unreadable(count: number, ops?: readonly string[]): void;
  /**
   * Calls of `ops` (those whose body `match` accepts, when given) are done, then held unanswered until
   * the returned gate is opened (faults/gate.ts): a latency the test controls.
   */
  gate(ops: readonly string[], match?: GateMatch): Gate;
  setHandlerThrottles(count: number): void;
  setRepeatNextToken(on: boolean): void;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const config = checkOptions(options);
  const registry = withSchemas(options.catalog ?? defaultCatalog(), options.schemas, config.clock());
  const faults = { handlerThrottles: config.handlerThrottles, repeatNextToken: options.repeatNextToken ?? false };
  const service = new CloudControlService({
    catalog: registry.catalog,
    asyncMs: config.asyncMs,
    asyncPolls: config.asyncPolls,
    retryAfterMs: config.retryAfterMs,
    settleMs: config.settleMs,
    ...(options.listPageSize !== undefined ? { listPageSize: checkPageSize(options.listPageSize) } : {}),
    honourMaxResults: options.honourMaxResults ?? false,
    random: config.random,
    clock: config.clock,
    faults,
  });
  const rateLimiter = new RateLimiter(config.rateLimit, config.clock);
  const settings: ServerSettings = {
    latencyMs: config.latencyMs,
    throttleRate: config.throttleRate,
    rateLimiter,
    hang: new HangFault(),
    reset: new ResetFault(),
    internalErrors: new InternalErrorFault(),
    unreadable: new UnreadableFault(),
    gates: [],
    defaultAccount: config.accountId,
    random: config.random,
    registry,
    sessions: new Sessions(),
    directory: EMPTY_DIRECTORY,
    clock: config.clock,
    idleTimeoutMs: config.idleTimeoutMs,
    ...(options.idleTimers ? { idleTimers: options.idleTimers } : {}),
  };
  // Accounts are read before resources, so a malformed organisation stops the seed before it loads.
  const seed = (doc: SeedDocument) => {
    const directory = readDirectory(doc, settings.directory);
    applySeed(service, doc, config.accountId);
    settings.directory = directory;
  };
  if (options.seed !== undefined) seed(typeof options.seed === 'string' ? readSeedFile(options.seed) : options.seed);
  const calls: EmulatorCall[] = [];
  const server = createEmulatorServer(service, settings, calls);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, config.host, config.port)));
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${config.host}:${port}`,
    port,
    calls,
    randomSeed: config.randomSeed,
    service,
    clearCalls: () => void calls.splice(0, calls.length),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const gate of settings.gates) gate.open();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    setLatency: (ms) => void (settings.latencyMs = checkLatency(ms)),
    setThrottleRate: (rate) => void (settings.throttleRate = checkRate(rate)),
    setRateLimit: (rate) => rateLimiter.setRate(checkNonNegative('rateLimit', rate)),
    seed,
    hang: (count, ops) => settings.hang.arm(checkNonNegative('hang', count), ops),
    get hanging() {
      return settings.hang.hanging;
    },
    reset: (count, ops) => settings.reset.arm(checkNonNegative('reset', count), ops),
    internalErrors: (count, ops) => settings.internalErrors.arm(checkNonNegative('internalErrors', count), ops),
    unreadable: (count, ops) => settings.unreadable.arm(checkNonNegative('unreadable', count), ops),
    gate: (ops, match) => {
      const gate = new Gate(ops, match);
      settings.gates.push(gate);
      return gate;
    },
    setHandlerThrottles: (count) => void (faults.handlerThrottles = checkNonNegative('handlerThrottles', count)),
    setRepeatNextToken: (on) => void (faults.repeatNextToken = on),
  };
}

function checkOptions(options: EmulatorOptions) {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) invalid(`Option "port" must be an integer from 0 to 65535, not ${String(port)}.`);
  const asyncPolls = options.asyncPolls;
  if (asyncPolls !== undefined && (!Number.isInteger(asyncPolls) || asyncPolls < 0)) invalid(`Option "asyncPolls" must be a non-negative integer, not ${String(asyncPolls)}.`);
  const retryAfterMs = options.retryAfterMs === undefined ? undefined : checkNonNegative('retryAfterMs', options.retryAfterMs);
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const seed = options.randomSeed;
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0)) invalid(`Option "randomSeed" must be a non-negative integer, not ${String(seed)}.`);
  const randomSeed = options.random ? undefined : (seed ?? drawSeed());
  if (!/^\d{12}$/.test(accountId)) invalid(`Option "accountId" must be twelve digits, not "${accountId}".`);
  return {
    port,
    host: options.host ?? '127.0.0.1',
    latencyMs: checkLatency(options.latencyMs ?? 0),
    throttleRate: checkRate(options.throttleRate ?? 0),
    rateLimit: checkNonNegative('rateLimit', options.rateLimit ?? 0),
    asyncMs: checkNonNegative('asyncMs', options.asyncMs ?? 0),
    asyncPolls,
    retryAfterMs,
    settleMs: checkNonNegative('settleMs', options.settleMs ?? 0),
    handlerThrottles: checkNonNegative('handlerThrottles', options.handlerThrottles ?? 0),
    idleTimeoutMs: checkIdleTimeout(options.idleTimeoutMs ?? IDLE_TIMEOUT_MS),
    accountId,
    randomSeed,
    random: options.random ?? seededRandom(randomSeed),
    clock: options.clock ?? Date.now,
  };
}

function checkNonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) invalid(`Option "${name}" must be a non-negative number, not ${String(value)}.`);
  return value;
}

function checkLatency(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) invalid(`Option "latencyMs" must be a non-negative number, not ${String(ms)}.`);
  return ms;
}

function checkRate(rate: number): number {
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) invalid(`Option "throttleRate" must be a number from 0 to 1, not ${String(rate)}.`);
  return rate;
}

function invalid(message: string): never {
  throw new CcsqlError('INVALID_ARGUMENT', message);
}

function checkPageSize(size: number): number {
  if (!Number.isInteger(size) || size < 1) throw new CcsqlError('INVALID_ARGUMENT', `Option "listPageSize" must be a whole number of 1 or more, not ${String(size)}.`);
  return size;
}

function checkIdleTimeout(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0) invalid(`Option "idleTimeoutMs" must be a positive number of milliseconds, not ${String(ms)}.`);
  return ms;
}

/** A port that cannot be listened on is the caller's choice to change, said in one sentence. */
function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE') return new CcsqlError('INVALID_ARGUMENT', `Port ${port} on ${host} is already in use: pick another with --port, or --port 0 for a free one.`, {}, { cause: error });
  if (error.code === 'EACCES') return new CcsqlError('INVALID_ARGUMENT', `Port ${port} on ${host} may not be listened on by this user: pick one above 1023 with --port, or --port 0 for a free one.`, {}, { cause: error });
  return error;
}
