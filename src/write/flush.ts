/**
 * Sends journaled changes to Cloud Control and waits for them. Changes to different resources run
 * concurrently (the per-region limiter of src/cloud bounds the calls, as it does for reads); changes
 * to one resource run one after another, in journal order. Every event is journaled as it arrives.
 * A failed change does not stop the others: each ends in an Outcome, and the caller reports them all.
 */

import type { Catalog } from '../catalog/index.js';
import { TERMINAL_STATUSES, type Cloud, type ProgressEvent } from '../cloud/types.js';
import { sleep, type Timers } from '../cloud/timers.js';
import { CcsqlError } from '../errors.js';
import type { Journal, JournalEntry } from './journal.js';
import { handlerTimeoutMs, pollDelay } from './poll.js';

export interface FlushSettings {
  /** The Cloud of the account a change goes to (write/accounts.ts). */
  readonly cloudOf: (entry: JournalEntry) => Cloud;
  readonly journal: Journal;
  readonly timers: Timers;
  readonly catalog: Catalog;
  /** Stop at the first event instead of waiting for a terminal status. */
  readonly nowait: boolean;
  readonly signal?: AbortSignal;
  /** Resources in progress at once (calls are bounded separately by the limiter). */
  readonly resourcesInFlight?: number;
  /** Stop waiting at this time (resuming on open never blocks for a handler's hours); the change stays unfinished. */
  readonly waitUntil?: number;
}

/** `uncertain`: Cloud Control may have accepted the change, but no answer to it could be read. */
export type OutcomeKind = 'done' | 'failed' | 'pending' | 'timeout' | 'uncertain';

export interface Outcome {
  readonly entry: JournalEntry;
  readonly event: ProgressEvent;
  readonly kind: OutcomeKind;
}

const DEFAULT_RESOURCES_IN_FLIGHT = 100;
/** Sends of one change with its ClientToken while its answers cannot be read. */
const MAX_UNREAD_SENDS = 3;

/** Flushes `entries`; the outcomes come back in the same order. */
export async function flush(entries: readonly JournalEntry[], settings: FlushSettings): Promise<Outcome[]> {
  const outcomes = new Map<number, Outcome>();
  const groups = groupByResource(entries);
  await pool(groups, settings.resourcesInFlight ?? DEFAULT_RESOURCES_IN_FLIGHT, async (group) => {
    for (const entry of group) outcomes.set(entry.id, await settle(entry, settings));
  });
  return entries.map((e) => outcomes.get(e.id)!);
}

