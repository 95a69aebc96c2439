/**
 * Types Cloud Control answers the same from every region, so ccsql reads them once per statement
 * (from the first session region) however many regions a query covers, and gives each row its real
 * region. The facts, as AWS documents them (the emulator keeps its own copy in
 * src/emulator/global-types.ts; the two share no code, so each checks the other):
 *
 * - IAM, Route 53 (not Resolver or Profiles), CloudFront and Organizations have one global API
 *   endpoint per partition; their resources belong to no region. A row shows the region the query
 *   asked for (or the one read from).
 * - S3 buckets: ListBuckets "returns a list of all buckets owned by the authenticated sender of the
 *   request" from any region, yet each bucket lives in one region. Its ARN has none
 *   (arn:aws:s3:::name); `RegionalDomainName` does ("mystack-mybucket-kdwwxmddtr2g.s3.us-east-2.amazonaws.com",
 *   AWS::S3::Bucket return values, CloudFormation User Guide). That is the row's region, and
 *   `WHERE region = 'eu-west-1'` keeps eu-west-1's buckets only.
 */

const GLOBAL_SERVICES: readonly string[] = ['AWS::IAM::', 'AWS::Route53::', 'AWS::CloudFront::', 'AWS::Organizations::'];

/** Types that live in one region though every region lists them: how to read that region. */
const HOME_REGION: Readonly<Record<string, (property: (name: string) => unknown) => string | undefined>> = {
  'AWS::S3::Bucket': (property) => {
    const name = property('RegionalDomainName');
    if (typeof name !== 'string') return undefined;
    // The legacy global endpoint (bucket.s3.amazonaws.com) is us-east-1's.
    return /\.s3[.-]([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com(?:\.cn)?$/.exec(name)?.[1] ?? 'us-east-1';
  },
};

export function isGlobalType(typeName: string): boolean {
  return Object.hasOwn(HOME_REGION, typeName) || GLOBAL_SERVICES.some((prefix) => typeName.startsWith(prefix));
}

/** Whether rows of the type carry a region of their own (and so need their full model to show it). */
export function hasHomeRegion(typeName: string): boolean {
  return Object.hasOwn(HOME_REGION, typeName);
}

/** The region a resource of a global type lives in, when it has one. */
export function homeRegion(typeName: string, property: (name: string) => unknown): string | undefined {
  return HOME_REGION[typeName]?.(property);
}
