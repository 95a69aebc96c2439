/**
 * The client's options and defaults, apart from the client itself so that reading them loads no AWS
 * SDK code.
 */

import type { RetryOptions } from './retry.js';
import type { Timers } from './timers.js';
import type { AssumeRoleSettings } from './assumed-role.js';
import type { CallTrace } from './types.js';

/**
 * Enough in flight for the highest rates Cloud Control grants at its usual latency (200 calls a
 * second at 100 ms needs 20), with room to spare; the rate, not this, is what normally binds.
 */
export const DEFAULT_CONCURRENCY = 64;
/** No fixed rate: it is learned per region from throttling (adaptive-rate.ts). */
export const DEFAULT_RATE_PER_SECOND = Infinity;

export interface CloudOptions {
  readonly profile?: string;
  readonly endpointUrl?: string;
  /** Static credentials (tests, the demo); otherwise the standard AWS chain. */
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /**
   * Act as another account: its role, assumed with the credentials above (or the profile's, or the
   * default chain's) and refreshed before they expire.
   */
  readonly assumeRole?: AssumeRoleSettings;
  /** The account these calls act in, when several are queried: traces name it. */
  readonly account?: string;
  /** Most calls in flight per region (a cap; the default is not meant to be the bottleneck). */
  readonly concurrency?: number;
  /** Most calls started per second per region (a cap; by default the rate is learned from throttling). */
  readonly ratePerSecond?: number;
  readonly retry?: Partial<RetryOptions>;
  readonly timers?: Timers;
  /** The longest one attempt of a call may take (default 60 s). */
  readonly callTimeoutMs?: number;
  /** The clock of that limit; the real one by default (tests that drive a hung endpoint inject theirs). */
  readonly callTimers?: Timers;
  readonly onCall?: (trace: CallTrace) => void;
  /** Hears what a person should know but is not an error (dummy keys for a local endpoint). */
  readonly onWarning?: (message: string) => void;
}
