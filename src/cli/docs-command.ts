import type { CliIo } from './io.js';
export async function docsCommand(table: string, io: CliIo): Promise<number> {
  io.stdout(`${table}\n`);
  return 0;
}
