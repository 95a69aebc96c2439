import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Limiter } from '../src/cloud/limiter.js';
import { backoffDelay, withRetry, DEFAULT_RETRY } from '../src/cloud/retry.js';
import type { Timers } from '../src/cloud/timers.js';

/** Timers driven by hand: nothing here waits on the wall clock. */
function manualTimers() {
  let now = 0;
  const pending: { at: number; fn: () => void }[] = [];
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => { const t = { at: now + ms, fn }; pending.push(t); return t; },
    clearTimeout: (h) => { const i = pending.indexOf(h as never); if (i >= 0) pending.splice(i, 1); },
  };
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      await new Promise((r) => setImmediate(r));
      pending.sort((a, b) => a.at - b.at);
      const next = pending[0];
      if (!next || next.at > until) break;
      pending.shift();
      now = next.at;
      next.fn();
    }
    now = until;
    await new Promise((r) => setImmediate(r));
  };
  return { timers, advance, pending };
}

test('the limiter keeps at most `concurrency` tasks in flight', async () => {
  const { timers, advance } = manualTimers();
  const limiter = new Limiter({ concurrency: 3, ratePerSecond: 1000 }, timers);
  let inFlight = 0;
  let peak = 0;
  const task = () => limiter.run(async () => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    await new Promise<void>((r) => timers.setTimeout(r, 10));
    inFlight -= 1;
  });
  const all = Promise.all(Array.from({ length: 10 }, task));
  await advance(1000);
  await all;
  assert.equal(peak, 3);
});

test('the limiter starts at most `ratePerSecond` calls per second after the burst', async () => {
  const { timers, advance } = manualTimers();
  const limiter = new Limiter({ concurrency: 100, ratePerSecond: 10, burst: 5 }, timers);
  const started: number[] = [];
  const all = Promise.all(Array.from({ length: 25 }, () => limiter.run(async () => { started.push(timers.now()); })));
  await advance(3000);
  await all;
  assert.equal(started.filter((t) => t === 0).length, 5, 'the burst starts at once');
  assert.equal(started.filter((t) => t <= 1000).length, 15, '5 + 10 in the first second');
  assert.ok(started.at(-1)! >= 2000 && started.at(-1)! <= 2001, `the 25th starts at 2 s (${started.at(-1)})`);
});

test('retries throttling with growing, jittered delays and gives up on other errors at once', async () => {
  const { timers, advance } = manualTimers();
  const throttle = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
  let attempts = 0;
  const options = { ...DEFAULT_RETRY, random: () => 1 };
  const result = withRetry(async () => { attempts += 1; if (attempts < 4) throw throttle; return 'ok'; }, options, timers);
  await advance(100 + 200 + 400);
  assert.equal(await result, 'ok');
  assert.equal(attempts, 4);
  assert.deepEqual([1, 2, 3, 10].map((n) => backoffDelay(n, options)), [100, 200, 400, 10_000]);

  let other = 0;
  const invalid = Object.assign(new Error('bad'), { name: 'InvalidRequestException' });
  await assert.rejects(withRetry(async () => { other += 1; throw invalid; }, options, timers), invalid);
  assert.equal(other, 1);
});

test('a cancelled wait rejects with the signal reason and leaves no timer behind', async () => {
  const { timers, pending } = manualTimers();
  const controller = new AbortController();
  const throttle = Object.assign(new Error('x'), { name: 'ThrottlingException' });
  let attempts = 0;
  const result = withRetry(async () => { attempts += 1; throw throttle; }, { ...DEFAULT_RETRY, random: () => 1 }, timers, controller.signal);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(pending.map((p) => p.at), [100], 'the backoff before the second attempt is waiting');
  const reason = new Error('cancelled');
  controller.abort(reason);
  await assert.rejects(result, (e) => e === reason);
  assert.deepEqual(pending, [], 'the backoff timer is cleared');
  assert.equal(attempts, 1);
});

test('a call asked ahead starts before the calls waiting in order, and a cancelled one is passed by', async () => {
  const { timers, advance } = manualTimers();
  const limiter = new Limiter({ concurrency: 1, ratePerSecond: 1000 }, timers);
  const started: string[] = [];
  const task = (name: string) => async () => {
    started.push(name);
    await new Promise<void>((r) => timers.setTimeout(r, 10));
  };
  const cancelled = new AbortController();
  const all = [
    limiter.run(task('busy')),
    limiter.run(task('read 1')),
    limiter.run(task('read 2')),
    limiter.run(task('page 2'), undefined, true),
    limiter.run(task('cancelled page'), cancelled.signal, true).catch(() => undefined),
    limiter.run(task('page 3'), undefined, true),
  ];
  assert.equal(limiter.queued, 5);
  cancelled.abort(new Error('cancelled'));
  await advance(1000);
  await Promise.all(all);
  assert.deepEqual(started, ['busy', 'page 2', 'page 3', 'read 1', 'read 2']);
  assert.equal(limiter.queued, 0);
});
