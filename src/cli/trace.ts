/**
 * What the command shows about Cloud Control calls on stderr: `--trace` lines (one per attempt, never
 * a credential: the tracer hook only carries the operation, region, type, identifier and timing),
 * and a progress line while a statement waits, on a terminal only.
 */
import type { ListingProgress } from '../bridge/progress.js';
import type { CallTrace, Cloud } from '../cloud/index.js';

export function traceLine(trace: CallTrace): string {
  const parts = [trace.op, trace.account, trace.region, trace.typeName, trace.identifier].filter((p) => p !== undefined && p !== '');
  const retry = trace.attempt > 1 ? ` attempt ${trace.attempt}` : '';
  const outcome = trace.error ? ` ${trace.error}` : '';
  return `[trace] ${parts.join(' ')} ${Math.round(trace.ms)}ms${retry}${outcome}\n`;
}

/** What a progress line reads: the database's call counters and its listings in progress. */
export interface ProgressSource {
  readonly cloud: Cloud;
  readonly progress: readonly ListingProgress[];
  /** How many regions the statement has read so far. */
  readonly regionsRead?: number;
}

export interface Progress {
  /** Starts showing progress for one statement; returns the function that clears it. */
  start(source: ProgressSource): () => void;
  /**
   * Clears the line and draws nothing until the returned function is called: the shell holds the
   * progress line while it asks a question, or the redraw would erase the question.
   */
  hold?(): () => void;
}

/**
 * A progress line redrawn in place: the largest listing's resources done of its total (a floor, `+`,
 * until its last page), their rate and the time left; otherwise calls done of calls started.
 */
export function terminalProgress(stream: Pick<NodeJS.WriteStream, 'write'>, intervalMs = 120): Progress {
  let holds = 0;
  let shown = false;
  return {
    hold() {
      holds += 1;
      if (shown) stream.write('\r\x1b[K');
      shown = false;
      let released = false;
      return () => {
        if (!released) holds -= 1;
        released = true;
      };
    },
    start(source) {
      const { cloud } = source;
      const base = { ...cloud.stats };
      const draw = () => {
        if (holds > 0) return;
        const started = cloud.stats.calls - base.calls;
        if (started === 0) return;
        const throttles = cloud.stats.throttles - base.throttles;
        const line = listingLine(source.progress) ?? `${started - cloud.stats.inFlight}/${started} calls`;
        const regions = source.regionsRead ?? 0;
        stream.write(`\r\x1b[K${line}${regions > 1 ? `, ${regions} regions` : ''}${throttles > 0 ? `, ${throttles} throttled` : ''}`);
        shown = true;
      };
      const timer = setInterval(draw, intervalMs);
      timer.unref();
      return () => {
        clearInterval(timer);
        if (shown) stream.write('\r\x1b[K');
        shown = false;
      };
    },
  };
}

export const noProgress: Progress = { start: () => () => {} };

const count = (n: number): string => n.toLocaleString('en');

/** `logs.log_groups us-east-1: 1,240/5,000, 230/s, 16 s left` for the listing with the most to do. */
export function listingLine(listings: readonly ListingProgress[], now = performance.now()): string | undefined {
  const busiest = [...listings].sort((a, b) => b.listed - a.listed)[0];
  if (!busiest || busiest.listed === 0) return undefined;
  const done = busiest.reading ? busiest.read : busiest.listed;
  const seconds = Math.max(0.001, (now - busiest.startedAt) / 1000);
  const rate = done / seconds;
  const total = busiest.reading ? `/${count(busiest.listed)}${busiest.complete ? '' : '+'}` : busiest.complete ? '' : '+';
  const left = busiest.reading && busiest.complete && rate > 0 ? `, ${Math.ceil((busiest.listed - done) / rate)} s left` : '';
  return `${busiest.label}: ${count(done)}${total}, ${Math.round(rate)}/s${left}`;
}
