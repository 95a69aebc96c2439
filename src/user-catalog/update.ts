/**
 * `ccsql catalog update`: reads the CloudFormation registry of the user's account and region and
 * writes the user catalog (store.ts). ListTypes for every RESOURCE type Cloud Control can
 * provision (FULLY_MUTABLE and IMMUTABLE, PUBLIC and PRIVATE) and for the NON_PROVISIONABLE ones
 * (whose tables then say why they cannot be used); DescribeType only for a type whose LastUpdated
 * or default version differs from the last update's. Every call goes through the Cloud client, so
 * the describes run concurrently under its per-region limiter and retries.
 *
 * A type is kept in the user catalog when it differs from the bundled one (newer properties, a
 * private type, an unavailable one); the bundled catalog answers for every other type, so the user
 * catalog stays small. A bundled type's service-spec columns and references are carried over.
 */

import { buildCatalog } from '../catalog/build.js';
import { generateResourceType, type GenerateOptions, type RegistrySchema } from '../catalog/generate.js';
import type { Catalog } from '../catalog/index.js';
import { namespaceOf } from '../catalog/naming.js';
import { applySupplement, supplementOf, type Supplement, type TypeSupplement } from '../catalog/supplement.js';
import { toRegistrySchema } from '../catalog/to-schema.js';
import type { ResourceType, Unavailable } from '../catalog/types.js';
import type { Cloud, RegistryType, RegistryTypeSummary } from '../cloud/index.js';
import { PROVISIONING_TYPES, VISIBILITIES } from '../cloud/index.js';
import { CcsqlError } from '../errors.js';
import { loadUserCatalog, readState, writeUserCatalog, type TypeRecord, type UserCatalogState } from './store.js';

export interface UpdateOptions {
  readonly cloud: Cloud;
  readonly region: string;
  readonly dir: string;
  readonly bundled: Catalog;
  readonly endpoint?: string;
  readonly signal?: AbortSignal;
  /** Hears the describes' progress (the CLI prints it on stderr). */
  readonly onProgress?: (done: number, total: number) => void;
  readonly now?: () => number;
}

export interface UpdateReport {
  /** Types the registry listed. */
  readonly listed: number;
  /** DescribeType calls made (unchanged types are not described again). */
  readonly described: number;
  /** Types that differ from the bundled catalog (in the user catalog now). */
  readonly differs: number;
  /** Of those, types the bundled catalog does not have. */
  readonly added: number;
}

interface Described {
  readonly summary: RegistryTypeSummary;
  readonly schema: RegistrySchema;
  readonly details?: RegistryType;
  readonly unavailable?: Unavailable;
  /** Kept from the last update: its DescribeType answer is not asked again. */
  readonly typeVersionArn?: string;
}

export async function updateCatalog(options: UpdateOptions): Promise<UpdateReport> {
  const { cloud, region, signal, bundled } = options;
  const previous = readState(options.dir);
  const previousCatalog = previous?.region === region ? loadUserCatalog(options.dir) : undefined;
  const [identity, listings] = await Promise.all([
    cloud.whoami(region),
    Promise.all(VISIBILITIES.flatMap((visibility) => PROVISIONING_TYPES.map((provisioningType) => cloud.listTypes(region, { visibility, provisioningType }, signal)))),
  ]);
  const summaries = listings.flat();
  const records: Record<string, TypeRecord> = {};
  const kept: Described[] = [];
  const toDescribe: RegistryTypeSummary[] = [];
  for (const summary of summaries) {
    const before = previous?.region === region ? previous.types[summary.typeName] : undefined;
    const unchanged = before !== undefined && before.lastUpdated === summary.lastUpdated && before.versionId === summary.defaultVersionId && before.provisioningType === summary.provisioningType;
    if (unchanged && !before.differs) records[summary.typeName] = before;
    else if (unchanged && previousCatalog?.has(summary.typeName)) kept.push(keptEntry(summary, previousCatalog.byTypeName(summary.typeName)!));
    else if (summary.provisioningType === 'NON_PROVISIONABLE' && bundled.has(summary.typeName)) kept.push(keptEntry(summary, bundled.byTypeName(summary.typeName)!, notProvisionable()));
    else toDescribe.push(summary);
  }
  let done = 0;
  options.onProgress?.(0, toDescribe.length);
  const described = await Promise.all(
    toDescribe.map(async (summary) => {
      const details = await cloud.describeType(region, summary, signal);
      options.onProgress?.((done += 1), toDescribe.length);
      return { summary, details, schema: parseSchema(details), ...unavailableOf(summary) };
    }),
  );
  const candidates = [...kept, ...described];
  const supplements = new Map<string, TypeSupplement>();
  for (const c of candidates) {
    const base = bundled.has(c.summary.typeName) ? bundled.byTypeName(c.summary.typeName) : undefined;
    if (base) supplements.set(c.summary.typeName, supplementOf(base, 'service-spec'));
  }
  const optionsOf = generateOptions(candidates, region);
  const differing = candidates.filter((c) => {
    const base = bundled.has(c.summary.typeName) ? bundled.byTypeName(c.summary.typeName) : undefined;
    const generated = applySupplement(generateResourceType(c.schema, optionsOf(c.schema)), supplements.get(c.summary.typeName), 'service-spec');
    return !base || c.unavailable !== undefined || !sameType(generated, base);
  });
  for (const c of candidates) {
    records[c.summary.typeName] = recordOf(c.summary, differing.includes(c));
  }
  const supplement: Supplement = { input: 'bundled catalog', source: 'service-spec', types: supplements };
  const built = buildCatalog(differing.map((c) => c.schema), { supplement, optionsOf, inputs: [`CloudFormation registry of ${identity.account} in ${region}`] });
  const state: UserCatalogState = {
    version: 1,
    region,
    account: identity.account,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    updatedAt: new Date((options.now ?? Date.now)()).toISOString(),
    bundled: [...(bundledInputs(bundled) ?? [])],
    types: records,
  };
  writeUserCatalog(options.dir, built.files, state);
  return { listed: summaries.length, described: described.length, differs: differing.length, added: differing.filter((c) => !bundled.has(c.summary.typeName)).length };
}

