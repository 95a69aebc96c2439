import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { test } from 'node:test';
import { Limiter } from '../src/cloud/limiter.js';
import { DEFAULT_RETRY, isThrottle, withRetry } from '../src/cloud/retry.js';
import { sleep } from '../src/cloud/timers.js';
import { DEFAULT_CONCURRENCY } from '../src/cloud/options.js';
import { VirtualTimers } from './support/virtual-timers.js';

/** A service that admits `limit` calls a second with a burst of `limit` and answers after `latencyMs`. */
function tokenBucketService(timers: VirtualTimers, limit: number, latencyMs: number) {
  let tokens = limit;
  let last = timers.now();
  const counts = { ok: 0, throttled: 0 };
  const call = async (): Promise<void> => {
    const now = timers.now();
    tokens = Math.min(limit, tokens + ((now - last) * limit) / 1000);
    last = now;
    const admitted = tokens >= 1;
    if (admitted) tokens -= 1;
    await sleep(timers, latencyMs);
    if (!admitted) {
      counts.throttled += 1;
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    }
    counts.ok += 1;
  };
  return { call, counts };
}

/** 2,000 calls through the limiter with the client's retry policy, as the Cloud client makes them. */
async function run(limit: number | undefined, calls = 2000) {
  const timers = new VirtualTimers(0);
  const limiter = new Limiter({ concurrency: DEFAULT_CONCURRENCY, ratePerSecond: Infinity }, timers);
  const service = tokenBucketService(timers, limit ?? 1e9, 100);
  const one = () => withRetry(() => limiter.run(async (sentAt) => {
    try {
      await service.call();
      limiter.rate.succeeded(sentAt);
    } catch (error) {
      if (isThrottle(error)) limiter.rate.throttled(sentAt);
      throw error;
    }
  }), { ...DEFAULT_RETRY, random: seeded(7) }, timers);
  await timers.drive(Promise.all(Array.from({ length: calls }, one)));
  const seconds = timers.now() / 1000;
  return { perSecond: calls / seconds, throttledShare: service.counts.throttled / (service.counts.ok + service.counts.throttled), learned: limiter.rate.rate };
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

for (const limit of [50, 200]) {
  test(`with no setting, the rate found against a service limit of ${limit}/s is ≥ 90% of it with ≤ 5% of calls throttled`, async () => {
    const r = await run(limit);
    assert.ok(r.perSecond >= 0.9 * limit, `ran at ${r.perSecond.toFixed(1)}/s`);
    assert.ok(r.perSecond <= limit * 1.15, `cannot beat the service's limit plus its burst (${r.perSecond.toFixed(1)}/s)`);
    assert.ok(r.throttledShare <= 0.05, `${(r.throttledShare * 100).toFixed(1)}% throttled`);
    assert.ok(r.learned > 0.7 * limit && r.learned < 1.4 * limit, `learned ${r.learned.toFixed(1)}/s`);
  });
}

test('with no service limit the calls are bound by concurrency alone', async () => {
  const r = await run(undefined, 1280);
  // 64 in flight at 100 ms each: 640 calls a second.
  assert.ok(Math.abs(r.perSecond - (DEFAULT_CONCURRENCY * 10)) < 1, `ran at ${r.perSecond}/s`);
  assert.equal(r.throttledShare, 0);
  assert.equal(r.learned, Infinity);
});

test('a cap set by the user is never exceeded, whatever the service allows', async () => {
  const timers = new VirtualTimers(0);
  const limiter = new Limiter({ concurrency: 100, ratePerSecond: 25 }, timers);
  const started: number[] = [];
  await timers.drive(Promise.all(Array.from({ length: 100 }, () => limiter.run(async () => { started.push(timers.now()); }))));
  assert.equal(started.filter((t) => t < 1000).length, 25 + 24, 'a burst of 25, then 25 a second');
  assert.ok(started.at(-1)! >= 2900, `the 100th starts after ${started.at(-1)} ms`);
});

test('100,000 queued calls on one signal hold one abort listener, and all of them run', async () => {
  const timers = new VirtualTimers(0);
  const limiter = new Limiter({ concurrency: 64, ratePerSecond: Infinity }, timers);
  const controller = new AbortController();
  let done = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const all = Promise.all(Array.from({ length: 100_000 }, () => limiter.run(async () => { await gate; done += 1; }, controller.signal)));
  // EventTarget walks its listener list on every add and remove: one listener per call would be quadratic.
  assert.equal(getEventListeners(controller.signal, 'abort').length, 1);
  assert.equal(limiter.inFlight, 64);
  assert.equal(limiter.queued, 100_000 - 64);
  release();
  await timers.drive(all);
  assert.equal(done, 100_000);
  assert.equal(limiter.queued, 0);
});

test('cancelling a signal rejects its queued calls at once and lets the others through', async () => {
  const timers = new VirtualTimers(0);
  const limiter = new Limiter({ concurrency: 1, ratePerSecond: Infinity }, timers);
  const cancelled = new AbortController();
  let release!: () => void;
  const first = limiter.run(() => new Promise<void>((r) => (release = r)));
  const doomed = Array.from({ length: 3 }, () => limiter.run(async () => 'ran', cancelled.signal));
  const kept = limiter.run(async () => 'kept');
  cancelled.abort(new Error('stop'));
  for (const d of doomed) await assert.rejects(d, /stop/);
  assert.equal(limiter.queued, 1);
  release();
  assert.equal(await timers.drive(kept), 'kept');
  await first;
});
