/** One-shot runs of the built command, spawned as a user runs it, against an emulator in this process. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { exitOf, firstLine } from './support/child.js';
import { builtBin, cliEnv, runCli, SEED, SKIP_UNBUILT } from './support/cli.js';

let emulator: Emulator;
let aws: string[];
const IMAGES = 'SELECT image_name, image_display_name FROM awscc.sagemaker.images ORDER BY image_name';

before(async () => {
  emulator = await startEmulator({ port: 0, seed: SEED });
  aws = ['--endpoint-url', emulator.url, '-r', 'us-east-1'];
});
after(() => emulator.close());

describe('one-shot output modes', { skip: SKIP_UNBUILT }, () => {
  test('-o json prints one array of row objects keyed by column name', async () => {
    const run = await runCli([...aws, '-o', 'json', IMAGES]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), [
      { image_name: 'alpha', image_display_name: 'Alpha, "the first"' },
      { image_name: 'beta', image_display_name: null },
    ]);
  });

  test('-o ndjson prints one object per line', async () => {
    const run = await runCli([...aws, '-o', 'ndjson', IMAGES]);
    assert.deepEqual(run.stdout.trim().split('\n').map((l) => JSON.parse(l).image_name), ['alpha', 'beta']);
  });

  test('-o csv quotes what needs quoting and leaves NULL empty', async () => {
    const run = await runCli([...aws, '-o', 'csv', IMAGES]);
    assert.equal(run.stdout, 'image_name,image_display_name\r\nalpha,"Alpha, ""the first"""\r\nbeta,\r\n');
    const bare = await runCli([...aws, '-o', 'csv', '--no-headers', IMAGES]);
    assert.equal(bare.stdout.split('\r\n')[0], 'alpha,"Alpha, ""the first"""');
  });

  test('-o table and its StackQL alias text draw the same table', async () => {
    const table = await runCli([...aws, '-o', 'table', IMAGES]);
    const text = await runCli([...aws, '-o', 'text', IMAGES]);
    assert.equal(table.stdout, text.stdout);
    assert.match(table.stdout, /^\+-+\+-+\+\n\| image_name +\| image_display_name +\|\n/);
    assert.match(table.stdout, /\| alpha +\| Alpha, "the first" \|/);
  });

  test('-o markdown and -o line', async () => {
    const markdown = await runCli([...aws, '-o', 'markdown', IMAGES]);
    assert.equal(markdown.stdout.split('\n').slice(0, 3).join('\n'), '| image_name | image_display_name |\n|---|---|\n| alpha | Alpha, "the first" |');
    const line = await runCli([...aws, '-o', 'line', IMAGES]);
    assert.match(line.stdout, /^ {8}image_name = alpha\nimage_display_name = Alpha, "the first"\n\n/);
  });
});

describe('JSON values and repeated column names', { skip: SKIP_UNBUILT }, () => {
  const IB = "SELECT image_recipe_arn, enhanced_image_metadata_enabled AS enabled, tags, json_extract(tags, '$.team') AS team FROM awscc.imagebuilder.images WHERE region = 'us-east-1' ORDER BY 1 LIMIT 1";
  test('-o json and ndjson print objects, arrays and booleans as JSON; csv prints what SQLite holds', async () => {
    const json = await runCli(['--demo', '-o', 'json', IB]);
    assert.equal(json.code, 0, json.stderr);
    const [row] = JSON.parse(json.stdout) as Record<string, unknown>[];
    assert.deepEqual(row!.tags, { team: 'platform', recipe: 'golden-al2023' });
    assert.equal(row!.enabled, true);
    assert.equal(row!.team, 'platform');
    const ndjson = await runCli(['--demo', '-o', 'ndjson', IB]);
    assert.deepEqual(JSON.parse(ndjson.stdout), row);
    const table = await runCli(['--demo', '-o', 'csv', IB]);
    assert.match(table.stdout, /,1,"\{""team"":""platform"",""recipe"":""golden-al2023""\}",platform\r\n$/);
  });

  test('SELECT * over a join keeps both region columns, in order, as sqlite3 shows them', async () => {
    const join = "SELECT * FROM awscc.s3.buckets_list_only b JOIN awscc.logs.log_groups_list_only l ON l.region = b.region WHERE b.region = 'eu-west-1' ORDER BY 3, 6 LIMIT 1";
    const csv = await runCli(['--demo', '-o', 'csv', join]);
    assert.equal(csv.stdout, 'region,account_id,bucket_name,region,account_id,log_group_name\r\neu-west-1,123456789012,acme-analytics-eu,eu-west-1,123456789012,/aws/imagebuilder/golden-al2023\r\n');
    const json = await runCli(['--demo', '-o', 'json', join]);
    assert.deepEqual(Object.keys(JSON.parse(json.stdout)[0]), ['region', 'account_id', 'bucket_name', 'region:1', 'account_id:1', 'log_group_name']);
  });
});

describe('one-shot inputs', { skip: SKIP_UNBUILT }, () => {
  test('SQL on stdin, several statements, each result printed in turn', async () => {
    const run = await runCli([...aws, '-o', 'ndjson'], { input: "SELECT 1 AS a;\nSELECT bucket_name FROM awscc.s3.buckets WHERE region = 'eu-west-1';\n" });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.stdout.trim().split('\n').map((l) => JSON.parse(l)), [{ a: 1 }, { bucket_name: 'eu-bucket' }]);
  });

  test('-f runs a file; --var and --vars fill {{ }} placeholders, --var winning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccsql-cli-'));
    writeFileSync(join(dir, 'q.sql'), "SELECT version FROM awscc.sagemaker.image_versions WHERE image_name = '{{ image }}' AND region = '{{ region }}' ORDER BY version;");
    writeFileSync(join(dir, 'vars.yaml'), 'image: beta\nregion: us-east-1\n');
    const run = await runCli([...aws, '-o', 'json', '-f', join(dir, 'q.sql'), '--vars', join(dir, 'vars.yaml'), '--var', 'image=alpha']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), [{ version: 1 }, { version: 2 }]);
  });

  test('the SQL after a repeatable option is still the SQL', async () => {
    const run = await runCli([...aws, '-o', 'json', '--var', 'x=it\'s', "SELECT '{{ x }}' AS v"]);
    assert.deepEqual(JSON.parse(run.stdout), [{ v: "it's" }]);
  });

  test('--trace prints each Cloud Control call on stderr, and no credential', async () => {
    const run = await runCli([...aws, '--trace', '-o', 'json', "SELECT image_name FROM awscc.sagemaker.images WHERE Identifier = 'arn:aws:sagemaker:us-east-1:123456789012:image/alpha'"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^\[trace\] GetResource us-east-1 AWS::SageMaker::Image arn:aws:sagemaker:us-east-1:123456789012:image\/alpha \d+ms\n$/);
    assert.doesNotMatch(run.stderr, /AKIDCCSQLTEST|ccsql-test-secret/);
  });
});

describe('one-shot failures: exit 1 and one line on stderr', { skip: SKIP_UNBUILT }, () => {
  const badVars = join(mkdtempSync(join(tmpdir(), 'ccsql-bad-vars-')), 'bad.yaml');
  writeFileSync(badVars, 'region: us-east-1\ntags: [a, b\n');
  const cases: [string, string[], RegExp][] = [
    ['unknown table', ['SELECT * FROM awscc.nope.things'], /^Error: There is no table awscc\.nope\.things/],
    ['SQL syntax', ['SELEC 1'], /^Error: near "SELEC": syntax error\n$/],
    ['missing list key', ['SELECT * FROM awscc.amplify.branches'], /^Error: Listing awscc\.amplify\.branches needs app_id/],
    ['placeholder without a value', ["SELECT '{{ missing }}'"], /^Error: Placeholder "\{\{ missing \}\}" has no value: pass --var missing=VALUE/],
    ['unknown option', ['--bogus', 'SELECT 1'], /^Error: Unknown argument: bogus/],
    ['bad output mode', ['-o', 'yaml', 'SELECT 1'], /^Error: Invalid values/],
    ['missing SQL file', ['-f', '/nonexistent.sql'], /^Error: SQL file "\/nonexistent\.sql" cannot be read/],
    ['malformed --vars file', ['--vars', badVars, "SELECT '{{ region }}'"], /^Error: Vars file ".*bad\.yaml" line 3 is not valid YAML/],
    ['many-resource write without --yes', ['UPDATE awscc.sagemaker.images SET image_description = \'x\''], /^Error: .*--yes/],
  ];
  for (const [name, args, pattern] of cases) {
    test(name, async () => {
      const run = await runCli([...aws, ...args]);
      assert.equal(run.code, 1);
      assert.match(run.stderr, pattern);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    });
  }

  test('a later statement does not run after an error', async () => {
    const run = await runCli([...aws, '-o', 'ndjson', 'SELECT 1 AS a; SELECT * FROM nowhere; SELECT 2 AS b']);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '{"a":1}\n');
  });
});

describe('other commands', { skip: SKIP_UNBUILT }, () => {
  test('--version prints the package version', async () => {
    const run = await runCli(['--version']);
    assert.equal(run.stdout.trim(), '0.1.0');
  });

  test('--help ends with examples', async () => {
    const run = await runCli(['--help']);
    assert.equal(run.code, 0);
    const examples = run.stdout.slice(run.stdout.indexOf('Examples:\n'));
    assert.match(examples, /^Examples:\n {2}ccsql --demo /);
    assert.match(examples.trimEnd().split('\n').at(-1)!, /ccsql emulator --port 4566 --seed estate\.json +Run the local Cloud Control endpoint$/);
  });

  test('--demo answers with no AWS account at all', async () => {
    const run = await runCli(['--demo', '-o', 'json', "SELECT count(*) AS n FROM awscc.sagemaker.images i JOIN awscc.sagemaker.image_versions v ON v.image_name = i.image_name WHERE i.region = 'us-east-1'"], { env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' } });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), [{ n: 9 }]);
  });

  test('docs <table> prints a Markdown page with methods, examples and permissions', async () => {
    const run = await runCli(['docs', 'awscc.sagemaker.image_versions']);
    assert.equal(run.code, 0, run.stderr);
    for (const heading of ['## Overview', '## Fields', '## Methods', '## `SELECT` examples', '## `INSERT` example', '## Manifest example', '## `UPDATE` example', '## `DELETE` example', '## Permissions']) {
      assert.ok(run.stdout.includes(heading), heading);
    }
    assert.match(run.stdout, /\| `list_resources` \| `SELECT` \| `image_name, region` \|/);
    assert.match(run.stdout, /sagemaker:ListImageVersions/);
    assert.match(run.stdout, /`RETURNING` gives the final ProgressEvent of the request/);
    assert.match(run.stdout, /\[stackql-deploy\]\(https:\/\/pypi\.org\/project\/stackql-deploy\/\)/);
    assert.doesNotMatch(run.stdout, /created resource's columns/);
    const missing = await runCli(['docs', 'awscc.nope.things']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^Error: There is no table awscc\.nope\.things/);
  });

  test('emulator prints its URL first and serves', async () => {
    const child = spawn(process.execPath, [builtBin(), 'emulator', '--port', '0'], { env: cliEnv() });
    try {
      const url = await firstLine(child, 'ccsql emulator --port 0 to print its URL');
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const run = await runCli(['--endpoint-url', url, '-r', 'us-east-1', '-o', 'json', 'SELECT account FROM awscc.sts.caller_identity']);
      assert.deepEqual(JSON.parse(run.stdout), [{ account: '123456789012' }]);
      child.kill('SIGINT');
      assert.deepEqual(await exitOf(child, 'ccsql emulator to stop on SIGINT'), { code: 0, signal: null });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
