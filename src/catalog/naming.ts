/**
 * StackQL's naming of the awscc provider, reproduced so that the queries people already have keep
 * working: `AWS::SageMaker::ImageVersion` is `awscc.sagemaker.image_versions`, its `MLFramework`
 * property is the column `ml_framework` (older pages: `m_lframework`).
 *
 * The rules follow StackQL's generator (stackql-provider-awscc) rather than a "cleaner" snake_case,
 * because the published names are what users type: `EC2InstanceType` is `e_c2_instance_type` there,
 * `AWS::DataSync::LocationFSxWindows` is `locationf_sx_windows`.
 */

import { pluralize } from './pluralize.js';

/** Organisations whose types StackQL names under `awscc` (the bundled catalog has no other). */
const AWS_ORGS = new Set(['AWS', 'Alexa']);

/**
 * The table name's first part: `awscc` for AWS's own types, the organisation for anyone else's (a
 * private or third-party type), so `Acme::Widgets::Thing` is `acme.widgets.things` and can never
 * take the name of an AWS type.
 */
export function namespaceOf(typeName: string): string {
  const org = typeNameParts(typeName)[0];
  return AWS_ORGS.has(org) ? 'awscc' : org.toLowerCase();
}

/** `AWS::SageMaker::Image` → `sagemaker`. */
export function serviceName(typeName: string): string {
  return typeNameParts(typeName)[1].toLowerCase();
}

/** `AWS::SageMaker::ImageVersion` → `image_version` (the singular, as older StackQL pages used it). */
export function singularResourceName(typeName: string): string {
  return resourceSnakeCase(typeNameParts(typeName)[2]);
}

/** `AWS::SageMaker::ImageVersion` → `image_versions`; `AWS::Kendra::Index` → `indices`. */
export function resourceName(typeName: string): string {
  return pluralize(singularResourceName(typeName));
}

export function typeNameParts(typeName: string): [string, string, string] {
  const parts = typeName.split('::');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9]+$/.test(part))) {
    throw new TypeError(`Type name "${typeName}" is not of the form "Org::Service::Resource".`);
  }
  return parts as [string, string, string];
}

/**
 * Resource names split an acronym run before its last capital when a lowercase letter follows
 * (`DBProxy` → `db_proxy`) and split lower→upper (`ImageVersion` → `image_version`); digits are not
 * boundaries (`S3Bucket` stays one word).
 */
export function resourceSnakeCase(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, (_m, run: string, next: string) => `${run.toLowerCase()}_${next.toLowerCase()}`)
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/_+/g, '_');
}

/**
 * Acronyms StackQL rewrites to title case before snake-casing a property name, in StackQL's order
 * (`VPCDHCP` before `VPC`, `DB` first so `DBInstance` → `DbInstance`). Substring replacement, as
 * StackQL does it: `ClientIdsForOIDC` becomes `ClientIdsForOIdC` and then `client_ids_for_oid_c`.
 */
const ACRONYMS: readonly (readonly [string, string])[] = [
  ['DB', 'Db'], ['ARN', 'Arn'], ['WAN', 'Wan'], ['URL', 'Url'], ['VPCDHCP', 'VpcDhcp'],
  ['EC2Fleet', 'Ec2_Fleet'], ['VPC', 'Vpc'], ['DHCP', 'Dhcp'], ['DNS', 'Dns'], ['IP', 'Ip'],
  ['IAM', 'Iam'], ['IPAM', 'Ipam'], ['TLS', 'Tls'], ['SSM', 'Ssm'], ['CNAME', 'Cname'], ['SQ', 'Sq'],
  ['ML', 'Ml'], ['SKU', 'Sku'], ['KMS', 'Kms'], ['OK', 'Ok'], ['CA', 'Ca'], ['ID', 'Id'],
  ['TTL', 'Ttl'], ['URI', 'Uri'], ['LB', 'Lb'], ['SNS', 'Sns'], ['AWS', 'Aws'], ['ACL', 'Acl'],
  ['AZ', 'Az'], ['API', 'Api'], ['MSK', 'Msk'], ['ECS', 'Ecs'], ['EBS', 'Ebs'], ['CWE', 'Cwe'],
  ['SSE', 'Sse'], ['HPO', 'Hpo'], ['LF', 'Lf'], ['WAL', 'Wal'], ['MFA', 'Mfa'], ['OAuth', 'Oauth'],
];

/** `ImageRoleArn` → `image_role_arn`, `MLFramework` → `ml_framework`, `VPCId` → `vpc_id`. */
export function columnName(property: string): string {
  let name = property;
  for (const [acronym, replacement] of ACRONYMS) name = name.split(acronym).join(replacement);
  return legacyColumnName(name);
}

/**
 * The older StackQL pages snake-cased without the acronym table: an underscore goes before every
 * capital that follows a letter or digit, scanning left to right in non-overlapping pairs, so a
 * capital that received an underscore cannot give one to the next capital. `MLFramework`: `ML` →
 * `M_L`, then `LF` is skipped because `L` was consumed, giving `m_lframework`; `ImageName` →
 * `image_name` (the same as today). It is also the last step of `columnName`.
 */
export function legacyColumnName(property: string): string {
  return property.replace(/\w[A-Z]/g, (pair) => `${pair[0]}_${pair[1]}`).toLowerCase();
}
