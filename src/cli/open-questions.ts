/**
 * What the command answers when opening a --db file asks something: unfinished writes from an earlier
 * session, and a file ccsql did not create. A dry run never resends; one-shot runs need --resume or
 * --adopt-db up front; the shell asks, on the terminal, before its prompt starts.
 */
import { createInterface } from 'node:readline/promises';
import type { OpenOptions, PendingWrite } from '../database.js';
import { describePending } from '../write/pending.js';
import type { CommonArgs } from './args.js';
import type { CliIo } from './io.js';

export type OpenAnswers = Pick<OpenOptions, 'resume' | 'adopt'>;

export function openAnswers(args: CommonArgs, io: CliIo, interactive: boolean): OpenAnswers {
  const list = (pending: readonly PendingWrite[]) => pending.map((p) => `  ${describePending(p)}\n`).join('');
  const plural = (n: number) => `${n} unfinished write${n === 1 ? '' : 's'}`;
  let resume: OpenAnswers['resume'];
  if (args.dryRun) {
    resume = (pending) => (io.stderr(`${plural(pending.length)} in ${args.db} not sent (--dry-run):\n${list(pending)}`), false);
  } else if (args.resume) {
    resume = (pending) => (io.stderr(`Resuming ${plural(pending.length)}:\n${list(pending)}`), true);
  } else if (interactive) {
    resume = (pending) => ask(`${args.db} holds ${plural(pending.length)} from an earlier session:\n${list(pending)}Send or watch them now? [y/N] `);
  }
  const adopt: OpenAnswers['adopt'] = args.adoptDb ? true : interactive ? () => ask(`${args.db} was not created by ccsql. Let ccsql add its journal table (ccsql_requests) to it when you write to AWS? [y/N] `) : false;
  return { ...(resume ? { resume } : {}), adopt };
}

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
