/**
 * Schema patterns are read as AWS's Java validator reads them: `\A` and `\z` anchor the input.
 * Before, JavaScript read them as the letters A and z, and these four types refused every valid value.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CreateResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { startEmulator } from '../src/emulator/index.js';
import { cloudControlClient } from './support/clients.js';
import { settle } from './support/emulator.js';
import { seededRandom } from './support/random.js';
import { synthesise } from './support/synthesise.js';

const CASES: [string, (base: Record<string, any>, value: string) => Record<string, unknown>, string, string][] = [
  ['AWS::Rekognition::Collection', (base, v) => ({ ...base, CollectionId: v }), 'faces-1', 'faces 1'],
  ['AWS::Rekognition::Project', (base, v) => ({ ...base, Tags: [{ Key: 'team', Value: v }] }), 'ml/vision', 'ml vision'],
  ['AWS::Rekognition::StreamProcessor', (base, v) => ({ ...base, FaceSearchSettings: { CollectionId: v } }), 'faces', 'faces!'],
  ['AWS::DataSync::LocationSMB', (base, v) => ({ ...base, DnsIpAddresses: [v] }), '10.0.0.1', '10.0.0.256'],
];

test('\\A and \\z patterns accept what Java accepts and refuse the rest', async (t) => {
  const emulator = await startEmulator({ port: 0 });
  t.after(() => emulator.close());
  const client = cloudControlClient(emulator.url);
  const random = seededRandom(11);
  for (const [TypeName, withValue, valid, invalid] of CASES) {
    const base = synthesise(emulator.service.options.catalog.byTypeName(TypeName)!, { random })!;
    const create = (value: string) => client.send(new CreateResourceCommand({ TypeName, DesiredState: JSON.stringify(withValue(base, value)) }));
    const { ProgressEvent: started } = await create(valid);
    const done = await settle(client, started!.RequestToken!);
    assert.equal(done.OperationStatus, 'SUCCESS', `${TypeName} accepts ${valid}: ${done.StatusMessage}`);
    await assert.rejects(create(invalid), (error: Error) =>
      error.name === 'ValidationException' && /failed validation constraint for keyword \[pattern\]/.test(error.message),
    );
  }
});
