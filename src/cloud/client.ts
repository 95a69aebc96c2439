/**
 * The only code that talks to AWS: Cloud Control and STS through the real SDK clients, with ccsql's
 * own retries (the SDK's are turned off so every attempt is bounded, traced and counted) and a
 * per-region limiter.
 */

import {
  CloudControlClient,
  CancelResourceRequestCommand,
  CreateResourceCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
  ListResourceRequestsCommand,
  ListResourcesCommand,
  UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { DEFAULT_CONCURRENCY, DEFAULT_RATE_PER_SECOND, type CloudOptions } from './options.js';
import { Limiter } from './limiter.js';
import { DEFAULT_RETRY, isThrottle, withRetry, type RetryOptions } from './retry.js';
import { realTimers, type Timers } from './timers.js';
import { awsErrorName, toCloudError } from './errors.js';
import type { CallTrace, Cloud, ProgressEvent, RequestFilter, ResourceDescription, WriteOptions } from './types.js';

type AnyCommand = { input: object };
interface CallSpec {
  readonly op: string;
  readonly region: string;
  readonly typeName?: string;
  readonly identifier?: string;
  readonly signal?: AbortSignal;
}

/** The Cloud over the SDK's clients; `stats` is the counters object the caller reads. */
export function createSdkCloud(options: CloudOptions, stats: Cloud['stats']): Cloud {
  const timers = options.timers ?? realTimers;
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...options.retry };
  const clients = new Map<string, CloudControlClient>();
  const limiters = new Map<string, Limiter>();
  const base = {
    maxAttempts: 1,
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };

  const clientFor = (region: string): CloudControlClient => {
    let client = clients.get(region);
    if (!client) clients.set(region, (client = new CloudControlClient({ ...base, region })));
    return client;
  };
  const limiterFor = (region: string): Limiter => {
    let limiter = limiters.get(region);
    if (!limiter) {
      limiter = new Limiter(
        { concurrency: options.concurrency ?? DEFAULT_CONCURRENCY, ratePerSecond: options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND },
        timers,
      );
      limiters.set(region, limiter);
    }
    return limiter;
  };

  async function call<T>(spec: CallSpec, send: (signal?: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await withRetry(
        (attempt) => {
          const limiter = limiterFor(spec.region);
          return limiter.run((sentAt) => traced(spec, attempt, send, limiter, sentAt), spec.signal);
        },
        retry,
        timers,
        spec.signal,
      );
    } catch (error) {
      throw toCloudError(error, spec);
    }
  }

  async function traced<T>(spec: CallSpec, attempt: number, send: (signal?: AbortSignal) => Promise<T>, limiter: Limiter, sentAt: number): Promise<T> {
    const started = timers.now();
    stats.calls += 1;
    stats.inFlight += 1;
    try {
      const result = await send(spec.signal);
      limiter.rate.succeeded();
      options.onCall?.({ op: spec.op, region: spec.region, typeName: spec.typeName, identifier: spec.identifier, attempt, ms: timers.now() - started });
      return result;
    } catch (error) {
      if (isThrottle(error)) {
        stats.throttles += 1;
        limiter.rate.throttled(sentAt);
      }
      options.onCall?.({
        op: spec.op, region: spec.region, typeName: spec.typeName, identifier: spec.identifier, attempt,
        ms: timers.now() - started, error: awsErrorName(error),
      });
      throw error;
    } finally {
      stats.inFlight -= 1;
    }
  }

  const sendCC = <T>(region: string, command: AnyCommand) => (signal?: AbortSignal) =>
    clientFor(region).send(command as never, { abortSignal: signal }) as Promise<T>;

  return {
    stats,
    async list(typeName, region, model, signal, onPage) {
      const out: ResourceDescription[] = [];
      let nextToken: string | undefined;
      do {
        const input = { TypeName: typeName, NextToken: nextToken, ...(model ? { ResourceModel: JSON.stringify(model) } : {}) };
        const page = await call<{ ResourceDescriptions?: { Identifier?: string; Properties?: string }[]; NextToken?: string }>(
          { op: 'ListResources', region, typeName, signal },
          sendCC(region, new ListResourcesCommand(input)),
        );
        const described = (page.ResourceDescriptions ?? []).map((d) => ({ identifier: d.Identifier ?? '', properties: parseModel(d.Properties) }));
        out.push(...described);
        onPage?.(described);
        nextToken = page.NextToken;
      } while (nextToken);
      return out;
    },
    async get(typeName, region, identifier, signal) {
      try {
        const answer = await call<{ ResourceDescription?: { Identifier?: string; Properties?: string } }>(
          { op: 'GetResource', region, typeName, identifier, signal },
          sendCC(region, new GetResourceCommand({ TypeName: typeName, Identifier: identifier })),
        );
        const d = answer.ResourceDescription;
        return { identifier: d?.Identifier ?? identifier, properties: parseModel(d?.Properties) };
      } catch (error) {
        if ((error as { details?: { awsErrorName?: string } }).details?.awsErrorName === 'ResourceNotFoundException') return undefined;
        throw error;
      }
    },
    create(typeName, region, desiredState, o = {}) {
      const input = { TypeName: typeName, DesiredState: JSON.stringify(desiredState), ...writeInput(o) };
      return event(call({ op: 'CreateResource', region, typeName, signal: o.signal }, sendCC(region, new CreateResourceCommand(input))));
    },
    update(typeName, region, identifier, patch, o = {}) {
      const input = { TypeName: typeName, Identifier: identifier, PatchDocument: JSON.stringify(patch), ...writeInput(o) };
      return event(call({ op: 'UpdateResource', region, typeName, identifier, signal: o.signal }, sendCC(region, new UpdateResourceCommand(input))));
    },
    delete(typeName, region, identifier, o = {}) {
      const input = { TypeName: typeName, Identifier: identifier, ...writeInput(o) };
      return event(call({ op: 'DeleteResource', region, typeName, identifier, signal: o.signal }, sendCC(region, new DeleteResourceCommand(input))));
    },
    status(region, requestToken, signal) {
      return event(call({ op: 'GetResourceRequestStatus', region, signal }, sendCC(region, new GetResourceRequestStatusCommand({ RequestToken: requestToken }))));
    },
    async listRequests(region, filter: RequestFilter = {}, signal) {
      const out: ProgressEvent[] = [];
      let nextToken: string | undefined;
      do {
        const input = {
          NextToken: nextToken,
          ResourceRequestStatusFilter: { Operations: filter.operations as never, OperationStatuses: filter.statuses as never },
        };
        const page = await call<{ ResourceRequestStatusSummaries?: Record<string, unknown>[]; NextToken?: string }>(
          { op: 'ListResourceRequests', region, signal },
          sendCC(region, new ListResourceRequestsCommand(input)),
        );
        for (const s of page.ResourceRequestStatusSummaries ?? []) out.push(normaliseEvent(s));
        nextToken = page.NextToken;
      } while (nextToken);
      return out;
    },
    cancel(region, requestToken) {
      return event(call({ op: 'CancelResourceRequest', region }, sendCC(region, new CancelResourceRequestCommand({ RequestToken: requestToken }))));
    },
    async whoami(region) {
      const sts = new STSClient({ ...base, region });
      try {
        const answer = await call({ op: 'GetCallerIdentity', region }, (signal) => sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal }));
        return { account: answer.Account ?? '', arn: answer.Arn ?? '', userId: answer.UserId ?? '' };
      } finally {
        sts.destroy();
      }
    },
    destroy() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}

function writeInput(o: WriteOptions): Record<string, string> {
  const input: Record<string, string> = {};
  if (o.clientToken) input.ClientToken = o.clientToken;
  if (o.roleArn) input.RoleArn = o.roleArn;
  if (o.typeVersionId) input.TypeVersionId = o.typeVersionId;
  return input;
}

async function event(answer: Promise<unknown>): Promise<ProgressEvent> {
  const { ProgressEvent: e } = (await answer) as { ProgressEvent?: Record<string, unknown> };
  return normaliseEvent(e ?? {});
}

/** The SDK parses EventTime and RetryAfter into Dates; ccsql reports them as ISO text. */
function normaliseEvent(e: Record<string, unknown>): ProgressEvent {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(e)) {
    if (value === undefined) continue;
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out as ProgressEvent;
}

function parseModel(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}
