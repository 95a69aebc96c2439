/** Runs `runEmulatorCommand` in a child process, its arguments given as JSON in argv[2]. */
import { runEmulatorCommand } from '../../src/emulator/cli.js';

await runEmulatorCommand(JSON.parse(process.argv[2] ?? '{}'));
