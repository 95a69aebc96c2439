import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCcsqlError } from '../src/index.js';
import { imageArn, ROLE, takeCalls, writeCalls, writeSession } from './support/writes.js';

const IMAGES = 'awscc.sagemaker.images';
const VERSIONS = 'awscc.sagemaker.image_versions';
const BUILDER = 'awscc.imagebuilder.images';

/** [statement, code, column]: each must fail before any call at all. */
const INSERT_CASES: [string, string, string | undefined][] = [
  [`INSERT INTO ${IMAGES} (ImageName) VALUES ('x')`, 'MISSING_REQUIRED', 'image_role_arn'],
  [`INSERT INTO ${IMAGES} (image_role_arn) VALUES ('${ROLE}')`, 'MISSING_REQUIRED', 'image_name'],
  [`INSERT INTO ${IMAGES} (ImageName, ImageRoleArn) VALUES ('x', NULL)`, 'MISSING_REQUIRED', 'image_role_arn'],
  [`INSERT INTO ${BUILDER} (ExecutionRole) VALUES ('${ROLE}')`, 'MISSING_REQUIRED', 'container_recipe_arn'],
  [`INSERT INTO ${BUILDER} (ContainerRecipeArn) VALUES ('arn:r')`, 'MISSING_REQUIRED', 'infrastructure_configuration_arn'],
  [`INSERT INTO ${IMAGES} (ImageName, ImageRoleArn, Nope) VALUES ('x', '${ROLE}', 1)`, 'UNKNOWN_COLUMN', 'Nope'],
  [`INSERT INTO ${IMAGES} (ImageName, ImageRoleArn, ImageArn) VALUES ('x', '${ROLE}', 'arn:x')`, 'READ_ONLY_COLUMN', 'image_arn'],
  [`INSERT INTO ${IMAGES} (ImageName, ImageRoleArn, image_arn) VALUES ('x', '${ROLE}', 'arn:x')`, 'READ_ONLY_COLUMN', 'image_arn'],
  [`INSERT INTO ${VERSIONS} (ImageName, BaseImage, Processor) VALUES ('x', 'b', 'TPU')`, 'INVALID_VALUE', 'processor'],
  [`INSERT INTO ${VERSIONS} (ImageName, BaseImage, Horovod) VALUES ('x', 'b', 'perhaps')`, 'INVALID_VALUE', 'horovod'],
  [`INSERT INTO ${BUILDER} (ImageRecipeArn, InfrastructureConfigurationArn, Workflows) VALUES ('a', 'b', '[{"OnFailure":"MAYBE"}]')`, 'INVALID_VALUE', 'workflows'],
  [`INSERT INTO ${BUILDER} (ImageRecipeArn, InfrastructureConfigurationArn, ImageTestsConfiguration) VALUES ('a', 'b', '{"TimeoutMinutes": "soon"')`, 'INVALID_JSON', 'ImageTestsConfiguration'],
  [`INSERT INTO ${IMAGES} (ImageName, ImageRoleArn, Tags) VALUES ('x', '${ROLE}', '[{"Key":')`, 'INVALID_JSON', 'tags'],
  [`INSERT INTO ${IMAGES} (ImageName, ImageRoleArn, tags) VALUES ('x', '${ROLE}', '{"Key":"k"}')`, 'INVALID_VALUE', 'tags'],
  [`INSERT INTO ${IMAGES} (ImageName, image_name, ImageRoleArn) VALUES ('x', 'y', '${ROLE}')`, 'INVALID_VALUE', 'ImageName'],
  [`INSERT INTO ${IMAGES} (Identifier, ImageName, ImageRoleArn) VALUES ('arn:x', 'x', '${ROLE}')`, 'INVALID_VALUE', 'Identifier'],
  [`INSERT INTO ${IMAGES} (ImageName, ImageRoleArn, PatchDocument) VALUES ('x', '${ROLE}', '[]')`, 'INVALID_VALUE', 'PatchDocument'],
  [`INSERT INTO ${IMAGES} (ImageName, ImageRoleArn) VALUES ('x', '${ROLE}') RETURNING Status`, 'UNKNOWN_COLUMN', 'Status'],
  [`INSERT INTO ${IMAGES} (ImageName, ImageRoleArn) VALUES ('ok', '${ROLE}'), ('bad', NULL)`, 'MISSING_REQUIRED', 'image_role_arn'],
  [`INSERT INTO awscc.sagemaker.image_version (ImageName, BaseImage) VALUES ('x', 'b')`, 'NOT_WRITABLE', undefined],
];

