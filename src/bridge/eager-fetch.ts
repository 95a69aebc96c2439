/**
 * Fetches a round's misses, and starts the next round's as soon as their keys arrive. A round of a
 * join fetches the parents (a listing, and a GetResource per parent whose key column the listing
 * lacks); the children's listings need those keys. Waiting for the whole round before running the
 * statement again makes every child wait for the slowest parent. Instead, while the round's calls
 * are in flight, each answer that lands in the store lets the statement run again as a *probe*: a
 * pass over what has arrived (a listing still reading shows its pages so far), whose only product is
 * the misses it records. Those start at once; the round ends when nothing is in flight, and the next
 * real round finds them fetched.
 *
 * A probe only reads: it runs for a read-only statement without a LIMIT that ends its scans early
 * (a probe over part of a listing could read past what the LIMIT needs) and not while a listing is
 * streamed. It warns of nothing (a parent not found may just not have arrived yet), and a miss a
 * listing could answer for many keys (key-batch.ts) waits for the round's end, where all its keys
 * are weighed together. Probes cost CPU, not calls: their total time is kept under a quarter of the
 * round's, so a statement over thousands of rows probes a few times, not once per answer.
 */

import { SKIPPED } from './account-failures.js';
import type { BridgeContext } from './context.js';
import { isAnswerable } from './key-batch.js';
import type { Loader } from './store.js';

/** Most of a round's time its probes may take. */
const PROBE_SHARE = 0.25;

export async function fetchEagerly(ctx: BridgeContext, misses: Map<string, Loader>, probe: (() => void) | undefined): Promise<void> {
  const { store } = ctx;
  const inFlight = new Map<string, Promise<void>>();
  const errors: unknown[] = [];
  const start = (key: string, loader: Loader): void => {
    if (inFlight.has(key) || store.isFetching(key)) return;
    store.fetching(key);
    const done = loader(store).then(
      (value) => {
        // A skipped account stores nothing: its scans pass it by (account-scope.ts).
        if (value !== SKIPPED) store.put(key, value);
        store.fetched(key);
      },
      (error: unknown) => {
        store.fetched(key);
        errors.push(error);
      },
    );
    inFlight.set(key, done.finally(() => inFlight.delete(key)));
  };
  for (const [key, loader] of misses) start(key, loader);
  const began = performance.now();
  let probing = 0;
  let scheduled = false;
  const runProbe = (): void => {
    scheduled = false;
    if (!probe || errors.length > 0 || inFlight.size === 0 || ctx.signal()?.aborted) return;
    const at = performance.now();
    store.probing = true;
    try {
      ctx.stable?.beginRound();
      probe();
    } catch {
      // A pass over part of the data may fail where the whole would not: the real round decides.
    } finally {
      store.probing = false;
    }
    for (const [key, loader] of store.takeMisses()) if (!isAnswerable(loader)) start(key, loader);
    probing += performance.now() - at;
  };
  const unlisten = store.onPut(() => {
    if (scheduled || !probe || probing > PROBE_SHARE * (performance.now() - began)) return;
    scheduled = true;
    setImmediate(runProbe);
  });
  try {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight.values()]);
  } finally {
    unlisten();
  }
  if (errors.length > 0) throw errors[0];
}
