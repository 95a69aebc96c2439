/**
 * A round's answers let the statement run again as a probe while the rest are still in flight, so
 * a child's listings start as its parents' keys arrive (src/bridge/eager-fetch.ts). Shown by order of
 * events, not by time: a gate holds one parent's read, and a child listing must arrive while it is
 * held, which rounds that wait for every call of the one before never let happen.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withDeadline } from './support/child.js';
import { GATE_TIMEOUT } from './support/gate.js';
import { imageArn, imageEstate, session } from './support/session.js';

const IMAGE = 'AWS::SageMaker::Image';
const VERSION = 'AWS::SageMaker::ImageVersion';
const README_JOIN = `SELECT i.image_name, v.version FROM awscc.sagemaker.images i
  JOIN awscc.sagemaker.image_versions v ON v.image_name = i.image_name
  WHERE i.region = 'us-east-1' AND v.region = 'us-east-1' ORDER BY 1, 2`;

test('the README join lists a child\'s versions while another image\'s read is still held, and calls each once', GATE_TIMEOUT, async (t) => {
  const s = await session(imageEstate(30, 1));
  t.after(() => s.close());
  const lastImage = s.emulator.gate(['GetResource'], (body) => body.TypeName === IMAGE && body.Identifier === imageArn('img-029'));
  const children = s.emulator.gate(['ListResources'], (body) => body.TypeName === VERSION);
  const rows = s.db.query(README_JOIN);
  // Only a probe over the images read so far can ask for a version listing while img-029 is held.
  try {
    // Rounds that wait for every call of the one before never list a child while img-029 is held: a
    // deadline, naming what did not come, instead of a hang.
    await withDeadline(children.reached(1), 'a version listing while the read of img-029 is held', 30_000);
    const last = s.emulator.calls.find((c) => c.op === 'GetResource' && c.body.Identifier === imageArn('img-029'));
    assert.ok(last === undefined || last.endSeq === undefined, 'img-029 is not read yet: its round has not ended');
  } finally {
    lastImage.open();
    children.open();
  }
  const result = await rows;
  assert.equal(result.length, 30);
  const calls = s.take();
  assert.deepEqual(calls.filter((c, i) => calls.indexOf(c) !== i), [], 'no call twice');
  assert.equal(calls.length, 2 + 30 + 30 + 30, 'two pages of images, 30 image reads, 30 version listings, 30 version reads');
});

test('a LIMIT that may end the scans early runs no probe: its calls are those of rounds', async (t) => {
  const s = await session(imageEstate(30, 1));
  t.after(() => s.close());
  const rows = await s.db.query("SELECT image_name, image_description FROM awscc.sagemaker.images WHERE region = 'us-east-1' LIMIT 3");
  assert.equal(rows.length, 3);
  assert.deepEqual(s.take().map((c) => c.split(' ')[0]), ['ListResources', 'GetResource', 'GetResource', 'GetResource']);
});
