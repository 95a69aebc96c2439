/**
 * What the command shows about Cloud Control calls on stderr: `--trace` lines (one per attempt, never
 * a credential: the tracer hook only carries the operation, region, type, identifier and timing),
 * and a progress line while a statement waits, on a terminal only.
 */
import type { CallTrace } from '../cloud/index.js';
import type { Cloud } from '../cloud/index.js';

export function traceLine(trace: CallTrace): string {
  const parts = [trace.op, trace.region, trace.typeName, trace.identifier].filter((p) => p !== undefined && p !== '');
  const retry = trace.attempt > 1 ? ` attempt ${trace.attempt}` : '';
  const outcome = trace.error ? ` ${trace.error}` : '';
  return `[trace] ${parts.join(' ')} ${Math.round(trace.ms)}ms${retry}${outcome}\n`;
}

export interface Progress {
  /** Starts showing progress for one statement; returns the function that clears it. */
  start(cloud: Cloud): () => void;
  /**
   * Clears the line and draws nothing until the returned function is called: the shell holds the
   * progress line while it asks a question, or the redraw would erase the question.
   */
  hold?(): () => void;
}

/** A progress line: calls done of calls started, and throttles seen, redrawn in place. */
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
    start(cloud) {
      const base = { ...cloud.stats };
      const draw = () => {
        if (holds > 0) return;
        const started = cloud.stats.calls - base.calls;
        if (started === 0) return;
        const done = started - cloud.stats.inFlight;
        const throttles = cloud.stats.throttles - base.throttles;
        stream.write(`\r\x1b[K${done}/${started} calls${throttles > 0 ? `, ${throttles} throttled` : ''}`);
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
