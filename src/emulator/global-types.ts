/**
 * Types Cloud Control answers the same from every region: one account-wide table that a call from
 * any region reads and writes. Each is a service whose API is global (one endpoint for the whole
 * partition), so its resource handler sees the same resources whatever region the request names:
 *
 * - IAM: "IAM is a global service" (IAM User Guide); ARNs carry no region.
 * - Route 53 hosted zones, record sets, health checks, CIDR collections, DNSSEC and key-signing keys:
 *   Route 53's API is global (route53.amazonaws.com); Route 53 Resolver and Profiles are regional and
 *   are not here (AWS::Route53Resolver::*, AWS::Route53Profiles::*).
 * - CloudFront: a global service (cloudfront.amazonaws.com); distributions, policies, functions, keys.
 * - Organizations: one organization per management account, served from us-east-1.
 * - S3 buckets: ListBuckets "returns a list of all buckets owned by the authenticated sender of the
 *   request", and "an Amazon S3 bucket name is globally unique, and the namespace is shared by all
 *   Amazon Web Services accounts" (S3 API Reference), so the bucket list handler answers the same
 *   everywhere and a bucket is read from any region; each bucket keeps in its model the region it
 *   was created in (RegionalDomainName, …).
 *
 * Not global, though they look it: AWS::WAFv2::* with Scope CLOUDFRONT (created in us-east-1 only,
 * regional resources of that region), AWS::GlobalAccelerator::* and Route 53 ARC (served from
 * us-west-2 only), AWS::S3::BucketPolicy and other S3 sub-resources (their handlers are regional).
 */

const GLOBAL_SERVICES: readonly string[] = ['AWS::IAM::', 'AWS::Route53::', 'AWS::CloudFront::', 'AWS::Organizations::'];
const GLOBAL_TYPES: ReadonlySet<string> = new Set(['AWS::S3::Bucket']);

export function isGlobal(typeName: string): boolean {
  return GLOBAL_TYPES.has(typeName) || GLOBAL_SERVICES.some((prefix) => typeName.startsWith(prefix));
}

/**
 * The region a resource of a global type is reported in by region-scoped APIs (the Tagging API's
 * GetResources): an S3 bucket in the region its RegionalDomainName names (bucket.s3.<region>.amazonaws.com;
 * the legacy global endpoint is us-east-1's); the other global services in us-east-1, where their
 * global endpoints live.
 */
export function homeRegionOf(typeName: string, model: Readonly<Record<string, unknown>>): string {
  if (typeName !== 'AWS::S3::Bucket') return 'us-east-1';
  const name = model.RegionalDomainName;
  return (typeof name === 'string' && /\.s3[.-]([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com/.exec(name)?.[1]) || 'us-east-1';
}
