/**
 * An answer that is not the service's JSON (HTTP 200, body cut short: the emulator's `unreadable`
 * fault) is told in ccsql's words, through the library and the command: which call, the table and
 * region, the HTTP status, the body's first characters, code UNREADABLE_ANSWER; never the SDK's
 * hint about a hidden `$response` field.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { startEmulator } from '../src/emulator/index.js';
import type { CcsqlError } from '../src/index.js';
import { cloudControlClient } from './support/clients.js';
import { builtBin, runCli, SKIP_UNBUILT } from './support/cli.js';
import { firstLine } from './support/child.js';
import { imageArn, imageEstate, session } from './support/session.js';

const IMAGES = 'awscc.sagemaker.images';
const SDK_WORDS = /hidden field|\$response|Deserialization/;

test('the unreadable fault cuts the body of the next 200 answers of an operation, after the service acted', async (t) => {
  const emulator = await startEmulator({ port: 0, seed: imageEstate(1) });
  t.after(() => emulator.close());
  const client = cloudControlClient(emulator.url);
  const get = () => client.send(new GetResourceCommand({ TypeName: 'AWS::SageMaker::Image', Identifier: imageArn('img-000') }));
  emulator.unreadable(1, ['GetResource']);
  await assert.rejects(get(), (e: Error & { $metadata?: { httpStatusCode?: number } }) => e.name === 'SyntaxError' && e.$metadata?.httpStatusCode === 200);
  assert.equal((await get()).ResourceDescription?.Identifier, imageArn('img-000'), 'one call met it, the next is whole');
  assert.deepEqual(emulator.calls.map((c) => [c.op, c.error]), [['GetResource', undefined], ['GetResource', undefined]]);
});

test('a listing answered unreadably is UNREADABLE_ANSWER naming the call, table, region, status and the body it got', async (t) => {
  const s = await session(imageEstate(2), { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
  t.after(() => s.close());
  s.emulator.unreadable(5, ['ListResources']);
  await assert.rejects(s.db.query(`SELECT image_name FROM ${IMAGES} WHERE region = 'us-east-1'`), (e: CcsqlError) => {
    assert.equal(e.code, 'UNREADABLE_ANSWER', e.message);
    assert.doesNotMatch(e.message, SDK_WORDS);
    assert.ok(!e.message.includes('\n'), 'one line');
    assert.match(e.message, /^Reading awscc\.sagemaker\.images in us-east-1, Cloud Control's answer to ListResources could not be read \(HTTP 200, \d+ bytes beginning '\{"TypeName":"AWS::SageMaker::Image","ResourceDescriptions":\[…'\); a proxy or a connection cut short may have changed it: check --endpoint-url and what lies between ccsql and the endpoint, then try again\.$/);
    assert.equal(e.details.op, 'ListResources');
    assert.equal(e.details.table, IMAGES);
    assert.equal(e.details.httpStatus, 200);
    assert.equal(e.details.bodyStart, '{"TypeName":"AWS::SageMaker::Image","ResourceDescriptions":[');
    assert.ok(typeof e.details.bodyBytes === 'number' && e.details.bodyBytes > 60);
    return true;
  });
  assert.deepEqual(s.take(), ['ListResources AWS::SageMaker::Image us-east-1'], 'a read with an unreadable answer is not a passing fault: one call');
});

test('a point lookup answered unreadably says GetResource and the identifier it read', async (t) => {
  const s = await session(imageEstate(1));
  t.after(() => s.close());
  s.emulator.unreadable(1, ['GetResource']);
  await assert.rejects(s.db.query(`SELECT image_description FROM ${IMAGES} WHERE region = 'us-east-1' AND "Identifier" = '${imageArn('img-000')}'`), (e: CcsqlError) => {
    assert.equal(e.code, 'UNREADABLE_ANSWER', e.message);
    assert.match(e.message, /Cloud Control's answer to GetResource could not be read \(HTTP 200, \d+ bytes beginning '\{"TypeName":"AWS::SageMaker::Image","ResourceDescription":\{/);
    assert.doesNotMatch(e.message, SDK_WORDS);
    assert.equal(e.details.identifier, imageArn('img-000'));
    return true;
  });
});

test('the command prints the same one line and exits 1, against `ccsql emulator --unreadable`', { skip: SKIP_UNBUILT }, async () => {
  const seed = join(mkdtempSync(join(tmpdir(), 'ccsql-unreadable-')), 'seed.json');
  writeFileSync(seed, JSON.stringify(imageEstate(2)));
  // The endpoint's next 100 answers of HTTP 200 cut short, whichever calls they answer.
  const endpoint = spawn(process.execPath, [builtBin(), 'emulator', '--seed', seed, '--unreadable', '100'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const url = await firstLine(endpoint, 'the URL `ccsql emulator --unreadable` prints');
    const run = await runCli(['--endpoint-url', url, '-r', 'us-east-1', `SELECT image_name FROM ${IMAGES}`]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, run.stderr);
    assert.match(lines[0]!, /^Error: Reading awscc\.sagemaker\.images in us-east-1, Cloud Control's answer to ListResources could not be read \(HTTP 200, \d+ bytes beginning '\{"TypeName":"AWS::SageMaker::Image",/);
    assert.doesNotMatch(run.stderr, SDK_WORDS);
  } finally {
    endpoint.kill('SIGTERM');
  }
});
