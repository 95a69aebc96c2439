/**
 * The generic tables StackQL's awscc provider has, over any type by name, plus the caller identity:
 *
 *   awscc.cloud_control.resources         ListResources   (TypeName, optional ResourceModel)
 *   awscc.cloud_control.resource          GetResource     (TypeName, Identifier)
 *   awscc.cloud_control.resource_requests ListResourceRequests (optional ResourceRequestStatusFilter)
 *   awscc.cloud_control.resource_request  GetResourceRequestStatus (RequestToken)
 *   awscc.sts.caller_identity             STS GetCallerIdentity
 *   awscc.tagging.*                       the Resource Groups Tagging API (tagging-tables.ts)
 */

import type { ProgressEvent } from '../cloud/index.js';
import { lookup, required, table, visible, type GenericTable } from './generic-table.js';
import { getKey, getLoader, listKey, listLoader, type Properties } from './loaders.js';
import { TAGGING_TABLES } from './tagging-tables.js';

export type { GenericTable } from './generic-table.js';

export const EVENT_COLUMNS = [
  'TypeName', 'Identifier', 'RequestToken', 'Operation', 'OperationStatus',
  'EventTime', 'ResourceModel', 'StatusMessage', 'ErrorCode', 'RetryAfter',
] as const;

function eventRow(region: string, params: unknown[], e: ProgressEvent): unknown[] {
  return [region, ...params, ...EVENT_COLUMNS.map((c) => (e as Record<string, unknown>)[c] ?? null)];
}

const RESOURCES = 'awscc.cloud_control.resources';
const RESOURCE = 'awscc.cloud_control.resource';
const REQUESTS = 'awscc.cloud_control.resource_requests';
const REQUEST = 'awscc.cloud_control.resource_request';
const CALLER = 'awscc.sts.caller_identity';

export const GENERIC_TABLES: readonly GenericTable[] = [
  table([RESOURCES], 'Lists resources of any type (ListResources).', visible('region', 'TypeName', 'ResourceModel'), ['Identifier', 'Properties'],
    (ctx, place, [typeName, modelText]) => {
      const { region, account: { cloud } } = place;
      const type = required(typeName, 'TypeName', RESOURCES);
      const model = modelText === undefined ? undefined : (JSON.parse(String(modelText)) as Properties);
      const listed = lookup<{ identifier: string; properties: Properties }[]>(ctx, place, listKey(type, region, model), listLoader(cloud, ctx.signal, type, region, place.key, model, false));
      return (listed ?? []).map((d) => [region, type, modelText ?? null, d.identifier, JSON.stringify(d.properties)]);
    }),
  table([RESOURCE], 'Reads one resource of any type (GetResource).', visible('region', 'TypeName', 'Identifier'), ['Properties'],
    (ctx, place, [typeName, identifier]) => {
      const { region, account: { cloud } } = place;
      const type = required(typeName, 'TypeName', RESOURCE);
      const id = required(identifier, 'Identifier', RESOURCE);
      const props = lookup<Properties | null>(ctx, place, getKey(type, region, id), getLoader(cloud, ctx.signal, type, region, id));
      return props ? [[region, type, id, JSON.stringify(props)]] : [];
    }),
  table([REQUESTS], 'Lists resource operation requests (ListResourceRequests).', visible('region', 'ResourceRequestStatusFilter'), [...EVENT_COLUMNS],
    (ctx, place, [filterText]) => {
      const { region, account: { cloud } } = place;
      const filter = filterText === undefined ? {} : (JSON.parse(String(filterText)) as { Operations?: string[]; OperationStatuses?: string[] });
      const key = `requests\u0000${region}\u0000${filterText ?? ''}`;
      const events = lookup<ProgressEvent[]>(ctx, place, key, () => cloud.listRequests(region, { operations: filter.Operations, statuses: filter.OperationStatuses }, ctx.signal()));
      return (events ?? []).map((e) => eventRow(region, [filterText ?? null], e));
    }),
  // RequestToken is the parameter here, so it is not among the columns a second time.
  table([REQUEST], 'Reads the status of one resource operation request (GetResourceRequestStatus).', visible('region', 'RequestToken'), EVENT_COLUMNS.filter((c) => c !== 'RequestToken'),
    (ctx, place, [tokenArg]) => {
      const { region, account: { cloud } } = place;
      const token = required(tokenArg, 'RequestToken', REQUEST);
      const e = lookup<ProgressEvent>(ctx, place, `request\u0000${region}\u0000${token}`, () => cloud.status(region, token, ctx.signal()));
      return e ? [eventRow(region, [token], e).filter((_, i) => i !== 2 + EVENT_COLUMNS.indexOf('RequestToken'))] : [];
    }),
  table([CALLER], 'Who the AWS credentials belong to (STS GetCallerIdentity).', visible('region'), ['account', 'arn', 'user_id'],
    (ctx, place) => {
      const { region, account } = place;
      // The identity account_id is asked with, so one call answers both.
      const who = lookup<{ account: string; arn: string; userId: string }>(ctx, place, `whoami\u0000${region}`, () => ctx.accounts.identity(account, region));
      return who ? [[region, who.account, who.arn, who.userId]] : [];
    }),
  ...TAGGING_TABLES,
];
