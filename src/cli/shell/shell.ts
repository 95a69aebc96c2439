import type { RunArgs } from '../args.js';
import type { CliIo } from '../io.js';
import type { Session } from '../session.js';
export async function runShell(_session: Session, _args: RunArgs, io: CliIo): Promise<number> {
  io.stderr('shell: not yet\n');
  return 1;
}
