/**
 * Progress of a long statement, as MCP progress notifications: sent only when the client gave a
 * progress token, counting the Cloud Control calls made so far (Cloud Control's listings carry no
 * total, so there is none). Calls come in bursts of dozens; one notification per turn of the event
 * loop says the latest count, and none is sent once the answer is on its way.
 */

import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';

export interface Progress {
  calls(count: number): void;
  stop(): void;
}

export function progressOf(extra: RequestHandlerExtra<ServerRequest, ServerNotification>): Progress {
  const token = extra._meta?.progressToken;
  if (token === undefined) return { calls: () => {}, stop: () => {} };
  let latest = 0;
  let sent = 0;
  let queued = false;
  let stopped = false;
  const send = () => {
    queued = false;
    if (stopped || latest <= sent) return;
    sent = latest;
    const message = `${latest} Cloud Control call${latest === 1 ? '' : 's'} made`;
    extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: latest, message } }).catch(() => {});
  };
  return {
    calls(count) {
      latest = count;
      if (queued || stopped) return;
      queued = true;
      setImmediate(send);
    },
    stop() {
      stopped = true;
    },
  };
}
