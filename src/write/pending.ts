/**
 * How writes an earlier session left unfinished are told to the user: before anything is resent, the
 * user sees what (operation, table, identifier, region, status) and how old it is.
 */
import { CcsqlError } from '../errors.js';
import type { PendingWrite } from '../shapes.js';

export function unfinishedWrites(file: string, pending: readonly PendingWrite[]): CcsqlError {
  const shown = pending.slice(0, 5).map(describePending).join('; ');
  const more = pending.length > 5 ? `; and ${pending.length - 5} more` : '';
  return new CcsqlError(
    'UNFINISHED_WRITES',
    `${file} holds ${pending.length} unfinished write${pending.length === 1 ? '' : 's'} from an earlier session (${shown}${more}): open it with --resume (open({ resume: true })) to send or watch them, or with resume: false to leave them journaled.`,
    { pending },
  );
}

/** `CREATE awscc.sagemaker.images (new) in us-east-1, QUEUED, journaled 3 h ago` */
export function describePending(p: PendingWrite): string {
  return `${p.operation} ${p.table} ${p.identifier ?? '(new)'} in ${p.account ? `account ${p.account}, ` : ''}${p.region}, ${p.status}, journaled ${ago(p.ageMs)} ago`;
}

function ago(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}

const DEFAULT_RESUME_WAIT_MS = 30_000;

export interface ResumeChoice {
  readonly file?: string;
  readonly resume?: boolean | ((pending: readonly PendingWrite[]) => boolean | Promise<boolean>);
  readonly resumeWaitMs?: number;
}

/** Unfinished writes are taken up only when the caller says so, and never hold the open for long. */
export async function resumeOnOpen(db: { pendingWrites(): PendingWrite[]; resume(signal?: AbortSignal, waitMs?: number): Promise<unknown> }, options: ResumeChoice): Promise<void> {
  const pending = db.pendingWrites();
  if (pending.length === 0) return;
  const go = typeof options.resume === 'function' ? await options.resume(pending) : options.resume;
  if (go === undefined) throw unfinishedWrites(options.file ?? 'the database', pending);
  if (go) await db.resume(undefined, options.resumeWaitMs ?? DEFAULT_RESUME_WAIT_MS);
}
