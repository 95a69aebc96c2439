/**
 * The flusher against a scripted Cloud on a virtual clock: RetryAfter, handler timeouts, ordering
 * per resource, concurrency across resources and failures, with no real waiting. The script gives
 * exact sequences the endpoint cannot be asked for (a RetryAfter on every event, a status that stays
 * IN_PROGRESS for hours); write-flush-http.test.ts runs each behaviour once against the emulator over
 * HTTP, through the real SDK and cloud layer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { defaultCatalog } from '../src/catalog/index.js';
import type { Cloud, ProgressEvent } from '../src/cloud/types.js';
import { flush, type FlushSettings } from '../src/write/flush.js';
import { Journal } from '../src/write/journal.js';
import type { Change } from '../src/write/plan.js';
import { VirtualTimers } from './support/virtual-timers.js';

type Script = (call: { op: string; token: string; n: number; identifier?: string }) => Partial<ProgressEvent>;

/** A Cloud whose every write answers IN_PROGRESS and whose status polls follow `script`. */
function scriptedCloud(timers: VirtualTimers, script: Script, log: string[]): Cloud {
  const polls = new Map<string, number>();
  const identifiers = new Map<string, string | undefined>();
  let tokens = 0;
  const event = (op: string, token: string, extra: Partial<ProgressEvent>): ProgressEvent => ({
    Operation: op, RequestToken: token, OperationStatus: 'IN_PROGRESS', EventTime: new Date(timers.now()).toISOString(), ...extra,
  });
  const write = (op: string) => async (_type: string, _region: string, identifier: unknown): Promise<ProgressEvent> => {
    const token = `t${(tokens += 1)}`;
    const id = typeof identifier === 'string' ? identifier : undefined;
    identifiers.set(token, id);
    log.push(`${op} ${id ?? token}`);
    return event(op, token, script({ op, token, n: 0, identifier: id }));
  };
  return {
    create: write('CREATE'),
    update: write('UPDATE'),
    delete: write('DELETE'),
    async status(_region: string, token: string) {
      const n = (polls.get(token) ?? 0) + 1;
      polls.set(token, n);
      const id = identifiers.get(token);
      const answer = script({ op: 'STATUS', token, n, identifier: id });
      log.push(`STATUS ${id ?? token} ${answer.OperationStatus ?? 'IN_PROGRESS'}`);
      return event('STATUS', token, answer);
    },
  } as unknown as Cloud;
}

function setup(script: Script) {
  const timers = new VirtualTimers();
  const log: string[] = [];
  const journal = new Journal(new BetterSqlite3(':memory:'), () => timers.now());
  const cloud = scriptedCloud(timers, script, log);
  const settings: FlushSettings = { cloudOf: () => cloud, journal, timers, catalog: defaultCatalog(), nowait: false };
  return { timers, log, journal, settings };
}

const change = (operation: Change['operation'], identifier?: string, typeName = 'AWS::SageMaker::Image'): Change => ({
  typeName, table: 'awscc.x', region: 'us-east-1', operation, ...(identifier ? { identifier } : {}), ...(operation === 'CREATE' ? { desiredState: {} } : operation === 'UPDATE' ? { patch: [] } : {}),
});

test('status polls wait as long as RetryAfter says, measured from the event time', async () => {
  const { timers, settings, journal } = setup(({ n }) => {
    const at = timers.now();
    return n < 3 ? { EventTime: new Date(at).toISOString(), RetryAfter: new Date(at + 30_000).toISOString() } : { OperationStatus: 'SUCCESS', Identifier: 'id-1' };
  });
  const [outcome] = await timers.drive(flush(journal.append([change('CREATE')]), settings));
  assert.equal(outcome!.kind, 'done');
  assert.deepEqual(timers.delays, [30_000, 30_000, 30_000]);
  assert.equal(outcome!.entry.identifier, 'id-1');
});

test('without RetryAfter the wait doubles from one second up to ten', async () => {
  const { timers, settings, journal } = setup(({ n }) => (n < 6 ? {} : { OperationStatus: 'SUCCESS' }));
  await timers.drive(flush(journal.append([change('DELETE', 'r1')]), settings));
  assert.deepEqual(timers.delays, [1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
});

test('a request still running at the handler timeout (720 minutes for ImageBuilder images) ends as timeout', async () => {
  const { timers, settings, journal } = setup(() => ({ RetryAfter: new Date(timers.now() + 600_000).toISOString() }));
  const started = timers.now();
  const [outcome] = await timers.drive(flush(journal.append([change('CREATE', undefined, 'AWS::ImageBuilder::Image')]), settings));
  assert.equal(outcome!.kind, 'timeout');
  assert.equal(timers.now() - started, 720 * 60_000);
  assert.equal(journal.unfinished().length, 1, 'a timed-out change stays unfinished, to be resumed');

  const other = setup(() => ({ RetryAfter: new Date(other.timers.now() + 600_000).toISOString() }));
  const t0 = other.timers.now();
  await other.timers.drive(flush(other.journal.append([change('UPDATE', 'img')]), other.settings));
  assert.equal(other.timers.now() - t0, 120 * 60_000, 'the default handler timeout is 120 minutes');
});

test('changes to one resource run one after another; changes to different resources at once', async () => {
  const { timers, settings, journal, log } = setup(({ n }) => (n < 2 ? {} : { OperationStatus: 'SUCCESS' }));
  await timers.drive(flush(journal.append([change('UPDATE', 'a'), change('UPDATE', 'b'), change('UPDATE', 'a'), change('CREATE'), change('CREATE')]), settings));
  const firstStatus = log.findIndex((l) => l.startsWith('STATUS'));
  assert.deepEqual(log.slice(0, firstStatus).sort(), ['CREATE t3', 'CREATE t4', 'UPDATE a', 'UPDATE b'], 'all resources start before any poll');
  const aDone = log.indexOf('STATUS a SUCCESS');
  const secondA = log.lastIndexOf('UPDATE a');
  assert.ok(aDone >= 0 && secondA > aDone, `the second update of a waits for the first:\n${log.join('\n')}`);
});

test('one failed change does not hide the others, and a gone resource counts as deleted', async () => {
  const { timers, settings, journal } = setup(({ identifier, n }) => {
    if (n === 0) return {};
    if (identifier === 'bad') return { OperationStatus: 'FAILED', ErrorCode: 'InvalidRequest', StatusMessage: 'no' };
    if (identifier === 'gone') return { OperationStatus: 'FAILED', ErrorCode: 'NotFound', StatusMessage: 'not there' };
    return { OperationStatus: 'SUCCESS' };
  });
  const outcomes = await timers.drive(flush(journal.append([change('UPDATE', 'ok'), change('UPDATE', 'bad'), change('DELETE', 'gone')]), settings));
  assert.deepEqual(outcomes.map((o) => [o.kind, o.event.OperationStatus, o.event.ErrorCode]), [
    ['done', 'SUCCESS', undefined],
    ['failed', 'FAILED', 'InvalidRequest'],
    ['done', 'SUCCESS', 'NotFound'],
  ]);
  assert.equal(journal.unfinished().length, 0);
});

test('nowait stops at the first event and leaves the change unfinished in the journal', async () => {
  const { timers, settings, journal, log } = setup(() => ({}));
  const [outcome] = await timers.drive(flush(journal.append([change('DELETE', 'x')]), { ...settings, nowait: true }));
  assert.equal(outcome!.kind, 'pending');
  assert.deepEqual(log, ['DELETE x']);
  assert.equal(journal.unfinished()[0]!.requestToken, 't1');
});
