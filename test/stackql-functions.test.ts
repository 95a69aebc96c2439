/**
 * StackQL's SQLite functions in every ccsql statement, checked against StackQL's own golden cases
 * (github stackql/sqlite-ext-functions test/*.sql, MIT licence, (c) StackQL Studios), run as SQL
 * through a database opened with open().
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CcsqlDatabase } from '../src/index.js';
import { session, type Session } from './support/session.js';

let s: Session;
let db: CcsqlDatabase;
before(async () => {
  s = await session({ resources: [{ TypeName: 'AWS::S3::Bucket', Region: 'us-east-1', Properties: { BucketName: 'b1', VersioningConfiguration: { Status: 'Enabled' } } }] });
  db = s.db;
});
after(() => s.close());

const one = async (sql: string) => Object.values((await db.query(sql))[0]!)[0];

test('split_part: StackQL\'s golden cases', async () => {
  const cases: [string, string, number | null, string | null][] = [
    ['a/b/c', '/', 1, 'a'], ['a/b/c', '/', 2, 'b'], ['a/b/c', '/', 3, 'c'],
    ['/a/b/c/', '/', 1, ''], ['/a/b/c/', '/', 2, 'a'], ['/a/b/c/', '/', 4, 'c'], ['/a/b/c/', '/', 5, ''],
    ['a/b/c', '/', -1, 'c'], ['a/b/c', '/', -2, 'b'], ['a/b/c', '/', -3, 'a'],
    ['a//b/c', '/', 1, 'a'], ['a//b/c', '/', 2, ''], ['a//b/c', '/', 3, 'b'],
    ['a/b/c', '/', 4, null], ['a/b/c', '/', -4, null],
    ['a-b-c', '-', 2, 'b'], ['a#b#c', '#', 3, 'c'], ['a$b$c', '$', 2, 'b'], ['a.b.c', '.', 3, 'c'],
    ['', '/', 1, ''], ['', '/', -1, ''], ['a', '/', 1, 'a'], ['a', '/', 2, null], ['a', '/', -1, 'a'],
    ['a/b/c', '/', null, null],
  ];
  for (const [text, sep, n, expected] of cases) assert.equal(await one(`SELECT split_part('${text}', '${sep}', ${n ?? 'NULL'})`), expected, `${text} ${sep} ${n}`);
  assert.equal(await one(`SELECT split_part(NULL, '/', 1)`), null);
  assert.equal(await one(`SELECT split_part('arn:aws:ec2:us-east-1:123456789012:vpc/vpc-123', '/', 2)`), 'vpc-123');
});

test('json_equal: key order ignored, array order kept, NULL an error', async () => {
  const cases: [string, string, number][] = [
    ['{"key": "value"}', '{"key": "value"}', 1],
    ['{"key1": "value1", "key2": "value2"}', '{"key2": "value2", "key1": "value1"}', 1],
    ['{"key": "value"}', '{"key": "different"}', 0],
    ['{"key1": "value1"}', '{"key2": "value2"}', 0],
    ['[1, 2, 3]', '[1, 2, 3]', 1],
    ['[1, 2, 3]', '[3, 2, 1]', 0],
    ['[{"key": "value"}]', '[{"key": "different"}]', 0],
    ['{"key": [1, 2, {"subkey": "subvalue"}]}', '{"key": [1, 2, {"subkey": "subvalue"}]}', 1],
    ['{"key": [1, 2, {"subkey": "subvalue1"}]}', '{"key": [1, 2, {"subkey": "subvalue2"}]}', 0],
    ['{"key": "value"}', ' { "key" : "value" } ', 1],
  ];
  for (const [a, b, expected] of cases) assert.equal(await one(`SELECT json_equal('${a}', '${b}')`), expected, `${a} ${b}`);
  await assert.rejects(one(`SELECT json_equal(NULL, '{}')`), /Invalid JSON strings/);
});

const policy = (statements: string) => `{"Version":"2012-10-17","Statement":${statements}}`;

test('aws_policy_equal: StackQL\'s golden cases, and Tags in order', async () => {
  const cases: [string, string, string, number][] = [
    ['1_01', '[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]', '[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]', 1],
    ['2_01', '[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"ec2:*","Resource":"*"}]', '[{"Effect":"Deny","Action":"ec2:*","Resource":"*"},{"Effect":"Allow","Action":"s3:*","Resource":"*"}]', 0],
    ['2_02', '[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]', '[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]', 0],
    ['3_01', '[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}]', '[{"Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],"Resource":"*"}]', 1],
    ['3_02', '[{"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::mybucket","arn:aws:s3:::otherbucket"]}]', '[{"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::otherbucket","arn:aws:s3:::mybucket"]}]', 1],
    ['4_01', '[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:role/role1","arn:aws:iam::123456789012:role/role2"]},"Action":"s3:*","Resource":"*"}]', '[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:role/role2","arn:aws:iam::123456789012:role/role1"]},"Action":"s3:*","Resource":"*"}]', 1],
    ['4_02', '[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/role1","Service":"lambda.amazonaws.com"},"Action":"s3:*","Resource":"*"}]', '[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com","AWS":"arn:aws:iam::123456789012:role/role1"},"Action":"s3:*","Resource":"*"}]', 1],
    ['6_01', '[{"Condition":{"StringEquals":{"sts:ExternalId":"0000"}},"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::414351767826:role/unity"}}]', '[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::414351767826:role/unity"]},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"0000"}}}]', 1],
    ['8_01', '[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::mybucket"}]', '[{"Effect":"Allow","Action":"*","Resource":"arn:aws:S3:::mybucket"}]', 1],
    ['9_01', '[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*"}]', '[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]', 1],
    ['10_01', '[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":"johndoe"},"Bool":{"aws:SecureTransport":"true"}}}]', '[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"},"StringEquals":{"aws:username":"johndoe"}}}]', 1],
  ];
  for (const [name, a, b, expected] of cases) assert.equal(await one(`SELECT aws_policy_equal('${policy(a)}', '${policy(b)}')`), expected, name);
  // The top level is ordered: a Tags list must come back in the order it was written.
  assert.equal(await one(`SELECT aws_policy_equal('[{"Key":"a","Value":"1"},{"Key":"b","Value":"2"}]', '[{"Value":"1","Key":"a"},{"Key":"b","Value":"2"}]')`), 1);
  assert.equal(await one(`SELECT aws_policy_equal('[{"Key":"a","Value":"1"},{"Key":"b","Value":"2"}]', '[{"Key":"b","Value":"2"},{"Key":"a","Value":"1"}]')`), 0);
  await assert.rejects(one(`SELECT aws_policy_equal('[]', NULL)`), /Invalid policy strings/);
});

test('UPDATE … SET PatchDocument = string(\'…\') is read as StackQL reads it (a dry run shows the patch)', async () => {
  const result = await db.execute(`UPDATE awscc.s3.buckets SET PatchDocument = string('[{"op":"add","path":"/VersioningConfiguration","value":{"Status":"Suspended"}}]') WHERE Identifier = 'b1' AND region = 'us-east-1'`, [], { dryRun: true });
  assert.deepEqual(result.plan?.map((p) => [p.operation, p.identifier, p.document]), [['UPDATE', 'b1', [{ op: 'add', path: '/VersioningConfiguration', value: { Status: 'Suspended' } }]]]);
  assert.deepEqual(s.take().filter((c) => !c.startsWith('GetResource')), []);
});
