/**
 * Eventual consistency (`settleMs`): a resource whose create has just succeeded is not yet seen by
 * GetResource (ResourceNotFoundException) and ListResources for `settleMs` of the service clock, as
 * reads on AWS lag writes. Keyed by the stored model object, which a create stores once.
 */
import type { JsonObject } from '../types.js';

const hiddenUntil = new WeakMap<JsonObject, number>();

export function hideUntil(model: JsonObject, until: number): void {
  hiddenUntil.set(model, until);
}

export function isVisible(model: JsonObject, now: number): boolean {
  const until = hiddenUntil.get(model);
  return until === undefined || now >= until;
}
