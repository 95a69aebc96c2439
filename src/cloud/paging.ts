/**
 * Follows NextToken to the end of a listing, asking each time for the largest page the API allows.
 * A NextToken answered a second time in one listing means the pages would repeat forever (a list
 * handler bug seen in the wild); the listing stops with PAGINATION_LOOP naming the type and region.
 */

import { CcsqlError } from '../errors.js';

/**
 * ListResources and ListResourceRequests: "MaxResults … Valid Range: Minimum value of 1. Maximum
 * value of 100." (Cloud Control API Reference). ListResourceRequests honours it. For ListResources
 * the reference calls it "Reserved" and AWS says it is not yet supported (aws/aws-sdk#764): pages are
 * as large as the handler makes them (25, or 1,000 for S3 buckets), so nothing here counts on a page
 * holding at most 100; it is sent, within range, for the day it is honoured.
 */
export const MAX_RESULTS = 100;

export interface Page {
  readonly NextToken?: string;
}

export async function allPages<P extends Page>(
  where: { readonly op: string; readonly region: string; readonly typeName?: string },
  fetch: (nextToken: string | undefined) => Promise<P>,
  take: (page: P) => void,
): Promise<void> {
  await pagesFrom(where, fetch, take);
}

/**
 * Where a listing stopped before its end: the NextToken to continue from, and every token it has
 * been given so far (so a resumed listing still notices a token answered twice).
 */
export interface ListCursor {
  readonly nextToken: string;
  readonly seen: readonly string[];
}

/**
 * Follows NextToken from `from` (or the start) until the listing ends, or until `enough()` says the
 * pages taken so far suffice: then the cursor to continue from.
 */
export async function pagesFrom<P extends Page>(
  where: { readonly op: string; readonly region: string; readonly typeName?: string },
  fetch: (nextToken: string | undefined) => Promise<P>,
  take: (page: P) => void,
  from?: ListCursor,
  enough: () => boolean = () => false,
): Promise<ListCursor | undefined> {
  const seen = new Set<string>(from?.seen ?? []);
  let nextToken: string | undefined = from?.nextToken;
  do {
    const page = await fetch(nextToken);
    take(page);
    nextToken = page.NextToken || undefined;
    if (nextToken !== undefined && seen.has(nextToken)) {
      const what = where.typeName ?? 'resource requests';
      throw new CcsqlError(
        'PAGINATION_LOOP',
        `${where.op} of ${what} in ${where.region} answered a NextToken it had already given (after ${seen.size + 1} pages); the listing stops rather than repeat forever.`,
        { op: where.op, region: where.region, typeName: where.typeName, awsErrorName: 'RepeatedNextToken' },
      );
    }
    if (nextToken !== undefined) {
      seen.add(nextToken);
      if (enough()) return { nextToken, seen: [...seen] };
    }
  } while (nextToken !== undefined);
  return undefined;
}
