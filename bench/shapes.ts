/**
 * Statement shapes users write, each with the fewest Cloud Control calls that answer it, worked out
 * by hand, and the calls ccsql makes today against one seed. Shared by `npm run bench`
 * (bench/shapes-bench.ts, at the endpoint's latency) and test/bench-shapes.test.ts (no latency,
 * asserting the calls), so the two cannot drift. Both run the shapes in this order on one endpoint:
 * the writes come last, as they change the estate.
 *
 * How the minimum is worked out, from Cloud Control as AWS runs it (docs/architecture.md): a list
 * handler returns only primary identifiers, 25 a page, each page after the previous one (its
 * NextToken); a child type lists once per parent key (ImageVersion needs ImageName); every other
 * column costs one GetResource per resource; a write is its request and one status poll (the endpoint
 * answers the poll SUCCESS at once, bench/shapes-run.ts). An AssumeRole per account reached through a role.
 *
 * The critical path is the longest chain of calls that each wait for another's answer: the pages of
 * one listing in sequence, a GetResource after the page that named it (page 1's reads beside page 2),
 * a child's listing after the read that gave its key, a status poll after its write, a call in an
 * account after its AssumeRole. Everything else can overlap, so the ideal wall time is the chain's
 * length × the endpoint latency. Worked out by hand as `path` beside `min`.
 */
import type { OpenOptions } from '../src/index.js';
import type { SeedDocument } from '../src/emulator/index.js';

export const ROLE = 'arn:aws:iam::123456789012:role/sagemaker';
const IMAGE = 'AWS::SageMaker::Image';
const VERSION = 'AWS::SageMaker::ImageVersion';
const LOG_GROUP = 'AWS::Logs::LogGroup';
/** Images in us-east-1: two pages of the listing. */
const IMAGES = 30;
/** The first VERSIONED images have two versions each. */
const VERSIONED = 3;
const LOG_GROUPS = 30;
/** The caller of the account shapes (a 12-digit key id is that account's own keys) and its member accounts. */
export const MGMT = '111111111111';
export const MEMBERS = ['222222222222', '333333333333'] as const;
export const AUDIT = 'arn:aws:iam::{account}:role/Audit';

const imageName = (i: number) => `img-${String(i).padStart(3, '0')}`;
export const imageArn = (name: string, region = 'us-east-1') => `arn:aws:sagemaker:${region}:123456789012:image/${name}`;

/** One estate for every shape: images (a few with versions), log groups, and two member accounts. */
export function shapesSeed(): SeedDocument {
  const resources: SeedDocument['resources'][number][] = [];
  for (let i = 0; i < IMAGES; i += 1) {
    const name = imageName(i);
    resources.push({ TypeName: IMAGE, Region: 'us-east-1', Properties: { ImageName: name, ImageRoleArn: ROLE, ImageDescription: `image ${i}` } });
    if (i < VERSIONED) for (let v = 0; v < 2; v += 1) resources.push({ TypeName: VERSION, Region: 'us-east-1', Properties: { ImageName: name, BaseImage: `123456789012.dkr.ecr.us-east-1.amazonaws.com/${name}:${v}` } });
  }
  for (let i = 0; i < 3; i += 1) resources.push({ TypeName: IMAGE, Region: 'us-west-2', Properties: { ImageName: `west-${i}`, ImageRoleArn: ROLE } });
  for (let i = 0; i < LOG_GROUPS; i += 1) resources.push({ TypeName: LOG_GROUP, Region: 'us-east-1', Properties: { LogGroupName: `/img-${String(i).padStart(3, '0')}` } });
  resources.push({ TypeName: LOG_GROUP, Region: 'eu-west-1', Properties: { LogGroupName: '/eu/app' } });
  for (const account of MEMBERS) {
    resources.push({ TypeName: LOG_GROUP, Account: account, Region: 'us-east-1', Properties: { LogGroupName: `/acct/${account}` } });
    resources.push({ TypeName: LOG_GROUP, Account: account, Region: 'eu-west-1', Properties: { LogGroupName: `/acct/${account}/eu` } });
  }
  return {
    resources,
    accounts: [MGMT, ...MEMBERS].map((Id) => ({ Id, Name: Id })),
    trustedRoles: [MGMT, ...MEMBERS].map((a) => AUDIT.replace('{account}', a)),
  };
}

