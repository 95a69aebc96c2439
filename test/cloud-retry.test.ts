/** Which failures ccsql retries, decided on the SDK's own exception classes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AlreadyExistsException,
  ClientTokenConflictException,
  CloudControlServiceException,
  ConcurrentOperationException,
  GeneralServiceException,
  HandlerFailureException,
  HandlerInternalFailureException,
  InvalidCredentialsException,
  InvalidRequestException,
  NetworkFailureException,
  NotUpdatableException,
  ResourceNotFoundException,
  ServiceInternalErrorException,
  ServiceLimitExceededException,
  ThrottlingException,
  TypeNotFoundException,
} from '@aws-sdk/client-cloudcontrol';
import { DEFAULT_RETRY, isRetryable, isThrottle, withRetry } from '../src/cloud/retry.js';
import { VirtualTimers } from './support/virtual-timers.js';

const meta = (httpStatusCode?: number) => ({ $metadata: httpStatusCode === undefined ? {} : { httpStatusCode } });
const message = 'from the test';

/** An error the SDK deserialised without a modelled class: only its name and status are known. */
function unmodelled(name: string, httpStatusCode: number, fault: 'client' | 'server' = 'server') {
  return new CloudControlServiceException({ name, $fault: fault, message, ...meta(httpStatusCode) });
}

function socketError(code: string, name = 'Error') {
  return Object.assign(new Error(`socket: ${code}`), { code, name });
}

test('nothing that is not an error object is retried or counted as throttling', () => {
  for (const value of [undefined, null, 'ThrottlingException', 503, {}]) {
    assert.equal(isRetryable(value), false, String(value));
    assert.equal(isThrottle(value), false, String(value));
  }
});

test('throttling, Cloud Control\'s transient faults, 5xx and socket errors are retried', () => {
  const retried: [string, unknown][] = [
    ['ThrottlingException', new ThrottlingException({ message, ...meta() })],
    ['ThrottlingException over HTTP', new ThrottlingException({ message, ...meta(400) })],
    ['ServiceInternalErrorException', new ServiceInternalErrorException({ message, ...meta() })],
    ['NetworkFailureException', new NetworkFailureException({ message, ...meta() })],
    ['HandlerInternalFailureException', new HandlerInternalFailureException({ message, ...meta() })],
    ['InternalFailure', unmodelled('InternalFailure', 500)],
    ['ServiceUnavailable without status', Object.assign(new Error(message), { name: 'ServiceUnavailable' })],
    ['any 503', unmodelled('Whatever', 503)],
    ['any 599', unmodelled('Whatever', 599)],
    ['429', unmodelled('TooManyRequests', 429, 'client')],
    ['TooManyRequestsException', unmodelled('TooManyRequestsException', 400, 'client')],
    ['RequestLimitExceeded', unmodelled('RequestLimitExceeded', 400, 'client')],
    ['TimeoutError', Object.assign(new Error(message), { name: 'TimeoutError' })],
    ['RequestTimeout', unmodelled('RequestTimeout', 408, 'client')],
    ...['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET'].map((code): [string, unknown] => [code, socketError(code)]),
  ];
  for (const [name, error] of retried) assert.equal(isRetryable(error), true, name);
});

test('mistakes in the request, conflicts and a cancelled call are not retried', () => {
  const final: [string, unknown][] = [
    ['InvalidRequestException', new InvalidRequestException({ message, ...meta(400) })],
    ['ResourceNotFoundException', new ResourceNotFoundException({ message, ...meta(400) })],
    ['AlreadyExistsException', new AlreadyExistsException({ message, ...meta(400) })],
    ['ConcurrentOperationException', new ConcurrentOperationException({ message, ...meta(400) })],
    ['ClientTokenConflictException', new ClientTokenConflictException({ message, ...meta(400) })],
    ['ServiceLimitExceededException', new ServiceLimitExceededException({ message, ...meta(400) })],
    ['TypeNotFoundException', new TypeNotFoundException({ message, ...meta(400) })],
    ['InvalidCredentialsException', new InvalidCredentialsException({ message, ...meta(400) })],
    ['NotUpdatableException', new NotUpdatableException({ message, ...meta(400) })],
    ['GeneralServiceException', new GeneralServiceException({ message, ...meta(400) })],
    ['HandlerFailureException', new HandlerFailureException({ message, ...meta() })],
    ['AccessDeniedException (a clock-skew name, but not a skew the SDK corrected)', unmodelled('AccessDeniedException', 400, 'client')],
    ['AbortError', Object.assign(new Error('aborted'), { name: 'AbortError' })],
    ['AbortError over a reset socket', socketError('ECONNRESET', 'AbortError')],
  ];
  for (const [name, error] of final) assert.equal(isRetryable(error), false, name);
});

test('throttles are counted by the SDK\'s throttling names and status, and any name speaking of throttling', () => {
  const throttles = [
    new ThrottlingException({ message, ...meta() }),
    unmodelled('Throttling', 400, 'client'),
    unmodelled('TooManyRequestsException', 400, 'client'),
    unmodelled('RequestLimitExceeded', 400, 'client'),
    unmodelled('Whatever', 429, 'client'),
    unmodelled('EC2ThrottledException', 400, 'client'),
    unmodelled('HandlerThrottledBySomething', 400, 'client'),
  ];
  for (const error of throttles) assert.equal(isThrottle(error), true, error.name);
  const others = [
    new ServiceInternalErrorException({ message, ...meta() }),
    new InvalidRequestException({ message, ...meta(400) }),
    unmodelled('InternalFailure', 500),
    socketError('ECONNRESET'),
  ];
  for (const error of others) assert.equal(isThrottle(error), false, error.name);
});

test('withRetry tries a real SDK error again after its backoff, and stops at once on a final one', async () => {
  const timers = new VirtualTimers();
  const options = { ...DEFAULT_RETRY, random: () => 1 };
  const thrown = [
    new ServiceInternalErrorException({ message, ...meta() }),
    new NetworkFailureException({ message, ...meta() }),
    new ThrottlingException({ message, ...meta(400) }),
  ];
  const attempts: number[] = [];
  const result = await timers.drive(withRetry(async (n) => {
    attempts.push(n);
    const error = thrown[n - 1];
    if (error) throw error;
    return 'ok';
  }, options, timers));
  assert.equal(result, 'ok');
  assert.deepEqual(attempts, [1, 2, 3, 4]);
  assert.deepEqual(timers.delays, [100, 200, 400]);

  const final = new HandlerFailureException({ message, ...meta() });
  let calls = 0;
  await assert.rejects(timers.drive(withRetry(async () => { calls += 1; throw final; }, options, timers)), final);
  assert.equal(calls, 1);
  assert.deepEqual(timers.delays, [100, 200, 400], 'no further wait');
});
