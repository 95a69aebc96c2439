/** GetResourceRequestStatus, ListResourceRequests and CancelResourceRequest. */
import type { ServiceContext } from '../context.js';
import { optionalString, requireString } from '../members.js';
import type { CallContext, JsonObject } from '../types.js';
import { errors, ServiceError } from '../wire.js';

export function getResourceRequestStatus(service: ServiceContext, body: JsonObject, ctx: CallContext): JsonObject {
  const token = requireString(body, 'RequestToken');
  const request = service.scope(ctx).requests.get(token);
  if (!request) throw errors.tokenNotFound(token);
  return { ProgressEvent: request.poll(service.options.clock()) };
}

export function cancelResourceRequest(service: ServiceContext, body: JsonObject, ctx: CallContext): JsonObject {
  const token = requireString(body, 'RequestToken');
  const request = service.scope(ctx).requests.get(token);
  if (!request) throw errors.tokenNotFound(token);
  if (!request.cancel(service.options.clock())) {
    throw new ServiceError(
      'ConcurrentModificationException',
      `Request ${token} is ${request.event.OperationStatus} and can no longer be cancelled; only PENDING or IN_PROGRESS requests can be.`,
    );
  }
  return { ProgressEvent: request.event };
}

/** "The default is 20" (ListResourceRequests MaxResults, API Reference). */
const DEFAULT_PAGE = 20;

export function listResourceRequests(service: ServiceContext, body: JsonObject, ctx: CallContext): JsonObject {
  const filter = (body.ResourceRequestStatusFilter ?? {}) as { Operations?: string[]; OperationStatuses?: string[] };
  const operations = filter.Operations ?? [];
  const statuses = filter.OperationStatuses ?? [];
  const events = [...service.scope(ctx).requests.values()]
    .map((request) => request.event)
    .filter((event) => operations.length === 0 || operations.includes(event.Operation))
    .filter((event) => statuses.length === 0 || statuses.includes(event.OperationStatus));
  const size = typeof body.MaxResults === 'number' ? body.MaxResults : DEFAULT_PAGE;
  const start = decodeOffset(optionalString(body, 'NextToken'));
  const page = events.slice(start, start + size);
  return {
    ResourceRequestStatusSummaries: page.map(({ RetryAfter: _retry, ...event }) => event),
    ...(start + size < events.length ? { NextToken: String(start + size) } : {}),
  };
}

function decodeOffset(token: string | undefined): number {
  if (token === undefined || token === '') return 0;
  if (!/^\d+$/.test(token)) throw errors.invalid('The NextToken is invalid.');
  return Number(token);
}
