/**
 * A local Cloud Control endpoint that behaves like AWS, for tests and demos. The real
 * `@aws-sdk/client-cloudcontrol` and `@aws-sdk/client-sts` clients talk to it unchanged.
 *
 * @example
 * const emulator = await startEmulator({ port: 0, asyncMs: 2000, rateLimit: 30 });
 * const client = new CloudControlClient({ endpoint: emulator.url, region: 'us-east-1', credentials });
 * await emulator.close();
 */
import type { AddressInfo } from 'node:net';
import { defaultCatalog, type Catalog } from '../catalog/index.js';
import { CcsqlError } from '../errors.js';
import { RateLimiter } from './faults/rate-limit.js';
import { applySeed, readSeedFile } from './seed.js';
import { createEmulatorServer, type EmulatorCall, type ServerSettings } from './server.js';
import { CloudControlService } from './service.js';
import type { SeedDocument } from './types.js';

export type { EmulatorCall } from './server.js';
export type { SeedDocument, SeedResource } from './types.js';
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
  seed?: SeedDocument | string;
  accountId?: string;
  random?: () => number;
  catalog?: Catalog;
}

export interface Emulator {
  readonly url: string;
  readonly port: number;
  readonly calls: EmulatorCall[];
  /** The service behind the endpoint, for in-process calls that skip HTTP. */
  readonly service: CloudControlService;
  clearCalls(): void;
  close(): Promise<void>;
  setLatency(ms: number): void;
  setThrottleRate(rate: number): void;
  setRateLimit(rate: number): void;
  seed(doc: SeedDocument): void;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const config = checkOptions(options);
  const service = new CloudControlService({
    catalog: options.catalog ?? defaultCatalog(),
    asyncMs: config.asyncMs,
    asyncPolls: config.asyncPolls,
    retryAfterMs: config.retryAfterMs,
    settleMs: config.settleMs,
    random: config.random,
    clock: config.clock,
  });
  const rateLimiter = new RateLimiter(config.rateLimit, config.clock);
  const settings: ServerSettings = {
    latencyMs: config.latencyMs,
    throttleRate: config.throttleRate,
    rateLimiter,
    defaultAccount: config.accountId,
    random: config.random,
  };
  if (options.seed !== undefined) {
    applySeed(service, typeof options.seed === 'string' ? readSeedFile(options.seed) : options.seed, config.accountId);
  }
  const calls: EmulatorCall[] = [];
  const server = createEmulatorServer(service, settings, calls);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${config.host}:${port}`,
    port,
    calls,
    service,
    clearCalls: () => void calls.splice(0, calls.length),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    setLatency: (ms) => void (settings.latencyMs = checkLatency(ms)),
    setThrottleRate: (rate) => void (settings.throttleRate = checkRate(rate)),
    setRateLimit: (rate) => rateLimiter.setRate(checkNonNegative('rateLimit', rate)),
    seed: (doc) => applySeed(service, doc, config.accountId),
  };
}

function checkOptions(options: EmulatorOptions) {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) invalid(`Option "port" must be an integer from 0 to 65535, not ${String(port)}.`);
  const asyncPolls = options.asyncPolls;
  if (asyncPolls !== undefined && (!Number.isInteger(asyncPolls) || asyncPolls < 0)) invalid(`Option "asyncPolls" must be a non-negative integer, not ${String(asyncPolls)}.`);
  const retryAfterMs = options.retryAfterMs === undefined ? undefined : checkNonNegative('retryAfterMs', options.retryAfterMs);
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
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
    accountId,
    random: options.random ?? Math.random,
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
