/**
 * The CloudFormation registry, as `ccsql catalog update` reads it: ListTypes (all pages) and
 * DescribeType through `@aws-sdk/client-cloudformation`. The calls go through the same retries and
 * per-region limiter as Cloud Control's (client.ts hands its `call` in), so an update of every
 * type neither floods the account nor gives up at the first throttle.
 */

import { CloudFormationClient, DescribeTypeCommand, ListTypesCommand } from '@aws-sdk/client-cloudformation';
import { regionalClients } from './regional-clients.js';
import type { RegistryType, RegistryTypeSummary, TypeQuery } from './types.js';

type Call = <T>(spec: { op: string; region: string; typeName?: string; signal?: AbortSignal }, send: (signal?: AbortSignal) => Promise<T>) => Promise<T>;

export function registryCalls(call: Call, base: object) {
  const clients = regionalClients((region) => new CloudFormationClient({ ...base, region }));
  return {
    async listTypes(region: string, query: TypeQuery, signal?: AbortSignal): Promise<RegistryTypeSummary[]> {
      const out: RegistryTypeSummary[] = [];
      let nextToken: string | undefined;
      do {
        const input = { Type: 'RESOURCE' as const, Visibility: query.visibility, ProvisioningType: query.provisioningType, DeprecatedStatus: 'LIVE' as const, MaxResults: 100, NextToken: nextToken };
        const page = await call({ op: 'ListTypes', region, signal }, (s) => clients.of(region).send(new ListTypesCommand(input), { abortSignal: s }));
        for (const t of page.TypeSummaries ?? []) {
          out.push({
            typeName: t.TypeName ?? '',
            visibility: query.visibility,
            provisioningType: query.provisioningType,
            ...(t.TypeArn ? { typeArn: t.TypeArn } : {}),
            ...(t.LastUpdated ? { lastUpdated: t.LastUpdated.toISOString() } : {}),
            ...(t.DefaultVersionId ? { defaultVersionId: t.DefaultVersionId } : {}),
            ...(t.IsActivated !== undefined ? { isActivated: t.IsActivated } : {}),
          });
        }
        nextToken = page.NextToken;
      } while (nextToken);
      return out;
    },
    async describeType(region: string, summary: RegistryTypeSummary, signal?: AbortSignal): Promise<RegistryType> {
      // A public third-party type is described by its Arn; anyone else's by name.
      const input = summary.typeArn && summary.visibility === 'PUBLIC' && !summary.typeName.startsWith('AWS::') ? { Arn: summary.typeArn } : { Type: 'RESOURCE' as const, TypeName: summary.typeName };
      const d = await call({ op: 'DescribeType', region, typeName: summary.typeName, signal }, (s) => clients.of(region).send(new DescribeTypeCommand(input), { abortSignal: s }));
      return {
        typeName: d.TypeName ?? summary.typeName,
        schema: d.Schema ?? '',
        ...(d.Arn ? { typeVersionArn: `${d.Arn}${d.DefaultVersionId && !d.Arn.endsWith(d.DefaultVersionId) ? `/${d.DefaultVersionId}` : ''}` } : {}),
        ...(d.LastUpdated ? { lastUpdated: d.LastUpdated.toISOString() } : {}),
        ...(d.ProvisioningType ? { provisioningType: d.ProvisioningType } : {}),
        visibility: d.Visibility === 'PRIVATE' ? 'PRIVATE' : 'PUBLIC',
        ...(d.IsActivated !== undefined ? { isActivated: d.IsActivated } : {}),
      };
    },
    destroy(): void {
      clients.destroy();
    },
  };
}
