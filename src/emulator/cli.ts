/**
 * `ccsql emulator`: starts the endpoint, prints its URL as the first stdout line (scripts read it to
 * find a port chosen with `--port 0`), and serves until SIGINT or SIGTERM.
 */
import { startEmulator, type Emulator } from './index.js';

export interface EmulatorCommandArgs {
  port?: number;
  seed?: string;
  latencyMs?: number;
  listPageSize?: number;
  honourMaxResults?: boolean;
  throttleRate?: number;
  rateLimit?: number;
  asyncMs?: number;
  asyncPolls?: number;
  settleMs?: number;
  schemas?: string;
  handlerThrottles?: number;
  repeatNextToken?: boolean;
  hang?: number;
  reset?: number;
  internalErrors?: number;
  unreadable?: number;
  randomSeed?: number;
}

export interface EmulatorCommandIo {
  /** Where the URL goes; stdout by default. */
  readonly write?: (line: string) => void;
  /** Resolves when the command should stop; SIGINT/SIGTERM by default. */
  readonly stopSignal?: Promise<unknown>;
  /** Called once the emulator listens, before waiting (tests use it to reach the instance). */
  readonly onStart?: (emulator: Emulator) => void;
}

export async function runEmulatorCommand(argv: EmulatorCommandArgs, io: EmulatorCommandIo = {}): Promise<void> {
  const emulator = await startEmulator({
    port: argv.port ?? 0,
    seed: argv.seed,
    latencyMs: argv.latencyMs,
    ...(argv.listPageSize !== undefined ? { listPageSize: argv.listPageSize } : {}),
    ...(argv.honourMaxResults ? { honourMaxResults: true } : {}),
    throttleRate: argv.throttleRate,
    rateLimit: argv.rateLimit,
    asyncMs: argv.asyncMs,
    asyncPolls: argv.asyncPolls,
    settleMs: argv.settleMs,
    schemas: argv.schemas,
    handlerThrottles: argv.handlerThrottles,
    repeatNextToken: argv.repeatNextToken,
    randomSeed: argv.randomSeed,
  });
  if (argv.hang) emulator.hang(argv.hang);
  if (argv.reset) emulator.reset(argv.reset);
  if (argv.internalErrors) emulator.internalErrors(argv.internalErrors);
  if (argv.unreadable) emulator.unreadable(argv.unreadable);
  (io.write ?? ((line: string) => process.stdout.write(`${line}\n`)))(emulator.url);
  io.onStart?.(emulator);
  await (io.stopSignal ?? signalled());
  await emulator.close();
}

function signalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
