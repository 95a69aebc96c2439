/**
 * The stack reader of `ccsql deploy`: anchors, the manifest with its bad-input errors (file and line),
 * the template context and filters, on stackql-deploy-rs's own examples and on broken copies of them.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseAnchors } from '../src/deploy/anchors.js';
import { StackContext } from '../src/deploy/context.js';
import { loadManifest } from '../src/deploy/manifest.js';
import { render } from '../src/cli/template/render.js';
import { isCcsqlError } from '../src/index.js';

const EXAMPLES = join(import.meta.dirname, 'fixtures/stackql-deploy/examples/aws');
const STRICT = { lenient: false, names: new Set<string>() };
const scratch = mkdtempSync(join(tmpdir(), 'ccsql-deploy-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of an example with one file rewritten by `edit`. */
function brokenCopy(example: string, file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(scratch, `${example}-`));
  cpSync(join(EXAMPLES, example), dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

function inputError(fn: () => unknown): { file: string; line: number | undefined; message: string } {
  try {
    fn();
  } catch (error) {
    assert.ok(isCcsqlError(error), String(error));
    assert.equal(error.code, 'DEPLOY_INPUT', error.message);
    return { file: String(error.details.file), line: error.details.line as number | undefined, message: error.message };
  }
  assert.fail('no error');
}

describe('anchors', () => {
  test('sections with options, aliases and per-operation keys', () => {
    const anchors = parseAnchors('/*+ preflight */\nSELECT 1 as count\n\n/*+ postdeploy, retries=5, retry_delay=10 */\nSELECT 2\n/*+ troubleshoot:create */\nSELECT 3\n/*+ exports, short_circuit_field=OperationStatus */\nSELECT 4', 'x.iql');
    assert.deepEqual([...anchors.keys()], ['exists', 'statecheck', 'troubleshoot:create', 'exports']);
    assert.equal(anchors.get('exists')!.sql, 'SELECT 1 as count');
    assert.deepEqual({ ...anchors.get('statecheck')!.options }, { retries: 5, retryDelay: 10 });
    assert.equal(anchors.get('statecheck')!.line, 4);
    assert.equal(anchors.get('exports')!.options.short_circuit_field, 'OperationStatus');
  });

  test('an unknown anchor, a duplicate, a bad option: file and line', () => {
    assert.deepEqual(pick(inputError(() => parseAnchors('/*+ exists */\nSELECT 1\n/*+ statechek */\nSELECT 2', 'a.iql'))), { file: 'a.iql', line: 3 });
    assert.deepEqual(pick(inputError(() => parseAnchors('/*+ exists */\nSELECT 1\n/*+ exists */\nSELECT 2', 'a.iql'))), { file: 'a.iql', line: 3 });
    assert.deepEqual(pick(inputError(() => parseAnchors('/*+ statecheck, retries=many */\nSELECT 1', 'a.iql'))), { file: 'a.iql', line: 1 });
    assert.deepEqual(pick(inputError(() => parseAnchors('/*+ callback:drop */\nSELECT 1', 'a.iql'))), { file: 'a.iql', line: 1 });
  });
});

const pick = (e: { file: string; line: number | undefined }) => ({ file: e.file.replace(/^.*\//, ''), line: e.line });

describe('manifest', () => {
  test('the three awscc examples load as written', () => {
    const vpc = loadManifest(join(EXAMPLES, 'aws-vpc-webserver'));
    assert.equal(vpc.name, 'aws-vpc-webserver');
    assert.deepEqual(vpc.resources.map((r) => r.name).slice(0, 3), ['example_vpc', 'example_subnet', 'example_inet_gateway']);
    assert.equal(vpc.resources.at(-1)!.type, 'query');
    assert.deepEqual(vpc.exports, ['public_dns_name']);
    const sql = loadManifest(join(EXAMPLES, 'sqlserver'));
    const subnetA = sql.resources.find((r) => r.name === 'subnet_a')!;
    assert.match(subnetA.file, /resources\/subnet\.iql$/);
    assert.deepEqual(subnetA.exports, [{ column: 'subnet_id', name: 'subnet_a_id' }, { column: 'availability_zone', name: 'subnet_a_availability_zone' }]);
    assert.deepEqual(subnetA.returnVals.create, [{ column: 'RequestToken', name: 'RequestToken' }]);
    assert.ok(loadManifest(join(EXAMPLES, 'patch-doc-test')).resources[0]!.anchors.has('update'));
  });

  test('not YAML, a missing field, an unknown type, a missing .iql: file and line', () => {
    const notYaml = inputError(() => loadManifest(brokenCopy('patch-doc-test', 'stackql_manifest.yml', (t) => t.replace('resources:', 'resources: [unclosed'))));
    assert.equal(pick(notYaml).file, 'stackql_manifest.yml');
    assert.ok(notYaml.line !== undefined && notYaml.line >= 18, String(notYaml.line));
    assert.match(notYaml.message, /is not valid YAML/);
    assert.deepEqual(pick(inputError(() => loadManifest(brokenCopy('patch-doc-test', 'stackql_manifest.yml', (t) => t.replace('name: "patch-doc-test"\n', ''))))), { file: 'stackql_manifest.yml', line: 1 });
    assert.deepEqual(pick(inputError(() => loadManifest(brokenCopy('patch-doc-test', 'stackql_manifest.yml', (t) => t.replace('  - name: bucket1\n', '  - name: bucket1\n    type: bucket\n'))))), { file: 'stackql_manifest.yml', line: 20 });
    const missing = inputError(() => loadManifest(brokenCopy('patch-doc-test', 'stackql_manifest.yml', (t) => t.replace('  - name: bucket1\n', '  - name: bucket1\n    file: nowhere.iql\n'))));
    assert.deepEqual(pick(missing), { file: 'stackql_manifest.yml', line: 20 });
    assert.match(missing.message, /resources\/nowhere\.iql does not exist; nothing was sent\.$/);
    assert.deepEqual(pick(inputError(() => loadManifest(brokenCopy('patch-doc-test', 'resources/bucket1.iql', (t) => t.replace('/*+ update */', '/*+ upsert */'))))), { file: 'bucket1.iql', line: 32 });
  });
});

describe('context', () => {
  test('patch-doc-test: globals from env, resource_name deferred, props merged, the update rendered', () => {
    const manifest = loadManifest(join(EXAMPLES, 'patch-doc-test'));
    const context = new StackContext(manifest, 'dev', { AWS_REGION: 'us-east-1' });
    const bucket = manifest.resources[0]!;
    const vars = context.resourceVars(bucket, {}, STRICT);
    assert.equal(vars.region, 'us-east-1');
    assert.equal(vars.AWS_REGION, undefined, 'env values are for globals only');
    assert.equal(vars.bucket1_name, 'patch-doc-test-dev-bucket1');
    assert.deepEqual(vars.bucket1_tags, [
      { Key: 'Name', Value: 'patch-doc-test-dev-bucket1' },
      { Key: 'stackql:stack-name', Value: 'patch-doc-test' },
      { Key: 'stackql:stack-env', Value: 'dev' },
      { Key: 'stackql:resource-name', Value: 'bucket1' },
    ]);
    const update = render(bucket.anchors.get('update')!.sql, vars);
    assert.match(update, /SET PatchDocument = string\('\[\{"op":"add","path":"\/VersioningConfiguration","value":\{"Status":"Enabled"\}\},\{"op":"add","path":"\/Tags","value":\[\{"Key":"Name","Value":"patch-doc-test-dev-bucket1"\},/);
  });

  test('vpc example: values per environment, to_aws_tag_filters, this from exists', () => {
    const manifest = loadManifest(join(EXAMPLES, 'aws-vpc-webserver'));
    const context = new StackContext(manifest, 'sit', { AWS_REGION: 'eu-west-1' });
    const vpc = manifest.resources[0]!;
    const vars = context.resourceVars(vpc, { vpc_id: 'vpc-123' }, STRICT);
    assert.equal(vars.vpc_cidr_block, '10.1.0.0/16');
    const exists = render(vpc.anchors.get('exists')!.sql, vars);
    assert.ok(exists.includes(`TagFilters = '[{"Key":"stackql:stack-name","Values":["aws-vpc-webserver"]},{"Key":"stackql:stack-env","Values":["sit"]},{"Key":"stackql:resource-name","Values":["example_vpc"]}]'`), exists);
    assert.match(render(vpc.anchors.get('exports')!.sql, vars), /SELECT 'vpc-123' as vpc_id,\n'10\.1\.0\.0\/16' as vpc_cidr_block/);
    context.setExport('example_vpc', 'vpc_id', 'vpc-123');
    const subnetVars = context.resourceVars(manifest.resources[1]!, {}, STRICT);
    assert.equal(subnetVars.vpc_id, 'vpc-123');
    assert.deepEqual(subnetVars.example_vpc, { vpc_id: 'vpc-123' });
  });

  test('a values without the environment, a global without its env value: file and line', () => {
    const manifest = loadManifest(join(EXAMPLES, 'aws-vpc-webserver'));
    const noEnv = inputError(() => new StackContext(manifest, 'qa', { AWS_REGION: 'us-east-1' }).resourceVars(manifest.resources[0]!, {}, STRICT));
    assert.deepEqual(pick(noEnv), { file: 'stackql_manifest.yml', line: 21 });
    assert.match(noEnv.message, /none for environment qa/);
    const noRegion = inputError(() => new StackContext(manifest, 'dev', {}));
    assert.deepEqual(pick(noRegion), { file: 'stackql_manifest.yml', line: 7 });
    assert.match(noRegion.message, /AWS_REGION/);
  });
});