function groupByResource(entries: readonly JournalEntry[]): JournalEntry[][] {
  const groups = new Map<string, JournalEntry[]>();
  for (const e of entries) {
    const key = e.identifier === undefined ? `new\u0000${e.id}` : `${e.typeName}\u0000${e.account ?? ''}\u0000${e.region}\u0000${e.identifier}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  return [...groups.values()];
}

/** Runs `task` over `items` with at most `limit` at once; the first thrown error (a cancel) wins. */
async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failure) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}

/** Times a change is sent again after its handler was throttled, and the first wait before that. */
export const HANDLER_THROTTLE_RESENDS = 4;
const RESEND_FIRST_MS = 1_000;

/**
 * A change to its final outcome. A request that ends FAILED with ErrorCode Throttling was throttled
 * by the service behind the handler (the handler contract's HandlerErrorCode.Throttling) and changed
 * nothing, so it is sent again, after a backoff, as a new request with a new ClientToken (the old
 * token names the failed request); the region's learned rate hears of the throttle as of a
 * ThrottlingException. Every attempt stays in the journal (ccsql_request_attempts).
 */
async function settle(entry: JournalEntry, s: FlushSettings): Promise<Outcome> {
  let current = entry;
  for (let resends = 0; ; resends += 1) {
    const outcome = await attempt(current, s);
    if (!throttledByHandler(outcome) || resends >= HANDLER_THROTTLE_RESENDS) return outcome;
    s.cloudOf(current).reportThrottle(current.region, outcome.entry.sentAt ?? s.timers.now());
    current = s.journal.newAttempt(outcome.entry, outcome.event);
    await sleep(s.timers, RESEND_FIRST_MS * 2 ** resends, s.signal);
  }
}

function throttledByHandler(outcome: Outcome): boolean {
  return outcome.kind === 'failed' && outcome.event.ErrorCode === 'Throttling' && outcome.entry.requestToken !== undefined;
}

async function attempt(entry: JournalEntry, s: FlushSettings): Promise<Outcome> {
  let current = entry;
  let event: ProgressEvent;
  try {
    event = current.requestToken ? await s.cloudOf(current).status(current.region, current.requestToken, s.signal) : await sendUntilRead(current, s);
  } catch (error) {
    return refused(current, error, s);
  }
  current = record(current, event, s);
  if (s.nowait && !TERMINAL_STATUSES.has(event.OperationStatus ?? '')) return { entry: current, event, kind: 'pending' };
  const handlerDeadline = (current.sentAt ?? s.timers.now()) + handlerTimeoutMs(s.catalog, current.typeName, current.operation);
  const deadline = Math.min(handlerDeadline, s.waitUntil ?? Infinity);
  for (let polls = 0; !TERMINAL_STATUSES.has(event.OperationStatus ?? ''); polls += 1) {
    const now = s.timers.now();
    if (now >= deadline) return { entry: current, event, kind: 'timeout' };
    await sleep(s.timers, Math.min(pollDelay(event, polls), deadline - now), s.signal);
    try {
      event = await s.cloudOf(current).status(current.region, current.requestToken!, s.signal);
    } catch (error) {
      return refused(current, error, s, event);
    }
    current = record(current, event, s);
  }
  return { entry: current, event: finalEvent(current, event), kind: isDone(current, event) ? 'done' : 'failed' };
}

/**
 * Sends a change; when the service answered but the answer could not be read (a 200 cut short), the
 * request may well have been accepted, so it is sent again with the same ClientToken: Cloud Control
 * treats that as a retry of the same request and answers with its ProgressEvent, creating nothing twice
 * ("ClientToken … ensures that the request is processed only once", CreateResource API reference).
 */
async function sendUntilRead(entry: JournalEntry, s: FlushSettings): Promise<ProgressEvent> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await send(entry, s);
    } catch (error) {
      if (attempt >= MAX_UNREAD_SENDS || !isUnreadAnswer(error) || s.signal?.aborted) throw error;
    }
  }
}

/** The service answered, but its answer could not be read. */
export function isUnreadAnswer(error: unknown): boolean {
  const cause = ((error as { cause?: unknown }).cause ?? error) as { $metadata?: { httpStatusCode?: number }; name?: string; message?: string };
  const status = cause?.$metadata?.httpStatusCode;
  return (status !== undefined && status >= 200 && status < 300) || cause?.name === 'SyntaxError' || /Deserialization error/.test(String(cause?.message));
}

function send(entry: JournalEntry, s: FlushSettings): Promise<ProgressEvent> {
  const options = { clientToken: entry.clientToken, roleArn: entry.roleArn, typeVersionId: entry.typeVersionId, signal: s.signal };
  const cloud = s.cloudOf(entry);
  if (entry.operation === 'CREATE') return cloud.create(entry.typeName, entry.region, entry.desiredState ?? {}, options);
  if (entry.operation === 'UPDATE') return cloud.update(entry.typeName, entry.region, entry.identifier!, entry.patch ?? [], options);
  return cloud.delete(entry.typeName, entry.region, entry.identifier!, options);
}

/** A delete whose resource is already gone has done what it was asked. */
function isGone(entry: JournalEntry, errorCode: string | undefined): boolean {
  return entry.operation === 'DELETE' && (errorCode === 'NotFound' || errorCode === 'ResourceNotFoundException');
}

function isDone(entry: JournalEntry, event: ProgressEvent): boolean {
  return event.OperationStatus === 'SUCCESS' || (event.OperationStatus === 'FAILED' && isGone(entry, event.ErrorCode));
}

function finalEvent(entry: JournalEntry, event: ProgressEvent): ProgressEvent {
  if (event.OperationStatus !== 'FAILED' || !isGone(entry, event.ErrorCode)) return event;
  return { ...event, OperationStatus: 'SUCCESS', StatusMessage: `The resource was already gone (${event.ErrorCode}): ${event.StatusMessage ?? ''}`.trim() };
}

function record(entry: JournalEntry, event: ProgressEvent, s: FlushSettings): JournalEntry {
  const status = TERMINAL_STATUSES.has(event.OperationStatus ?? '') && isDone(entry, event) ? 'SUCCESS' : event.OperationStatus;
  return s.journal.record(entry, event, status);
}

/**
 * A call that threw. A cancel stops the flush (the journal keeps the change for the next session).
 * A definite refusal (a 4xx other than throttling) fails the change for good; anything else (throttling
 * that outlasted the retries, a network error) leaves it unfinished, to be resumed.
 */
function refused(entry: JournalEntry, error: unknown, s: FlushSettings, last?: ProgressEvent): Outcome {
  if (s.signal?.aborted || (error instanceof CcsqlError && error.code === 'CANCELLED')) throw error;
  const name = error instanceof CcsqlError ? String(error.details.awsErrorName ?? error.code) : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const event: ProgressEvent = {
    ...last,
    TypeName: entry.typeName,
    ...(entry.identifier !== undefined ? { Identifier: entry.identifier } : {}),
    Operation: entry.operation,
    OperationStatus: 'FAILED',
    ErrorCode: name,
    StatusMessage: message,
    EventTime: new Date(s.timers.now()).toISOString(),
  };
  if (isGone(entry, name)) {
    const done = { ...event, OperationStatus: 'SUCCESS', StatusMessage: `The resource was already gone: ${message}` };
    return { entry: s.journal.record(entry, done, 'SUCCESS'), event: done, kind: 'done' };
  }
  const definite = isDefinite(error) && !last;
  const kept = s.journal.record(entry, event, definite ? 'FAILED' : entry.status);
  return { entry: kept, event, kind: !last && isUnreadAnswer(error) ? 'uncertain' : 'failed' };
}

function isDefinite(error: unknown): boolean {
  const cause = (error as { cause?: { $metadata?: { httpStatusCode?: number }; name?: string } }).cause;
  const status = cause?.$metadata?.httpStatusCode;
  return status !== undefined && status >= 400 && status < 500 && !String(cause?.name).includes('Throttl');
}
