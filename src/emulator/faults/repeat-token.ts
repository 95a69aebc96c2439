/**
 * A NextToken that repeats (`repeatNextToken`): every page of a ListResources answer carries the
 * second page's NextToken, so a client that trusts it pages forever. List handlers have shipped such
 * bugs; a client must bound its loop.
 */

/** The NextToken to answer: with the fault on, always the one that leads to the second page. */
export function answeredNextToken(repeat: boolean, honest: string | undefined, second: string): string | undefined {
  return repeat && honest !== undefined ? second : honest;
}
