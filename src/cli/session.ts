/**
 * Opens the database the command works on, from the shared AWS and database options. `--demo`
 * starts the emulator in this process first (loaded only then, so a plain start stays fast).
 */
import { open, type CcsqlDatabase, type OpenOptions } from '../database.js';
import { CcsqlError } from '../errors.js';
import type { CallTrace } from '../cloud/index.js';
import type { CommonArgs } from './args.js';
import { parseDuration } from './duration.js';
import type { CcsqlWarning } from '../shapes.js';
import { defaultUserCatalogDir } from '../user-catalog/store.js';

export interface Session {
  readonly db: CcsqlDatabase;
  /** The demo endpoint's URL, when `--demo` started one. */
  readonly demoUrl?: string;
  close(): Promise<void>;
}

export function regionsOf(args: Pick<CommonArgs, 'region'>): string[] {
  return listOf(args.region);
}

/** A repeatable, comma-separated option's values. */
function listOf(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((r) => r.split(',')).map((r) => r.trim()).filter((r) => r !== '');
}

/** The accounts options, as open() takes them. */
function accountsOf(args: CommonArgs): Partial<OpenOptions> {
  const profiles = listOf(args.profile);
  const accounts = listOf(args.accounts);
  return {
    ...(profiles.length > 0 ? { profiles } : {}),
    ...(args.roleArn ? { roleArn: args.roleArn } : {}),
    ...(accounts.length > 0 ? { accounts } : {}),
    ...(args.org ? { org: true } : {}),
    ...(args.externalId ? { externalId: args.externalId } : {}),
    ...(args.sessionName ? { sessionName: args.sessionName } : {}),
    ...(args.strict ? { strict: true } : {}),
  };
}

export async function openSession(args: CommonArgs, onCall: (trace: CallTrace) => void, answers: Pick<OpenOptions, 'resume' | 'adopt'> = {}, onWarning?: (warning: CcsqlWarning) => void): Promise<Session> {
  const regions = regionsOf(args);
  const base: OpenOptions = {
    ...answers,
    ...(regions.length > 0 ? { regions } : {}),
    ...accountsOf(args),
    ...(args.db ? { file: args.db } : {}),
    ...(args.concurrency !== undefined ? { concurrency: positive('concurrency', args.concurrency) } : {}),
    ...(args.rate !== undefined ? { ratePerSecond: positive('rate', args.rate) } : {}),
    ...(args.callTimeout !== undefined ? { callTimeoutMs: positive('call-timeout', parseDuration(args.callTimeout, '--call-timeout')) } : {}),
    cacheTtlMs: args.cache === undefined ? 0 : parseDuration(args.cache, '--cache'),
    nowait: args.nowait ?? false,
    onCall,
    ...(onWarning ? { onWarning } : {}),
  };
  // The demo's endpoint serves the bundled catalog, so the demo reads with it too.
  const catalogDir = args.catalogDir ?? defaultUserCatalogDir();
  if (!args.demo) return plain(await open({ ...base, catalogDir, ...(args.endpointUrl ? { endpointUrl: args.endpointUrl } : {}) }));
  if (args.endpointUrl) throw new CcsqlError('INVALID_ARGUMENT', 'Options --demo and --endpoint-url cannot be used together: --demo starts its own endpoint.');
  return openDemo(base, regions);
}

function plain(db: CcsqlDatabase): Session {
  return { db, close: () => db.close() };
}

async function openDemo(base: OpenOptions, regions: string[]): Promise<Session> {
  const [{ startEmulator }, { demoEstate, DEMO_CREDENTIALS, DEMO_REGIONS }] = await Promise.all([
    import('../emulator/index.js'),
    import('./demo-estate.js'),
  ]);
  // One status poll in progress makes writes behave asynchronously, as they do on AWS, without waiting.
  const emulator = await startEmulator({ port: 0, seed: demoEstate(), asyncPolls: 1 });
  try {
    const db = await open({
      ...base,
      regions: regions.length > 0 ? regions : [...DEMO_REGIONS],
      endpointUrl: emulator.url,
      // A copy: the SDK marks the credentials object it is given, so a frozen one would fail.
      credentials: { ...DEMO_CREDENTIALS },
      profile: undefined,
      profiles: undefined,
    });
    return { db, demoUrl: emulator.url, close: async () => void (await db.close(), await emulator.close()) };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

function positive(option: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new CcsqlError('INVALID_ARGUMENT', `Option --${option} must be a positive number, not "${String(value)}".`);
  return value;
}
