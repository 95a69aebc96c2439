import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { GetResourceCommand, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { startEmulator } from '../src/emulator/index.js';
import { exitOf, firstLine } from './support/child.js';
import { cloudControlClient } from './support/clients.js';
import { IMAGE, IMAGE_VERSION, ROLE_ARN } from './support/emulator.js';

const RUNNER = fileURLToPath(new URL('./support/run-emulator.ts', import.meta.url));

function seedFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ccsql-emulator-')), 'seed.json');
  writeFileSync(
    path,
    JSON.stringify({
      resources: [
        { TypeName: IMAGE, Region: 'us-east-1', Properties: { ImageName: 'demo', ImageRoleArn: ROLE_ARN } },
        {
          TypeName: IMAGE,
          Region: 'eu-west-1',
          Properties: { ImageName: 'given', ImageRoleArn: ROLE_ARN, ImageArn: 'arn:aws:sagemaker:eu-west-1:123456789012:image/given' },
        },
        { TypeName: IMAGE_VERSION, Properties: { ImageName: 'demo', BaseImage: 'img:1' } },
        { TypeName: IMAGE_VERSION, Properties: { ImageName: 'demo', BaseImage: 'img:2' } },
      ],
    }),
  );
  return path;
}

test('a seed file preloads resources, keeping given read-only values and generating the rest', async (t) => {
  const emulator = await startEmulator({ port: 0, seed: seedFile() });
  t.after(() => emulator.close());
  const east = cloudControlClient(emulator.url, 'us-east-1');
  const got = await east.send(
    new GetResourceCommand({ TypeName: IMAGE, Identifier: 'arn:aws:sagemaker:us-east-1:123456789012:image/demo' }),
  );
  assert.equal(JSON.parse(got.ResourceDescription!.Properties!).ImageName, 'demo');
  const versions = await east.send(
    new ListResourcesCommand({ TypeName: IMAGE_VERSION, ResourceModel: JSON.stringify({ ImageName: 'demo' }) }),
  );
  assert.deepEqual(
    versions.ResourceDescriptions?.map((d) => d.Identifier),
    [1, 2].map((n) => `arn:aws:sagemaker:us-east-1:123456789012:image-version/demo/${n}`),
  );
  const west = await cloudControlClient(emulator.url, 'eu-west-1').send(new ListResourcesCommand({ TypeName: IMAGE }));
  assert.deepEqual(west.ResourceDescriptions?.map((d) => d.Identifier), ['arn:aws:sagemaker:eu-west-1:123456789012:image/given']);
  assert.deepEqual(emulator.calls.map((call) => call.op), ['GetResource', 'ListResources', 'ListResources']);
});

test('the emulator command prints its URL first, serves the seed, and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, JSON.stringify({ port: 0, seed: seedFile() })], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const first = await firstLine(child, 'the emulator runner to print its URL');
    assert.match(first, /^http:\/\/127\.0\.0\.1:\d+$/);
    const listed = await cloudControlClient(first).send(new ListResourcesCommand({ TypeName: IMAGE }));
    assert.equal(listed.ResourceDescriptions?.length, 1);
    child.kill('SIGTERM');
    assert.deepEqual(await exitOf(child, 'the emulator runner to stop on SIGTERM'), { code: 0, signal: null });
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

test('a port already in use is refused in one sentence naming it and the way out', async (t) => {
  const first = await startEmulator({ port: 0 });
  t.after(() => first.close());
  await assert.rejects(startEmulator({ port: first.port }), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'INVALID_ARGUMENT');
    assert.equal(error.message, `Port ${first.port} on 127.0.0.1 is already in use: pick another with --port, or --port 0 for a free one.`);
    return true;
  });
});
