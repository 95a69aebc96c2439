/**
 * The statement shapes of `npm run bench` (bench/shapes.ts), run in order against one endpoint seed
 * without latency: each makes exactly the calls the table records, so a shape that makes more (or
 * fewer, once a gap is closed: then lower `calls` in bench/shapes.ts) fails here. No read is made
 * twice in a statement. A few shapes are checked call by call.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { imageArn, MEMBERS, SHAPES, type Shape } from '../bench/shapes.js';
import { runShape, shapesEndpoint, type ShapeRun } from '../bench/shapes-run.js';

let emulator: Emulator;
const runs = new Map<string, ShapeRun>();
before(async () => {
  emulator = await startEmulator(shapesEndpoint());
});
after(() => emulator.close());

const get = (name: string, region = 'us-east-1') => `GetResource AWS::SageMaker::Image ${imageArn(name, region)} ${region}`;
const sorted = (calls: readonly string[]) => [...calls].sort();

/** Calls in the order they must arrive (each waits for the one before), or sorted where they overlap. */
const SEQUENCES: Record<string, { readonly calls: readonly string[]; readonly ordered: boolean }> = {
  'point read by Identifier': { ordered: true, calls: [get('img-007')] },
  'LIMIT 3, no ORDER BY': { ordered: false, calls: ['ListResources AWS::SageMaker::Image us-east-1', get('img-000'), get('img-001'), get('img-002')] },
  'CTE over a child IN two keys': {
    ordered: false,
    calls: ['ListResources AWS::SageMaker::ImageVersion {"ImageName":"img-000"} us-east-1', 'ListResources AWS::SageMaker::ImageVersion {"ImageName":"img-001"} us-east-1'],
  },
  'two regions, count by region': {
    ordered: false,
    calls: ['ListResources AWS::SageMaker::Image us-east-1', 'ListResources AWS::SageMaker::Image us-east-1 +page', 'ListResources AWS::SageMaker::Image us-west-2'],
  },
  'one account by account_id': {
    ordered: true,
    calls: [`AssumeRole arn:aws:iam::${MEMBERS[1]}:role/Audit 111111111111 eu-west-1`, `ListResources AWS::Logs::LogGroup ${MEMBERS[1]} eu-west-1`],
  },
  'INSERT --dry-run': { ordered: true, calls: [] },
  'INSERT one': { ordered: true, calls: ['CreateResource AWS::SageMaker::Image eu-west-1', 'GetResourceRequestStatus eu-west-1'] },
  'UPDATE one by Identifier': {
    ordered: true,
    calls: [get('img-010'), `UpdateResource AWS::SageMaker::Image ${imageArn('img-010')} us-east-1`, 'GetResourceRequestStatus us-east-1'],
  },
  'DELETE one by Identifier': {
    ordered: true,
    calls: [get('img-029'), `DeleteResource AWS::SageMaker::Image ${imageArn('img-029')} us-east-1`, 'GetResourceRequestStatus us-east-1'],
  },
};

/** The same call twice in one statement (a status poll may repeat; nothing else may). */
const repeated = (calls: readonly string[]) => calls.filter((c, i) => calls.indexOf(c) !== i && !c.startsWith('GetResourceRequestStatus'));

test('the table has at least twenty shapes, none above its count or below its minimum', () => {
  assert.ok(SHAPES.length >= 20);
  assert.equal(new Set(SHAPES.map((s) => s.name)).size, SHAPES.length, 'names are unique');
  for (const s of SHAPES) {
    assert.ok(s.calls >= s.min, `${s.name}: fewer calls than the minimum means the minimum is wrong`);
    assert.equal(s.gap !== undefined, s.calls > s.min, `${s.name}: a gap is said where, and only where, calls exceed the minimum`);
    assert.ok(s.min === 0 || (s.path >= 1 && s.path <= s.min), `${s.name}: a critical path of ${s.path} calls`);
  }
});

// In the table's order: the writes come last, as they change the estate.
for (const shape of SHAPES) {
  test(`${shape.name}: ${shape.calls} calls (minimum ${shape.min})`, async () => {
    const run = await runShape(emulator, shape as Shape);
    runs.set(shape.name, run);
    assert.equal(run.rows, shape.rows, `${shape.name} returned ${run.rows} rows`);
    assert.equal(run.calls.length, shape.calls, `${shape.name} made ${run.calls.length} calls:\n${run.calls.join('\n')}`);
    assert.deepEqual(repeated(run.calls), []);
    const expected = SEQUENCES[shape.name];
    if (expected) assert.deepEqual(expected.ordered ? run.calls : sorted(run.calls), expected.ordered ? expected.calls : sorted(expected.calls));
  });
}

test('the full child table lists through its parents: images listed, read, their versions listed, read', () => {
  const calls = runs.get('full child table without its key')?.calls ?? [];
  const kinds = calls.map((c) => c.split(' ').slice(0, 2).join(' ') + (c.endsWith('+page') ? ' +page' : ''));
  const count = (k: string) => kinds.filter((x) => x === k).length;
  assert.deepEqual(
    [count('ListResources AWS::SageMaker::Image'), count('ListResources AWS::SageMaker::Image +page'), count('GetResource AWS::SageMaker::Image'), count('ListResources AWS::SageMaker::ImageVersion'), count('GetResource AWS::SageMaker::ImageVersion')],
    [1, 1, 30, 30, 6],
  );
  // Each step waits for the one before it: no version listed before its image is read.
  assert.ok(kinds.lastIndexOf('ListResources AWS::SageMaker::Image +page') < kinds.indexOf('GetResource AWS::SageMaker::ImageVersion'));
});

test('a join on identifiers that reads only what a listing carries lists the log groups once, not 30 reads', () => {
  const calls = runs.get('join on identifier, count only')?.calls ?? [];
  assert.deepEqual(calls.filter((c) => c.includes('LogGroup')), ['ListResources AWS::Logs::LogGroup us-east-1', 'ListResources AWS::Logs::LogGroup us-east-1 +page']);
});
