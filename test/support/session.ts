/**
 * A ccsql database wired to a fresh local endpoint through the real SDK, with every Cloud Control
 * call the library makes recorded (from the endpoint's side, in arrival order).
 */
import { open, type CcsqlDatabase, type OpenOptions } from '../../src/index.js';
import { startEmulator, type Emulator, type EmulatorOptions, type SeedDocument } from '../../src/emulator/index.js';
import { TEST_CREDENTIALS } from './clients.js';
import { replayedSeed } from './random.js';

export interface Session {
  readonly db: CcsqlDatabase;
  readonly emulator: Emulator;
  /** `Op Type Identifier-or-model region` for each call since the last `take`, then forgets them. */
  take(): string[];
  close(): Promise<void>;
}

export async function session(
  seed: SeedDocument,
  options: Partial<OpenOptions> = {},
  emulatorOptions: EmulatorOptions = {},
): Promise<Session> {
  // A replayed seed (CCSQL_TEST_SEED) reaches every endpoint a test did not seed itself.
  const replay = replayedSeed();
  const emulator = await startEmulator({ port: 0, seed, ...(replay === undefined ? {} : { randomSeed: replay }), ...emulatorOptions });
  const db = await open({
    region: 'us-east-1',
    endpointUrl: emulator.url,
    credentials: { ...TEST_CREDENTIALS },
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ratePerSecond: 1000,
    ...options,
  });
  return {
    db,
    emulator,
    take() {
      const described = emulator.calls.map(describeCall);
      emulator.clearCalls();
      return described;
    },
    async close() {
      await db.close();
      await emulator.close();
    },
  };
}

export function describeCall(call: { op: string; region: string; body: Record<string, unknown> }): string {
  const b = call.body as { TypeName?: string; Identifier?: string; ResourceModel?: string; NextToken?: string; PaginationToken?: string; Key?: string };
  const what = b.Identifier ?? b.ResourceModel ?? b.Key ?? '';
  const page = b.NextToken || b.PaginationToken ? ' +page' : '';
  return [call.op, b.TypeName ?? '', what, call.region].filter(Boolean).join(' ') + page;
}

export const ROLE = 'arn:aws:iam::123456789012:role/sagemaker';
export const imageArn = (name: string, region = 'us-east-1') => `arn:aws:sagemaker:${region}:123456789012:image/${name}`;

/** SageMaker images (with `versionsEach` versions each) in us-east-1, and one image in us-west-2. */
export function imageEstate(images: number, versionsEach = 0): SeedDocument {
  const resources: SeedDocument['resources'][number][] = [];
  for (let i = 0; i < images; i += 1) {
    const name = `img-${String(i).padStart(3, '0')}`;
    resources.push({ TypeName: 'AWS::SageMaker::Image', Region: 'us-east-1', Properties: { ImageName: name, ImageRoleArn: ROLE, ImageDescription: `image ${i}`, Tags: [{ Key: 'team', Value: i % 2 ? 'ml' : 'data' }] } });
    for (let v = 0; v < versionsEach; v += 1) {
      resources.push({ TypeName: 'AWS::SageMaker::ImageVersion', Region: 'us-east-1', Properties: { ImageName: name, BaseImage: `123456789012.dkr.ecr.us-east-1.amazonaws.com/${name}:${v}`, Horovod: v % 2 === 0, Alias: 'latest' } });
    }
  }
  resources.push({ TypeName: 'AWS::SageMaker::Image', Region: 'us-west-2', Properties: { ImageName: 'west', ImageRoleArn: ROLE } });
  return { resources };
}