export interface Shape {
  readonly name: string;
  readonly sql: string;
  /** How many rows the statement returns (a dry run: the calls it plans). */
  readonly rows: number;
  /** The fewest calls that answer it, worked out by hand (`why` says how). */
  readonly min: number;
  /** The calls ccsql makes today; above `min` is a gap to close, shown in the table, never hidden. */
  readonly calls: number;
  /** The longest chain of calls that wait for each other, by hand: ideal wall time = path × latency. */
  readonly path: number;
  /** How `min` and `path` were counted. */
  readonly why: string;
  /** Where `calls` is above `min`: what ccsql does beyond it. */
  readonly gap?: string;
  /** Options of open() beside the endpoint and credentials (regions, accounts). */
  readonly open?: Partial<OpenOptions>;
  readonly dryRun?: boolean;
  /** Calls through the management account's keys and an assumed role per account. */
  readonly accounts?: boolean;
}

const EAST = "region = 'us-east-1'";
const arn = (i: number) => `'${imageArn(imageName(i))}'`;

export const SHAPES: readonly Shape[] = [
  {
    name: 'point read by Identifier',
    sql: `SELECT image_name, image_description FROM awscc.sagemaker.images WHERE Identifier = ${arn(7)}`,
    rows: 1, min: 1, calls: 1, path: 1, why: 'one GetResource',
  },
  {
    name: 'Identifier IN (3)',
    sql: `SELECT image_name, image_description FROM awscc.sagemaker.images WHERE Identifier IN (${arn(1)}, ${arn(2)}, ${arn(3)})`,
    rows: 3, min: 3, calls: 3, path: 1, why: 'three GetResource side by side',
  },
  {
    name: 'count(*) of a region',
    sql: `SELECT count(*) AS n FROM awscc.sagemaker.images WHERE ${EAST}`,
    rows: 1, min: 2, calls: 2, path: 2, why: '30 images: 2 pages, in sequence; identifiers only',
  },
  {
    name: 'list-then-get of a region',
    sql: `SELECT image_name, image_description FROM awscc.sagemaker.images WHERE ${EAST}`,
    rows: 30, min: 32, calls: 32, path: 3, why: '2 pages + 30 GetResource; page 1\'s reads overlap page 2',
  },
  {
    name: 'LIMIT 3, no ORDER BY',
    sql: `SELECT image_name, image_description FROM awscc.sagemaker.images WHERE ${EAST} LIMIT 3`,
    rows: 3, min: 4, calls: 4, path: 2, why: 'page 1 names 25; any 3 read',
  },
  {
    name: 'ORDER BY identifier LIMIT 3',
    sql: `SELECT image_arn, image_description FROM awscc.sagemaker.images WHERE ${EAST} ORDER BY image_arn LIMIT 3`,
    rows: 3, min: 5, calls: 32, path: 3, why: 'both pages (the order needs every identifier), then the first 3 read',
    gap: 'reads all 30: ORDER BY on a listed column with LIMIT could sort the identifiers first and read 3',
  },
  {
    name: 'ORDER BY other column LIMIT 3',
    sql: `SELECT image_name, image_description FROM awscc.sagemaker.images WHERE ${EAST} ORDER BY image_description LIMIT 3`,
    rows: 3, min: 32, calls: 32, path: 3, why: 'the order needs every description: 2 pages + 30 reads',
  },
  {
    name: 'filter on another column',
    sql: `SELECT count(*) AS n FROM awscc.sagemaker.images WHERE ${EAST} AND image_description LIKE 'image 1%'`,
    rows: 1, min: 32, calls: 32, path: 3, why: 'the description is only in each resource: 2 pages + 30 reads',
  },
  {
    name: 'self-join on another column',
    sql: `SELECT a.image_name, b.image_name AS other FROM awscc.sagemaker.images a JOIN awscc.sagemaker.images b ON a.image_description = b.image_description WHERE a.${EAST} AND b.${EAST}`,
    rows: 30, min: 32, calls: 32, path: 3, why: 'both sides are the same 2 pages + 30 reads, made once',
  },
  {
    name: 'LIKE on identifier (local prefilter)',
    sql: `SELECT log_group_name, retention_in_days FROM awscc.logs.log_groups WHERE ${EAST} AND log_group_name LIKE '/img-00%'`,
    rows: 10, min: 12, calls: 12, path: 2, why: '2 pages of 30 log groups, 10 names match: 10 reads, all named by page 1 (so beside page 2)',
  },
  {
    name: 'child by its list key',
    sql: `SELECT version FROM awscc.sagemaker.image_versions WHERE ${EAST} AND image_name = 'img-001'`,
    rows: 2, min: 3, calls: 3, path: 2, why: '1 listing of the image\'s versions + 2 GetResource (version is not listed)',
  },
  {
    name: 'full child table without its key',
    sql: `SELECT version, processor FROM awscc.sagemaker.image_versions WHERE ${EAST}`,
    rows: 6, min: 68, calls: 68, path: 4, why: '2 pages of images, 30 reads (ImageName is not listed), 30 version listings, 6 version reads; the versioned images are on page 1: page 1, image read, version listing, version read',
  },
  {
    name: 'join on list key (README join)',
    sql: `SELECT i.image_name, v.version FROM awscc.sagemaker.images i JOIN awscc.sagemaker.image_versions v ON v.image_name = i.image_name WHERE i.${EAST} AND v.${EAST}`,
    rows: 6, min: 68, calls: 68, path: 4, why: '2 pages + 30 image reads, 30 version listings, 6 version reads; the longest chain as in the full child table',
  },
  {
    name: 'join on identifier, count only',
    sql: `SELECT count(*) AS n FROM awscc.sagemaker.images i JOIN awscc.logs.log_groups l ON l.log_group_name = '/' || i.image_name WHERE i.${EAST} AND l.${EAST}`,
    rows: 1, min: 34, calls: 34, path: 3, why: '2 pages + 30 image reads; the log groups listed once (2 pages) beside them, not read per name',
  },
  {
    name: 'join on identifier, other columns',
    sql: `SELECT i.image_name, l.retention_in_days FROM awscc.sagemaker.images i JOIN awscc.logs.log_groups l ON l.log_group_name = '/' || i.image_name WHERE i.${EAST} AND l.${EAST}`,
    rows: 30, min: 62, calls: 62, path: 4, why: '2 pages + 30 image reads, then one log group read per name (30)',
  },
  {
    name: 'local VALUES joined to identifiers',
    sql: `WITH names(n) AS (VALUES ('/img-001'), ('/img-002'), ('/nope')) SELECT count(*) AS n FROM names JOIN awscc.logs.log_groups l ON l.log_group_name = names.n WHERE l.${EAST}`,
    rows: 1, min: 2, calls: 3, path: 1, why: 'fewest calls: the 2 pages of log groups; shortest path: 3 reads side by side (1)',
    gap: 'by choice: 3 reads side by side (path 1) rather than 2 pages in sequence (path 2); a listing is tried from 4 keys',
  },
  {
    name: 'LEFT JOIN on list key',
    sql: `SELECT i.image_name, v.version FROM awscc.sagemaker.images i LEFT JOIN awscc.sagemaker.image_versions v ON v.image_name = i.image_name AND v.${EAST} WHERE i.${EAST}`,
    rows: 33, min: 68, calls: 68, path: 4, why: 'as the join on the list key: every image kept, versions where there are',
  },
  {
    name: 'correlated subquery',
    sql: `SELECT i.image_name, (SELECT count(*) FROM awscc.sagemaker.image_versions v WHERE v.image_name = i.image_name AND v.${EAST}) AS versions FROM awscc.sagemaker.images i WHERE i.${EAST}`,
    rows: 30, min: 62, calls: 62, path: 4, why: '2 pages + 30 image reads + 30 version listings (count: no version read)',
  },
  {
    name: 'EXISTS',
    sql: `SELECT count(*) AS n FROM awscc.sagemaker.images i WHERE i.${EAST} AND EXISTS (SELECT 1 FROM awscc.sagemaker.image_versions v WHERE v.image_name = i.image_name AND v.${EAST})`,
    rows: 1, min: 62, calls: 62, path: 4, why: '2 pages + 30 image reads + 30 version listings',
  },
  {
    name: 'IN (subquery) on a list key',
    sql: `SELECT version FROM awscc.sagemaker.image_versions WHERE ${EAST} AND image_name IN (SELECT image_name FROM awscc.sagemaker.images WHERE ${EAST} AND image_description = 'image 1')`,
    rows: 2, min: 35, calls: 35, path: 4, why: '2 pages + 30 image reads (the description), 1 version listing, 2 version reads',
  },
  {
    name: 'CTE over a child IN two keys',
    sql: `WITH v AS (SELECT image_name, version FROM awscc.sagemaker.image_versions WHERE ${EAST} AND image_name IN ('img-000', 'img-001')) SELECT image_name, count(*) AS n FROM v GROUP BY image_name`,
    rows: 2, min: 2, calls: 2, path: 1, why: 'the outer query reads no version: 2 version listings side by side, no read',
  },
  {
    name: 'GROUP BY over a child, 3 keys',
    sql: `SELECT image_name, count(*) AS n, max(version) AS latest FROM awscc.sagemaker.image_versions WHERE ${EAST} AND image_name IN ('img-000', 'img-001', 'img-002') GROUP BY image_name`,
    rows: 3, min: 9, calls: 9, path: 2, why: '3 version listings + 6 version reads (version is not listed)',
  },
  {
    name: 'UNION of two regions',
    sql: `SELECT image_name FROM awscc.sagemaker.images WHERE ${EAST} UNION SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-west-2'`,
    rows: 33, min: 36, calls: 36, path: 3, why: 'us-east-1: 2 pages + 30 reads; us-west-2: 1 page + 3 reads, side by side',
  },
  {
    name: 'two regions, count by region',
    sql: 'SELECT region, count(*) AS n FROM awscc.sagemaker.images GROUP BY region',
    open: { regions: ['us-east-1', 'us-west-2'] },
    rows: 2, min: 3, calls: 3, path: 2, why: '2 pages in us-east-1, 1 in us-west-2, side by side',
  },
  {
    name: 'two regions, list-then-get',
    sql: 'SELECT region, image_name, image_description FROM awscc.sagemaker.images',
    open: { regions: ['us-west-2', 'eu-west-1'] },
    rows: 3, min: 5, calls: 5, path: 2, why: '1 page + 3 reads in us-west-2, 1 empty page in eu-west-1',
  },
  {
    name: '2 accounts × 2 regions, list only',
    sql: 'SELECT account_id, region, log_group_name FROM awscc.logs.log_groups_list_only',
    accounts: true, open: { accounts: [...MEMBERS], regions: ['us-east-1', 'eu-west-1'] },
    rows: 4, min: 6, calls: 6, path: 2, why: '2 AssumeRole, then 4 listings of one page',
  },
  {
    name: 'one account by account_id',
    sql: `SELECT log_group_name FROM awscc.logs.log_groups_list_only WHERE account_id = '${MEMBERS[1]}' AND region = 'eu-west-1'`,
    accounts: true, open: { accounts: [...MEMBERS], regions: ['us-east-1', 'eu-west-1'] },
    rows: 1, min: 2, calls: 2, path: 2, why: '1 AssumeRole, 1 listing',
  },
  {
    name: '2 accounts, list-then-get',
    sql: `SELECT account_id, log_group_name, retention_in_days FROM awscc.logs.log_groups WHERE ${EAST}`,
    accounts: true, open: { accounts: [...MEMBERS] },
    rows: 2, min: 6, calls: 6, path: 3, why: '2 AssumeRole, 2 listings, 2 reads',
  },
  {
    name: 'INSERT --dry-run',
    sql: `INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ('dry', '${ROLE}')`,
    dryRun: true,
    rows: 1, min: 0, calls: 0, path: 0, why: 'plans, sends nothing',
  },
  {
    name: 'DELETE by Identifier --dry-run',
    sql: `DELETE FROM awscc.sagemaker.images WHERE Identifier = ${arn(29)}`,
    dryRun: true,
    rows: 1, min: 0, calls: 1, path: 0, why: 'plans, sends nothing: the plan is one DeleteResource of the named identifier',
    gap: 'reads the target (one GetResource) to list it in the plan; no write is sent',
  },
  {
    name: 'INSERT one',
    sql: `INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ('new', '${ROLE}')`,
    open: { regions: ['eu-west-1'] },
    rows: 0, min: 2, calls: 2, path: 2, why: 'CreateResource + 1 status poll',
  },
  {
    name: 'UPDATE one by Identifier',
    sql: `UPDATE awscc.sagemaker.images SET image_description = 'changed' WHERE Identifier = ${arn(10)}`,
    rows: 0, min: 2, calls: 3, path: 2, why: 'UpdateResource (add /ImageDescription) + 1 status poll',
    gap: 'reads the row first (the trigger\'s OLD, to diff): a SET of constants on a named identifier could patch without it',
  },
  {
    name: 'DELETE one by Identifier',
    sql: `DELETE FROM awscc.sagemaker.images WHERE Identifier = ${arn(29)}`,
    rows: 0, min: 2, calls: 3, path: 2, why: 'DeleteResource + 1 status poll',
    gap: 'reads the row first to find it; DeleteResource on the identifier alone answers NotFound for an absent one',
  },
  {
    name: 'UPDATE by LIKE on identifier',
    sql: `UPDATE awscc.logs.log_groups SET retention_in_days = 7 WHERE ${EAST} AND log_group_name LIKE '/img-01%'`,
    rows: 0, min: 22, calls: 32, path: 3, why: '2 pages, 10 UpdateResource + 10 status polls; the 10 names are on page 1',
    gap: 'reads the 10 rows the LIKE keeps first (the trigger\'s OLD, to diff), as an UPDATE of one does; the other 20 are left unread',
  },
  {
    name: 'DELETE by LIKE on identifier',
    sql: `DELETE FROM awscc.logs.log_groups WHERE ${EAST} AND log_group_name LIKE '/img-02%'`,
    rows: 0, min: 22, calls: 32, path: 4, why: '2 pages, 10 DeleteResource + 10 status polls; 5 of the names are on page 2',
    gap: 'reads the 10 rows the LIKE keeps first, to find what it removes, as a DELETE of one does; the other 20 are left unread',
  },
];
