/**
 * Reading members of a request body. Presence, length and pattern of every member are checked
 * before an operation runs (input-limits.ts), so these only narrow the type.
 */
import type { JsonObject } from './types.js';
import { errors } from './wire.js';

export function requireString(body: JsonObject, member: string): string {
  const value = body[member];
  if (typeof value !== 'string') {
    const field = member.charAt(0).toLowerCase() + member.slice(1);
    throw errors.validation(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

export function optionalString(body: JsonObject, member: string): string | undefined {
  const value = body[member];
  return typeof value === 'string' ? value : undefined;
}
