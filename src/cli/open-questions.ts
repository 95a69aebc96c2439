/**
 * What the command answers when opening a --db file asks something: unfinished writes from an earlier
 * session, and a file ccsql did not create. A dry run never resends; one-shot runs need --resume or
 * --adopt-db up front; the shell asks, on the terminal, before its prompt starts.
 */
import type { OpenOptions, PendingWrite } from '../database.js';
import type { CommonArgs } from './args.js';
import type { CliIo } from './io.js';

export type OpenAnswers = Pick<OpenOptions, 'resume' | 'adopt'>;

export function openAnswers(args: CommonArgs, io: CliIo, interactive: boolean): OpenAnswers {
  // Pending writes are rare: what describes them is loaded only when there are some.
  const list = async (pending: readonly PendingWrite[]) => {
    const { describePending } = await import('../write/pending.js');
    return pending.map((p) => `  ${describePending(p)}\n`).join('');
  };
  const plural = (n: number) => `${n} unfinished write${n === 1 ? '' : 's'}`;
  let resume: OpenAnswers['resume'];
  if (args.dryRun) {
    resume = async (pending) => (io.stderr(`${plural(pending.length)} in ${args.db} not sent (--dry-run):\n${await list(pending)}`), false);
  } else if (args.resume) {
    resume = async (pending) => (io.stderr(`Resuming ${plural(pending.length)}:\n${await list(pending)}`), true);
  } else if (interactive) {
    resume = async (pending) => ask(`${args.db} holds ${plural(pending.length)} from an earlier session:\n${await list(pending)}Send or watch them now? [y/N] `);
  }
  const adopt: OpenAnswers['adopt'] = args.adoptDb ? true : interactive ? () => ask(`${args.db} was not created by ccsql. Let ccsql add its journal table (ccsql_requests) to it when you write to AWS? [y/N] `) : false;
  return { ...(resume ? { resume } : {}), adopt };
}

async function ask(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
