/**
 * ListResources: handler-sized pages of 25, each description carrying only the primary identifier
 * properties, as most real list handlers return.
 *
 * MaxResults is checked (1 to 100, input-limits.ts) and then ignored, as on AWS: the API reference
 * documents ListResources' MaxResults as "Reserved" (API_ListResources.html, Request Parameters),
 * and AWS's SDK team relayed the service team's word that it "is not yet supported for this API"
 * (aws/aws-sdk#764, after boto/boto3#4166: 25 API keys a page with MaxResults 100); with
 * `--max-results 1` the AWS CLI gets every S3 bucket, 1,000 a page (aws/aws-cli#9314, 2025). So a
 * page may hold more than MaxResults asked, and a client must take whatever page it is given.
 * `honourMaxResults` makes the endpoint a handler that reads it (cloudformation-cli-java-plugin#443
 * hands it to handlers): never more than asked, never more than its own page size.
 */
import type { ResourceType } from '../../catalog/types.js';
import { answeredNextToken } from '../faults/repeat-token.js';
import { isVisible } from '../faults/settle.js';
import { getAt, setAt } from '../pointer.js';
import type { ServiceContext } from '../context.js';
import { optionalString } from '../members.js';
import type { CallContext, JsonObject } from '../types.js';
import { errors } from '../wire.js';
import { parseModel } from './common.js';

export const LIST_PAGE_SIZE = 25;

export function listResources(service: ServiceContext, body: JsonObject, ctx: CallContext): JsonObject {
  const type = service.typeFor(body, 'list');
  const text = optionalString(body, 'ResourceModel');
  const keys = text === undefined ? {} : parseModel(text, 'ResourceModel');
  const missing = type.listKeys.required.filter((key) => keys[key] === undefined || keys[key] === null);
  if (missing.length > 0) {
    throw errors.invalid(
      `Missing or invalid ResourceModel property in ${type.typeName} list handler request input. Required property: [${missing.join(', ')}]`,
    );
  }
  const now = service.options.clock();
  const start = decodeToken(optionalString(body, 'NextToken'));
  const pageSize = service.options.listPageSize ?? LIST_PAGE_SIZE;
  const asked = body.MaxResults;
  const size = service.options.honourMaxResults && typeof asked === 'number' ? Math.min(pageSize, asked) : pageSize;
  // One pass that stops a match past the page: a listing of 100,000 is not copied for every page.
  const page: [string, JsonObject][] = [];
  let seen = 0;
  let more = false;
  for (const entry of service.scope(ctx).table(type.typeName).entries()) {
    if (!isVisible(entry[1], now) || !matchesKeys(type, entry[1], keys)) continue;
    if (seen >= start + size) {
      more = true;
      break;
    }
    if (seen >= start) page.push(entry);
    seen += 1;
  }
  const honest = more ? encodeToken(start + size) : undefined;
  const next = answeredNextToken(service.options.faults.repeatNextToken, honest, encodeToken(size));
  return {
    TypeName: type.typeName,
    ResourceDescriptions: page.map(([identifier, model]) => ({
      Identifier: identifier,
      Properties: JSON.stringify(identifierProperties(type, model)),
    })),
    ...(next !== undefined ? { NextToken: next } : {}),
  };
}

function identifierProperties(type: ResourceType, model: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const path of type.primaryIdentifier) setAt(out, path, getAt(model, path));
  return out;
}

/** A list handler filters by the keys it takes (required and optional); others are ignored. */
function matchesKeys(type: ResourceType, model: JsonObject, keys: JsonObject): boolean {
  const known = [...type.listKeys.required, ...type.listKeys.optional];
  return known.every((key) => keys[key] === undefined || JSON.stringify(model[key]) === JSON.stringify(keys[key]));
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

function decodeToken(token: string | undefined): number {
  if (token === undefined || token === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
    if (typeof parsed.offset === 'number' && parsed.offset >= 0) return parsed.offset;
  } catch {
    // fall through to the error AWS gives for a token it did not issue
  }
  throw errors.invalid('The NextToken is invalid.');
}