test('an invalid INSERT fails with one error naming the column, and nothing is sent', async (t) => {
  const s = await writeSession();
  t.after(() => s.close());
  for (const [sql, code, column] of INSERT_CASES) {
    await assert.rejects(s.db.execute(sql), (error: unknown) => {
      assert.ok(isCcsqlError(error), `${sql}: ${String(error)}`);
      assert.equal(error.code, code, `${sql}: ${error.message}`);
      if (column) assert.equal(error.details.column, column, sql);
      assert.match(error.message, /\.$/);
      return true;
    });
    assert.deepEqual(takeCalls(s), [], sql);
  }
  const [journal] = await s.db.query<{ n: number }>('SELECT count(*) AS n FROM ccsql_requests');
  assert.equal(journal!.n, 0);
});

const seed = {
  resources: [
    { TypeName: 'AWS::SageMaker::Image', Region: 'us-east-1', Properties: { ImageName: 'one', ImageRoleArn: ROLE } },
    { TypeName: 'AWS::SageMaker::ImageVersion', Region: 'us-east-1', Properties: { ImageName: 'one', BaseImage: 'b:1', Processor: 'CPU' } },
  ],
};
const ONE = `WHERE region = 'us-east-1' AND Identifier = '${imageArn('one')}'`;
const UPDATE_CASES: [string, string, string][] = [
  [`UPDATE ${IMAGES} SET image_name = 'two' ${ONE}`, 'CREATE_ONLY_COLUMN', 'image_name'],
  [`UPDATE ${IMAGES} SET ImageName = 'two' ${ONE}`, 'CREATE_ONLY_COLUMN', 'image_name'],
  [`UPDATE ${IMAGES} SET image_arn = 'arn:x' ${ONE}`, 'READ_ONLY_COLUMN', 'image_arn'],
  [`UPDATE ${IMAGES} SET region = 'us-west-2' ${ONE}`, 'INVALID_VALUE', 'region'],
  [`UPDATE ${IMAGES} SET Tags = 'not json' ${ONE}`, 'INVALID_JSON', 'tags'],
  [`UPDATE ${IMAGES} SET PatchDocument = '[{"op":' ${ONE}`, 'INVALID_JSON', 'PatchDocument'],
  [`UPDATE ${IMAGES} SET PatchDocument = '{"op":"add"}' ${ONE}`, 'INVALID_VALUE', 'PatchDocument'],
  [`UPDATE ${IMAGES} SET PatchDocument = '[{"op":"replace","path":"/ImageName","value":"z"}]' ${ONE}`, 'CREATE_ONLY_COLUMN', 'image_name'],
  [`UPDATE ${IMAGES} SET PatchDocument = '[]', image_description = 'd' ${ONE}`, 'INVALID_VALUE', 'PatchDocument'],
  [`UPDATE ${VERSIONS} SET processor = 'TPU' WHERE region = 'us-east-1' AND image_name = 'one'`, 'INVALID_VALUE', 'processor'],
  [`UPDATE ${IMAGES} SET nope = 1 ${ONE}`, 'UNKNOWN_COLUMN', 'nope'],
];

test('an invalid UPDATE fails naming the column after reading its rows, and no write is sent', async (t) => {
  const s = await writeSession(seed);
  t.after(() => s.close());
  for (const [sql, code, column] of UPDATE_CASES) {
    await assert.rejects(s.db.execute(sql), (error: unknown) => {
      assert.ok(isCcsqlError(error), `${sql}: ${String(error)}`);
      assert.equal(error.code, code, `${sql}: ${error.message}`);
      assert.equal(error.details.column, column, sql);
      return true;
    });
    assert.deepEqual(writeCalls(takeCalls(s)), [], sql);
  }
});
