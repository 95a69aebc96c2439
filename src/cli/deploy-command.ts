/**
 * `ccsql deploy`: parses the stack arguments, opens the database from the AWS and database options
 * and hands both to the deploy library (src/deploy/). Progress goes to stderr; stdout holds the stack
 * exports as JSON, so `ccsql deploy build … > exports.json` works as --output-file does.
 */
import type { DeployArgs } from './args.js';
import type { CliIo } from './io.js';
import { openAnswers } from './open-questions.js';
import { openSession } from './session.js';
import { CcsqlError } from '../errors.js';

export async function deployCommand(args: DeployArgs, io: CliIo): Promise<number> {
  const { deploy, initStack, readEnv, loadManifest, planText, hasChanges } = await import('../deploy/index.js');
  if (args.action === 'init') {
    if (!args.stackDir) throw new CcsqlError('INVALID_ARGUMENT', 'ccsql deploy init needs the new project\'s name (e.g. ccsql deploy init my-stack).');
    const { dir, files } = initStack(args.stackDir);
    io.stdout(`Wrote ${files.length} files into ${dir}: ${files.join(', ')}\n`);
    return 0;
  }
  if (!args.stackDir || !args.stackEnv) throw new CcsqlError('INVALID_ARGUMENT', `ccsql deploy ${args.action} needs STACK_DIR and STACK_ENV (e.g. ccsql deploy ${args.action} my-stack dev).`);
  // Everything the stack says is read, and every template with it, before a connection is opened.
  loadManifest(args.stackDir);
  const env = readEnv(args.envFile, args.env ?? []);
  // A build killed midway left its writes in the --db journal: the next run takes them up first, so nothing is created twice.
  // The stack's own region (its AWS_REGION) is the default one when -r names none: a statement of an .iql that names no region reads there.
  const region = args.region ?? (env.AWS_REGION ? [env.AWS_REGION] : undefined);
  const session = await openSession({ ...args, ...(region ? { region } : {}) }, () => {}, openAnswers({ ...args, resume: !args.dryRun }, io, false), (warning) => io.stderr(`Warning: ${warning.message}\n`));
  try {
    const report = await deploy(args.action, {
      db: session.db,
      stackDir: args.stackDir,
      stackEnv: args.stackEnv,
      env,
      dryRun: args.dryRun ?? false,
      showQueries: args.showQueries ?? false,
      onFailure: args.onFailure,
      ...(args.outputFile !== undefined ? { outputFile: args.outputFile } : {}),
      log: (line) => io.stderr(`${line}\n`),
    });
    if (report.plan) {
      io.stdout(args.output === 'json' ? `${report.mask(JSON.stringify({ resources: report.plan, changes: hasChanges(report.plan) }, null, 2))}\n` : planText(report.plan, report.mask));
      // As terraform plan -detailed-exitcode: 2 when a build would change something, 0 when not.
      return hasChanges(report.plan) ? 2 : 0;
    }
    const failed = report.outcomes.filter((o) => o.action === 'failed').map((o) => o.resource);
    io.stderr(`ccsql deploy ${args.action}: ${report.outcomes.length} resources, ${report.writes} writes sent${failed.length > 0 ? `, failed and passed over: ${failed.join(', ')}` : ''}${args.dryRun ? ' (dry run)' : ''}\n`);
    if (Object.keys(report.exports).length > 0) io.stdout(`${JSON.stringify(report.exports, null, 2)}\n`);
    return 0;
  } finally {
    await session.close();
  }
}
