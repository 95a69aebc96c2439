/**
 * The API's own limits on request members, checked by AWS's front end before Cloud Control runs:
 * a breach is a ValidationException listing every failed constraint, in the front end's words
 * ("2 validation errors detected: Value 'x' at 'clientToken' failed to satisfy constraint: …; …").
 * Lengths, patterns and ranges are the Cloud Control API Reference's (the Smithy model's traits):
 * ClientToken and RequestToken 1–128 `[-A-Za-z0-9+/=]+`; Identifier 1–1024; DesiredState,
 * ResourceModel and PatchDocument 1–262144; TypeName 10–196
 * `[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}`; TypeVersionId 1–128 `[A-Za-z0-9-]+`;
 * RoleArn 20–2048 `arn:.+:iam::[0-9]{12}:role/.+`; MaxResults 1–100; ListResources' NextToken
 * 1–4096, ListResourceRequests' 1–2048 `[-A-Za-z0-9+/=]+`. Sensitive members (the models and the
 * patch) are named without their value, as the front end does.
 */
import type { JsonObject } from './types.js';
import { errors, ServiceError } from './wire.js';

interface Limit {
  readonly min: number;
  readonly max: number;
  readonly pattern?: string;
  readonly sensitive?: boolean;
}

const TOKEN: Limit = { min: 1, max: 128, pattern: '[-A-Za-z0-9+/=]+' };
const IDENTIFIER: Limit = { min: 1, max: 1024, pattern: '.+' };
const PROPERTIES: Limit = { min: 1, max: 262144, sensitive: true };
const TYPE_NAME: Limit = { min: 10, max: 196, pattern: '[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}' };
const TYPE_VERSION: Limit = { min: 1, max: 128, pattern: '[A-Za-z0-9-]+' };
const ROLE_ARN: Limit = { min: 20, max: 2048, pattern: 'arn:.+:iam::[0-9]{12}:role/.+' };
const HANDLER_NEXT_TOKEN: Limit = { min: 1, max: 4096, pattern: '.+' };
const NEXT_TOKEN: Limit = { min: 1, max: 2048, pattern: '[-A-Za-z0-9+/=]+' };
const MAX_RESULTS = { min: 1, max: 100 } as const;

type Members = Readonly<Record<string, Limit | 'integer'>>;
const COMMON: Members = { TypeName: TYPE_NAME, TypeVersionId: TYPE_VERSION, RoleArn: ROLE_ARN };

/** Each operation's members and the ones the model marks required. */
const OPERATIONS: Readonly<Record<string, { members: Members; required: readonly string[] }>> = {
  CreateResource: { members: { ...COMMON, ClientToken: TOKEN, DesiredState: PROPERTIES }, required: ['TypeName', 'DesiredState'] },
  UpdateResource: { members: { ...COMMON, ClientToken: TOKEN, Identifier: IDENTIFIER, PatchDocument: PROPERTIES }, required: ['TypeName', 'Identifier', 'PatchDocument'] },
  DeleteResource: { members: { ...COMMON, ClientToken: TOKEN, Identifier: IDENTIFIER }, required: ['TypeName', 'Identifier'] },
  GetResource: { members: { ...COMMON, Identifier: IDENTIFIER }, required: ['TypeName', 'Identifier'] },
  ListResources: { members: { ...COMMON, NextToken: HANDLER_NEXT_TOKEN, MaxResults: 'integer', ResourceModel: PROPERTIES }, required: ['TypeName'] },
  GetResourceRequestStatus: { members: { RequestToken: TOKEN }, required: ['RequestToken'] },
  CancelResourceRequest: { members: { RequestToken: TOKEN }, required: ['RequestToken'] },
  ListResourceRequests: { members: { NextToken: NEXT_TOKEN, MaxResults: 'integer' }, required: [] },
};

/** Throws the front end's ValidationException when a member of `body` breaks the API's limits. */
export function checkInput(op: string, body: JsonObject): void {
  const spec = OPERATIONS[op];
  if (!spec) return;
  const failures: string[] = [];
  for (const member of spec.required) {
    if (body[member] === undefined || body[member] === null) failures.push(`Value null at '${field(member)}' failed to satisfy constraint: Member must not be null`);
  }
  for (const [member, limit] of Object.entries(spec.members)) {
    const value = body[member];
    if (value === undefined || value === null) continue;
    if (limit === 'integer') failures.push(...checkRange(member, value));
    else failures.push(...checkString(member, value, limit));
  }
  if (failures.length === 0) return;
  const count = failures.length === 1 ? '1 validation error' : `${failures.length} validation errors`;
  throw errors.validation(`${count} detected: ${failures.join('; ')}`);
}

function checkString(member: string, value: unknown, limit: Limit): string[] {
  if (typeof value !== 'string') throw new ServiceError('SerializationException', `Expected a string for ${member}`);
  const subject = limit.sensitive ? `Value at '${field(member)}'` : `Value '${value}' at '${field(member)}'`;
  const fail = (constraint: string) => `${subject} failed to satisfy constraint: Member must ${constraint}`;
  const failures: string[] = [];
  if (value.length < limit.min) failures.push(fail(`have length greater than or equal to ${limit.min}`));
  if (value.length > limit.max) failures.push(fail(`have length less than or equal to ${limit.max}`));
  if (limit.pattern && !new RegExp(`^(?:${limit.pattern})$`).test(value)) {
    failures.push(fail(`satisfy regular expression pattern: ${limit.pattern}`));
  }
  return failures;
}

function checkRange(member: string, value: unknown): string[] {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new ServiceError('SerializationException', `Expected an integer for ${member}`);
  const fail = (constraint: string) => `Value '${value}' at '${field(member)}' failed to satisfy constraint: Member must ${constraint}`;
  if (value < MAX_RESULTS.min) return [fail(`have value greater than or equal to ${MAX_RESULTS.min}`)];
  if (value > MAX_RESULTS.max) return [fail(`have value less than or equal to ${MAX_RESULTS.max}`)];
  return [];
}

function field(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}
