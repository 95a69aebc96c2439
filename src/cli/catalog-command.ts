/**
 * `ccsql catalog update|status|reset`: a thin shell over the library's user catalog calls
 * (src/user-catalog). Progress and the summary go to stderr and stdout respectively, so
 * `ccsql catalog status` can be read by a script.
 */
import { catalogStatus, defaultUserCatalogDir, resetUserCatalog, updateUserCatalog } from '../user-catalog/index.js';
import type { CatalogArgs } from './args.js';
import type { CliIo } from './io.js';
import { regionsOf } from './session.js';
import { traceLine } from './trace.js';

export async function catalogCommand(args: CatalogArgs, io: CliIo): Promise<number> {
  const dir = args.catalogDir ?? defaultUserCatalogDir();
  if (args.action === 'status') return status(dir, io);
  if (args.action === 'reset') {
    io.stdout(resetUserCatalog(dir) ? `Removed the user catalog in ${dir}: the bundled catalog answers again.\n` : `There was no user catalog in ${dir}: the bundled catalog answers.\n`);
    return 0;
  }
  const started = Date.now();
  const every = (total: number) => Math.max(1, Math.ceil(total / 20));
  const report = await updateUserCatalog({
    catalogDir: dir,
    ...(regionsOf(args)[0] ? { region: regionsOf(args)[0] } : {}),
    ...(args.profile ? { profile: args.profile } : {}),
    ...(args.endpointUrl ? { endpointUrl: args.endpointUrl } : {}),
    ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
    ...(args.rate !== undefined ? { ratePerSecond: args.rate } : {}),
    ...(args.trace ? { onCall: (trace: Parameters<typeof traceLine>[0]) => io.stderr(traceLine(trace)) } : {}),
    onProgress: (done, total) => {
      if (done === 0) io.stderr(`Reading ${total} changed type schemas (DescribeType)…\n`);
      else if (done === total || done % every(total) === 0) io.stderr(`  ${done}/${total}\n`);
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  io.stdout(
    `Updated the catalog from the registry of ${report.region} in ${seconds}s: ${report.listed} types listed, ${report.described} described, ` +
      `${report.differs} differ from the bundled catalog (${report.added} new); ${report.calls} calls, ${report.throttles} throttled. Written to ${report.dir}.\n`,
  );
  return 0;
}

function status(dir: string, io: CliIo): number {
  const s = catalogStatus(dir);
  if (s.source === 'bundled') {
    io.stdout(`Source: the bundled catalog (${s.bundled.join(', ')}).\nNo user catalog in ${dir}; "ccsql catalog update" reads your account's registry.\n`);
    return 0;
  }
  io.stdout(
    `Source: the CloudFormation registry of account ${s.account ?? '?'} in ${s.region}${s.endpoint ? ` (${s.endpoint})` : ''}, read ${s.updatedAt}.\n` +
      `Types: ${s.listed} listed; ${s.differs} differ from the bundled catalog (${s.added} new), and take its place.\n` +
      `Folder: ${dir}; "ccsql catalog reset" goes back to the bundled catalog.\n`,
  );
  return 0;
}
