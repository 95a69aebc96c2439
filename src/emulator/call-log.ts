/**
 * The order of events in the call log. Every call the endpoint records gets a sequence number when it
 * arrives (`startSeq`) and another when its answer is sent (`endSeq`, absent while it is held or hung),
 * from one counter, so whether two calls were in flight together is read from the order of events,
 * not from wall-clock times that the machine's load moves.
 */

export interface Sequenced {
  readonly startSeq: number;
  readonly endSeq?: number | undefined;
}

/** Whether `a` and `b` were in flight together: each arrived before the other was answered. */
export function overlapped(a: Sequenced, b: Sequenced): boolean {
  return a.startSeq < (b.endSeq ?? Infinity) && b.startSeq < (a.endSeq ?? Infinity);
}

/** The most calls in flight at one moment: replays the arrivals and answers in their order. */
export function peakInFlight(calls: readonly Sequenced[]): number {
  const events = calls.flatMap((c) => [{ seq: c.startSeq, step: 1 }, ...(c.endSeq === undefined ? [] : [{ seq: c.endSeq, step: -1 }])]);
  let inFlight = 0;
  let peak = 0;
  for (const { step } of events.sort((x, y) => x.seq - y.seq)) {
    inFlight += step;
    peak = Math.max(peak, inFlight);
  }
  return peak;
}
