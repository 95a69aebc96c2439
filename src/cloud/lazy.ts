/**
 * The Cloud a database is opened with: the AWS SDK (a large load) is imported on the first call, not
 * at start-up, so `ccsql "select 1"` and any statement that touches no resource table start as fast
 * as Node does.
 */

import type { CloudOptions } from './options.js';
import type { Cloud } from './types.js';

/** `stats` is shared when several accounts' clouds count into one set of counters. */
export function createCloud(options: CloudOptions = {}, stats: Cloud['stats'] = { calls: 0, throttles: 0, inFlight: 0 }): Cloud {
  let loaded: Cloud | undefined;
  let loading: Promise<Cloud> | undefined;
  const real = (): Promise<Cloud> =>
    (loading ??= import('./client.js').then(({ createSdkCloud }) => (loaded = createSdkCloud(options, stats))));
  return {
    stats,
    list: async (...args) => (await real()).list(...args),
    listFrom: async (...args) => (await real()).listFrom(...args),
    get: async (...args) => (await real()).get(...args),
    create: async (...args) => (await real()).create(...args),
    update: async (...args) => (await real()).update(...args),
    delete: async (...args) => (await real()).delete(...args),
    status: async (...args) => (await real()).status(...args),
    listRequests: async (...args) => (await real()).listRequests(...args),
    cancel: async (...args) => (await real()).cancel(...args),
    whoami: async (...args) => (await real()).whoami(...args),
    organizationAccounts: async (...args) => (await real()).organizationAccounts(...args),
    enabledRegions: async (...args) => (await real()).enabledRegions(...args),
    taggedResources: async (...args) => (await real()).taggedResources(...args),
    tagKeys: async (...args) => (await real()).tagKeys(...args),
    tagValues: async (...args) => (await real()).tagValues(...args),
    complianceSummary: async (...args) => (await real()).complianceSummary(...args),
    reportCreation: async (...args) => (await real()).reportCreation(...args),
    listTypes: async (...args) => (await real()).listTypes(...args),
    describeType: async (...args) => (await real()).describeType(...args),
    // Only a write that was sent can have been throttled, so the SDK is loaded by then.
    reportThrottle: (...args) => loaded?.reportThrottle(...args),
    destroy: () => loaded?.destroy(),
  };
}
