/**
 * Whether a region is one AWS has, from the partition data the AWS SDK ships (the same data its
 * endpoint resolution uses): a write to a region that does not exist would be journaled and retried
 * at every open, each time until the network gives up. The SDK answers one region at a time, so the
 * nearest real region to a typo is found by asking it about every name one edit away (and a missing
 * "-N" suffix), which covers the usual slips: a doubled digit, a dropped or swapped letter.
 */
import { partition } from '@aws-sdk/core/client';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789-';

export function isKnownRegion(region: string): boolean {
  return /^[a-z0-9-]{1,40}$/.test(region) && (partition(region) as { description?: string }).description !== undefined;
}

/** The closest region AWS has to `region`, or undefined when none is one edit away. */
export function nearestRegion(region: string): string | undefined {
  const typed = region.toLowerCase().slice(0, 40);
  if (isKnownRegion(typed)) return typed;
  const candidates = [...editsOf(typed), ...Array.from({ length: 9 }, (_, n) => `${typed}-${n + 1}`)];
  return candidates.find(isKnownRegion);
}

function editsOf(word: string): string[] {
  const out: string[] = [];
  // Edits near the end first: a slip late in a name is likelier than one in its first letters.
  for (let i = word.length; i >= 0; i -= 1) {
    const [head, tail] = [word.slice(0, i), word.slice(i)];
    if (tail) out.push(head + tail.slice(1));
    if (tail.length > 1) out.push(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of ALPHABET) {
      if (tail) out.push(head + c + tail.slice(1));
      out.push(head + c + tail);
    }
  }
  return out;
}