function keptEntry(summary: RegistryTypeSummary, type: ResourceType, unavailable?: Unavailable): Described {
  const why = unavailable ?? type.unavailable;
  return { summary, schema: toRegistrySchema(type), ...(why ? { unavailable: why } : {}), ...(type.origin?.typeVersionArn ? { typeVersionArn: type.origin.typeVersionArn } : {}) };
}

function notProvisionable(): Unavailable {
  return { code: 'TYPE_NOT_PROVISIONABLE', reason: 'the account\'s registry lists it as NON_PROVISIONABLE (it lacks a create, read or delete handler), so Cloud Control cannot read or change it' };
}

function unavailableOf(summary: RegistryTypeSummary): { unavailable?: Unavailable } {
  if (summary.provisioningType === 'NON_PROVISIONABLE') return { unavailable: notProvisionable() };
  if (summary.isActivated === false) {
    return { unavailable: { code: 'TYPE_NOT_ACTIVATED', reason: 'it is a public third-party type this account has not activated; activate it (aws cloudformation activate-type) and run "ccsql catalog update"' } };
  }
  return {};
}

function parseSchema(details: RegistryType): RegistrySchema {
  try {
    const schema = JSON.parse(details.schema) as RegistrySchema;
    if (schema.typeName === details.typeName) return schema;
  } catch {
    // answered below
  }
  throw new CcsqlError('INVALID_ARGUMENT', `The registry's schema of "${details.typeName}" is not a resource schema of that type.`, { typeName: details.typeName });
}

function generateOptions(candidates: readonly Described[], region: string): (schema: RegistrySchema) => GenerateOptions {
  const byName = new Map(candidates.map((c) => [c.summary.typeName, c]));
  return (schema) => {
    const c = byName.get(schema.typeName)!;
    const lastUpdated = c.details?.lastUpdated ?? c.summary.lastUpdated;
    const typeVersionArn = c.details?.typeVersionArn ?? c.typeVersionArn;
    return {
      namespace: namespaceOf(schema.typeName),
      source: 'account',
      origin: {
        source: 'account',
        region,
        visibility: c.summary.visibility,
        provisioningType: c.summary.provisioningType,
        ...(lastUpdated ? { lastUpdated } : {}),
        ...(typeVersionArn ? { typeVersionArn } : {}),
      },
      ...(c.unavailable ? { unavailable: c.unavailable } : {}),
    };
  };
}

function recordOf(summary: RegistryTypeSummary, differs: boolean): TypeRecord {
  return {
    visibility: summary.visibility,
    provisioningType: summary.provisioningType,
    ...(summary.lastUpdated ? { lastUpdated: summary.lastUpdated } : {}),
    ...(summary.defaultVersionId ? { versionId: summary.defaultVersionId } : {}),
    differs,
  };
}

/** Equal but for where the columns came from and the names built from the whole catalog. */
function sameType(a: ResourceType, b: ResourceType): boolean {
  const normal = (t: ResourceType) =>
    JSON.stringify({ ...t, aliases: undefined, origin: undefined, columns: t.columns.map((c) => ({ ...c, source: undefined })) });
  return normal(a) === normal(b);
}

function bundledInputs(bundled: Catalog): readonly string[] | undefined {
  return bundled.inputs;
}
