/**
 * Each account's assumed-role credentials are cached for all its clients and assumed again five
 * minutes before they expire; a failed AssumeRole is not kept. The clock is injected: no waiting.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cached, REFRESH_MARGIN_MS, type TemporaryCredentials } from '../src/cloud/assumed-role.js';

const HOUR = 3_600_000;

function source(now: { ms: number }) {
  const calls: number[] = [];
  let fail = false;
  const provider = async (): Promise<TemporaryCredentials> => {
    calls.push(now.ms);
    if (fail) throw Object.assign(new Error('User is not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' });
    return { accessKeyId: `ASIA${calls.length}`, secretAccessKey: 's', sessionToken: 't', expiration: new Date(now.ms + HOUR) };
  };
  return { provider, calls, failNext: (value: boolean) => (fail = value) };
}

test('one AssumeRole serves every caller until five minutes before expiry, then another', async () => {
  const now = { ms: 1_000_000 };
  const s = source(now);
  const credentials = cached(s.provider, () => now.ms);
  const first = await Promise.all([credentials(), credentials(), credentials()]);
  assert.deepEqual(first.map((c) => c.accessKeyId), ['ASIA1', 'ASIA1', 'ASIA1']);
  now.ms += HOUR - REFRESH_MARGIN_MS - 1;
  assert.equal((await credentials()).accessKeyId, 'ASIA1', 'still more than five minutes to go');
  now.ms += 1;
  assert.equal((await credentials()).accessKeyId, 'ASIA2', 'assumed again five minutes before expiry');
  assert.equal(s.calls.length, 2);
});

test('a failed AssumeRole is not kept: the next call tries again', async () => {
  const now = { ms: 0 };
  const s = source(now);
  const credentials = cached(s.provider, () => now.ms);
  s.failNext(true);
  await assert.rejects(credentials(), /sts:AssumeRole/);
  s.failNext(false);
  assert.equal((await credentials()).accessKeyId, 'ASIA2');
  assert.equal(s.calls.length, 2);
});
