/**
 * The CloudFormation registry over the AWS Query protocol that @aws-sdk/client-cloudformation
 * speaks (form-encoded `Action=ListTypes&Version=2010-05-15`, answered with XML), served from the
 * emulator's catalog: `ListTypes` and `DescribeType` for RESOURCE types, which is what
 * `ccsql catalog update` reads.
 *
 * As the CloudFormation API reference describes them: ListTypes' Visibility defaults to PRIVATE
 * and ProvisioningType to FULLY_MUTABLE; ProvisioningType is NON_PROVISIONABLE for a type without
 * all of the create, read and delete handlers, IMMUTABLE for one without update; DescribeType of an
 * unknown type is TypeNotFoundException (HTTP 404).
 */
import { randomUUID } from 'node:crypto';
import type { Catalog } from '../catalog/index.js';
import { toRegistrySchema } from '../catalog/to-schema.js';
import type { ResourceType } from '../catalog/types.js';

const NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
const PAGE_SIZE = 100;
/** When the bundled types were "registered": a fixed date, so every run of the emulator agrees. */
export const BUNDLED_LAST_UPDATED = '2026-01-01T00:00:00.000Z';

/** How a type is registered in the emulated account: what the catalog alone does not say. */
export interface RegistryEntry {
  readonly visibility: 'PUBLIC' | 'PRIVATE';
  readonly lastUpdated: string;
  readonly versionId: string;
}

export interface RegistrySettings {
  readonly catalog: Catalog;
  /** Types given with `--schemas`; any other is a public type registered at BUNDLED_LAST_UPDATED. */
  readonly entries: ReadonlyMap<string, RegistryEntry>;
}

export interface RegistryAnswer {
  status: number;
  body: string;
  error?: string;
}

export const REGISTRY_ACTIONS = new Set(['ListTypes', 'DescribeType']);

export function registryAnswer(settings: RegistrySettings, form: Record<string, string>, region: string, account: string): RegistryAnswer {
  if (form.Action === 'ListTypes') return listTypes(settings, form, region, account);
  if (form.Action === 'DescribeType') return describeType(settings, form, region, account);
  return registryError('InvalidAction', `Could not find operation ${form.Action ?? ''} for version 2010-05-15`, 400);
}

function entryOf(settings: RegistrySettings, typeName: string): RegistryEntry {
  return settings.entries.get(typeName) ?? { visibility: 'PUBLIC', lastUpdated: BUNDLED_LAST_UPDATED, versionId: '00000001' };
}

export function provisioningTypeOf(type: ResourceType): 'FULLY_MUTABLE' | 'IMMUTABLE' | 'NON_PROVISIONABLE' {
  const { create, read, delete: remove, update } = type.handlers;
  if (!create || !read || !remove) return 'NON_PROVISIONABLE';
  return update ? 'FULLY_MUTABLE' : 'IMMUTABLE';
}

function arnsOf(typeName: string, entry: RegistryEntry, region: string, account: string): { typeArn: string; versionArn: string } {
  const owner = entry.visibility === 'PRIVATE' ? account : '';
  const typeArn = `arn:aws:cloudformation:${region}:${owner}:type/resource/${typeName.replace(/::/g, '-')}`;
  return { typeArn, versionArn: `${typeArn}/${entry.versionId}` };
}

function listTypes(settings: RegistrySettings, form: Record<string, string>, region: string, account: string): RegistryAnswer {
  if ((form.Type ?? 'RESOURCE') !== 'RESOURCE') return page([], undefined);
  const visibility = form.Visibility ?? 'PRIVATE';
  const provisioning = form.ProvisioningType ?? 'FULLY_MUTABLE';
  const max = Math.min(Number(form.MaxResults ?? PAGE_SIZE) || PAGE_SIZE, PAGE_SIZE);
  const start = form.NextToken ? Number(Buffer.from(form.NextToken, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) return registryError('ValidationError', 'The NextToken is not valid.', 400);
  const names = settings.catalog.typeNames().filter((typeName) => entryOf(settings, typeName).visibility === visibility);
  const matching: string[] = [];
  // The provisioning type needs the handlers, so each type file is read; a listing is rare.
  for (const typeName of names) if (provisioningTypeOf(settings.catalog.byTypeName(typeName)!) === provisioning) matching.push(typeName);
  const slice = matching.slice(start, start + max);
  const members = slice.map((typeName) => {
    const entry = entryOf(settings, typeName);
    const type = settings.catalog.byTypeName(typeName)!;
    return (
      '<member><Type>RESOURCE</Type>' +
      `<TypeName>${xml(typeName)}</TypeName><DefaultVersionId>${entry.versionId}</DefaultVersionId>` +
      `<TypeArn>${xml(arnsOf(typeName, entry, region, account).typeArn)}</TypeArn><LastUpdated>${entry.lastUpdated}</LastUpdated>` +
      `<Description>${xml(type.description.slice(0, 200))}</Description><IsActivated>true</IsActivated></member>`
    );
  });
  const next = start + max < matching.length ? Buffer.from(String(start + max)).toString('base64url') : undefined;
  return page(members, next);
}

function page(members: string[], next: string | undefined): RegistryAnswer {
  const token = next ? `<NextToken>${next}</NextToken>` : '';
  return ok('ListTypes', `<TypeSummaries>${members.join('')}</TypeSummaries>${token}`);
}

function describeType(settings: RegistrySettings, form: Record<string, string>, region: string, account: string): RegistryAnswer {
  const typeName = form.TypeName ?? typeNameOfArn(form.Arn);
  const type = typeName ? settings.catalog.byTypeName(typeName) : undefined;
  if (!type) return registryError('TypeNotFoundException', `The type '${typeName ?? form.Arn ?? ''}' cannot be found.`, 404);
  const entry = entryOf(settings, type.typeName);
  const { typeArn, versionArn } = arnsOf(type.typeName, entry, region, account);
  return ok(
    'DescribeType',
    `<Arn>${xml(form.VersionId ? versionArn : typeArn)}</Arn><Type>RESOURCE</Type><TypeName>${xml(type.typeName)}</TypeName>` +
      `<DefaultVersionId>${entry.versionId}</DefaultVersionId><IsDefaultVersion>true</IsDefaultVersion>` +
      `<Description>${xml(type.description)}</Description><Schema>${xml(JSON.stringify(toRegistrySchema(type)))}</Schema>` +
      `<ProvisioningType>${provisioningTypeOf(type)}</ProvisioningType><DeprecatedStatus>LIVE</DeprecatedStatus>` +
      `<Visibility>${entry.visibility}</Visibility><LastUpdated>${entry.lastUpdated}</LastUpdated><TimeCreated>${entry.lastUpdated}</TimeCreated>` +
      `<IsActivated>true</IsActivated>`,
  );
}

/** `arn:aws:cloudformation:r:a:type/resource/Acme-Widgets-Thing[/version]` → `Acme::Widgets::Thing`. */
function typeNameOfArn(arn: string | undefined): string | undefined {
  const part = arn?.split(':type/resource/')[1]?.split('/')[0];
  return part?.replace(/-/g, '::');
}

function ok(action: string, result: string): RegistryAnswer {
  const body = `<${action}Response xmlns="${NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, body };
}

export function registryError(code: string, message: string, status: number): RegistryAnswer {
  const body = `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
  return { status, body, error: code };
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
