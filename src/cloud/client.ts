/**
 * The only code that talks to AWS: Cloud Control, STS, the CloudFormation registry (registry.ts),
 * the Resource Groups Tagging API (tagging.ts) and Account Management (enabled-regions.ts, loaded
 * only for `-r all`) through the real SDK clients, with ccsql's own retries (the SDK's are turned
 * off so every attempt is bounded in time, traced and counted; call.ts), a per-region limiter, listings paged to the end without looping (paging.ts), writes that
 * wait out another request on the same resource (concurrent.ts) and reads that allow for Cloud
 * Control's lag after a write (read-after-write.ts).
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
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { randomUUID } from 'node:crypto';
import { partition } from '@aws-sdk/core/client';
import { makeCall, type CallSpec, type Send } from './call.js';
import { DEFAULT_CALL_TIMEOUT_MS } from './call-timeout.js';
import { CONCURRENT_ROUNDS, isConcurrentOperation, waitForOtherRequest } from './concurrent.js';
import { assumedRoleCredentials } from './assumed-role.js';
import { credentialsFor } from './credentials.js';
import { awsErrorName, toCloudError } from './errors.js';
import { Limiter } from './limiter.js';
import { DEFAULT_CONCURRENCY, DEFAULT_RATE_PER_SECOND, type CloudOptions } from './options.js';
import { allPages, MAX_RESULTS, pagesFrom } from './paging.js';
import { RecentWrites } from './read-after-write.js';
import { regionalClients } from './regional-clients.js';
import { keepAnswerBody } from './unreadable.js';
import { registryCalls } from './registry.js';
import { taggingCalls } from './tagging.js';
import { DEFAULT_RETRY, type RetryOptions } from './retry.js';
import { realTimers, type Timers } from './timers.js';
import type { Cloud, OrganizationAccount, ProgressEvent, RequestFilter, ResourceDescription, WriteOptions } from './types.js';

type AnyCommand = { input: object };

/** The Cloud over the SDK's clients; `stats` is the counters object the caller reads. */
export function createSdkCloud(options: CloudOptions, stats: Cloud['stats']): Cloud {
  const timers = options.timers ?? realTimers;
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...options.retry };
  const limiters = new Map<string, Limiter>();
  const own = credentialsFor(options);
  const role = options.assumeRole;
  // An assumed role's STS client works in the first region this account is called in.
  let stsRegion: string | undefined;
  let assumed: ReturnType<typeof assumedRoleCredentials> | undefined;
  const roleCredentials = () =>
    (assumed ??= assumedRoleCredentials(role!, own, { region: stsRegion ?? 'us-east-1', endpoint: options.endpointUrl, profile: options.profile }))();
  const base = {
    maxAttempts: 1,
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(role ? { credentials: roleCredentials } : own ? { credentials: own } : {}),
  };
  const configFor = (region: string) => {
    stsRegion ??= region;
    return { ...base, region };
  };

  const clients = regionalClients((region) => {
    const client = new CloudControlClient(configFor(region));
    keepAnswerBody(client);
    return client;
  });
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

  const endpointFor = (region: string): string =>
    options.endpointUrl ?? `https://cloudcontrolapi.${region}.${partition(region).dnsSuffix}`;
  const call = makeCall({
    timers,
    callTimers: options.callTimers ?? realTimers,
    callTimeoutMs: options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
    retry,
    limiterFor,
    endpointFor,
    stats,
    onCall: options.onCall && options.account !== undefined ? ((account, onCall) => (trace) => onCall({ ...trace, account }))(options.account, options.onCall) : options.onCall,
  });
  const recent = new RecentWrites(timers);
  /** An event seen: a successful write is remembered for read-after-write. */
  const seen = (region: string) => (e: ProgressEvent): ProgressEvent => (recent.note(region, e), e);

  /** A write on an existing resource: waits out another request on it, then tries again. */
  async function write(spec: CallSpec & { typeName: string; identifier: string }, send: Send<unknown>): Promise<ProgressEvent> {
    for (let round = 1; ; round += 1) {
      try {
        return seen(spec.region)(await event(call(spec, send)));
      } catch (error) {
        if (round > CONCURRENT_ROUNDS || !isConcurrentOperation(error)) throw error;
        await waitForOtherRequest({ timers, listRequests: cloud.listRequests, status: cloud.status }, spec.region, spec.typeName, spec.identifier, spec.signal);
      }
    }
  }

  const registry = registryCalls(call, base);
  const tagging = taggingCalls(call, base);
  /**
   * The command is made when an attempt is sent, not when the call is queued: thousands of reads may
   * wait in the limiter, and a Command each (with its own middleware stack) kept alive until its turn
   * is memory the garbage collector copies over and over.
   */
  const sendCC = <T, I>(region: string, Command: new (input: I) => AnyCommand, input: I): Send<T> => (signal) =>
    clients.of(region).send(new Command(input) as never, { abortSignal: signal }) as Promise<T>;

  const getOnce = async (typeName: string, region: string, identifier: string, signal?: AbortSignal): Promise<ResourceDescription | undefined> => {
    try {
      const answer = await call<{ ResourceDescription?: { Identifier?: string; Properties?: string } }>(
        { op: 'GetResource', region, typeName, identifier, signal },
        sendCC(region, GetResourceCommand, { TypeName: typeName, Identifier: identifier }),
      );
      const d = answer.ResourceDescription;
      return { identifier: d?.Identifier ?? identifier, properties: parseModel(d?.Properties) };
    } catch (error) {
      if ((error as { details?: { awsErrorName?: string } }).details?.awsErrorName === 'ResourceNotFoundException') return undefined;
      throw error;
    }
  };

  const cloud: Cloud = {
    stats,
    async list(typeName, region, model, signal, onPage) {
      const out: ResourceDescription[] = [];
      await cloud.listFrom(typeName, region, model, { signal, onPage: (page) => (out.push(...page), onPage?.(page)) });
      return out;
    },
    listFrom(typeName, region, model, { from, enough, signal, onPage }) {
      const spec = { op: 'ListResources', region, typeName, signal };
      return pagesFrom<{ ResourceDescriptions?: { Identifier?: string; Properties?: string }[]; NextToken?: string }>(
        spec,
        (nextToken) => {
          const input = { TypeName: typeName, MaxResults: MAX_RESULTS, NextToken: nextToken, ...(model ? { ResourceModel: JSON.stringify(model) } : {}) };
          return call(spec, sendCC(region, ListResourcesCommand, input));
        },
        (page) => onPage((page.ResourceDescriptions ?? []).map((d) => ({ identifier: d.Identifier ?? '', properties: parseModel(d.Properties) }))),
        from,
        enough,
      );
    },
    get(typeName, region, identifier, signal) {
      return recent.read(typeName, region, identifier, () => getOnce(typeName, region, identifier, signal), signal);
    },
    create(typeName, region, desiredState, o = {}) {
      // A token even when the caller gave none, so an attempt that timed out is resent as the same request.
      const input = { TypeName: typeName, DesiredState: JSON.stringify(desiredState), ...writeInput({ ...o, clientToken: o.clientToken ?? randomUUID() }) };
      return event(call({ op: 'CreateResource', region, typeName, signal: o.signal }, sendCC(region, CreateResourceCommand, input))).then(seen(region));
    },
    update(typeName, region, identifier, patch, o = {}) {
      const input = { TypeName: typeName, Identifier: identifier, PatchDocument: JSON.stringify(patch), ...writeInput({ ...o, clientToken: o.clientToken ?? randomUUID() }) };
      return write({ op: 'UpdateResource', region, typeName, identifier, signal: o.signal }, sendCC(region, UpdateResourceCommand, input));
    },
    delete(typeName, region, identifier, o = {}) {
      const input = { TypeName: typeName, Identifier: identifier, ...writeInput({ ...o, clientToken: o.clientToken ?? randomUUID() }) };
      return write({ op: 'DeleteResource', region, typeName, identifier, signal: o.signal }, sendCC(region, DeleteResourceCommand, input));
    },
    status(region, requestToken, signal) {
      return event(call({ op: 'GetResourceRequestStatus', region, signal }, sendCC(region, GetResourceRequestStatusCommand, { RequestToken: requestToken }))).then(seen(region));
    },
    async listRequests(region, filter: RequestFilter = {}, signal) {
      const out: ProgressEvent[] = [];
      const spec = { op: 'ListResourceRequests', region, signal };
      await allPages<{ ResourceRequestStatusSummaries?: Record<string, unknown>[]; NextToken?: string }>(
        spec,
        (nextToken) => {
          const input = {
            MaxResults: MAX_RESULTS,
            NextToken: nextToken,
            ResourceRequestStatusFilter: { Operations: filter.operations as never, OperationStatuses: filter.statuses as never },
          };
          return call(spec, sendCC(region, ListResourceRequestsCommand, input));
        },
        (page) => {
          for (const e of page.ResourceRequestStatusSummaries ?? []) out.push(normaliseEvent(e));
        },
      );
      return out;
    },
    reportThrottle(region, sentAt) {
      stats.throttles += 1;
      limiterFor(region).rate.throttled(sentAt);
    },
    cancel(region, requestToken) {
      return event(call({ op: 'CancelResourceRequest', region }, sendCC(region, CancelResourceRequestCommand, { RequestToken: requestToken })));
    },
    async organizationAccounts(region, signal) {
      const organizations = new OrganizationsClient(configFor(region));
      const out: OrganizationAccount[] = [];
      const spec = { op: 'ListAccounts', region, signal };
      try {
        await allPages<{ Accounts?: { Id?: string; Name?: string; Status?: string }[]; NextToken?: string }>(
          spec,
          (nextToken) => call(spec, (s) => organizations.send(new ListAccountsCommand({ NextToken: nextToken }), { abortSignal: s })),
          (page) => {
            for (const a of page.Accounts ?? []) if (a.Id) out.push({ id: a.Id, ...(a.Name ? { name: a.Name } : {}), ...(a.Status ? { status: a.Status } : {}) });
          },
        );
      } finally {
        organizations.destroy();
      }
      return out;
    },
    async whoami(region) {
      const sts = new STSClient(configFor(region));
      try {
        const answer = await call({ op: 'GetCallerIdentity', region }, (signal) => sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal }));
        return { account: answer.Account ?? '', arn: answer.Arn ?? '', userId: answer.UserId ?? '' };
      } finally {
        sts.destroy();
      }
    },
    async enabledRegions(region, signal) {
      const { listEnabledRegions } = await import('./enabled-regions.js');
      return listEnabledRegions(call, configFor(region), signal);
    },
    taggedResources: tagging.taggedResources,
    tagKeys: tagging.tagKeys,
    tagValues: tagging.tagValues,
    complianceSummary: tagging.complianceSummary,
    reportCreation: tagging.reportCreation,
    listTypes: registry.listTypes,
    describeType: registry.describeType,
    destroy() {
      registry.destroy();
      tagging.destroy();
      clients.destroy();
    },
  };
  return cloud;
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
