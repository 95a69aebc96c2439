import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isCcsqlError } from '../src/errors.js';
import { buildCatalog, claimNames } from '../src/catalog/build.js';
import type { RegistrySchema } from '../src/catalog/generate.js';
import { defaultCatalog, defaultCatalogDir, loadCatalog } from '../src/catalog/index.js';
import pluralizePackage from 'pluralize';
import { columnName, legacyColumnName, resourceName, singularResourceName } from '../src/catalog/naming.js';
import { pluralize } from '../src/catalog/pluralize.js';
import { readSchemaDir } from '../src/catalog/read-schemas.js';

const catalogDir = defaultCatalogDir();
const repoRoot = join(catalogDir, '..');
const schemasDir = [join(repoRoot, '..', 'shared', 'cfn-schemas'), '/work/shared/cfn-schemas'].find((dir) => existsSync(dir));

function schema(typeName: string, extra: Partial<RegistrySchema> = {}): RegistrySchema {
  return {
    typeName,
    properties: { Name: { type: 'string' }, Arn: { type: 'string' } },
    primaryIdentifier: ['/properties/Arn'],
    handlers: { read: { permissions: ['x:Get'] }, list: { permissions: ['x:List'] } },
    ...extra,
  };
}

function assertInvalid(schemas: RegistrySchema[], typeName: string): void {
  assert.throws(
    () => buildCatalog(schemas),
    (error: unknown) => isCcsqlError(error) && error.code === 'INVALID_ARGUMENT' && error.details.typeName === typeName,
  );
}

describe('catalog generator validation', () => {
  it('rejects two properties that become the same column', () => {
    const properties = { VPCId: { type: 'string' }, VpcId: { type: 'string' }, Arn: { type: 'string' } };
    assertInvalid([schema('AWS::X::Thing', { properties })], 'AWS::X::Thing');
  });

  it('rejects a primary identifier that is not a property', () => {
    assertInvalid([schema('AWS::X::Thing', { primaryIdentifier: ['/properties/Missing'] })], 'AWS::X::Thing');
  });

  it('rejects an additional identifier that is not a property', () => {
    assertInvalid([schema('AWS::X::Thing', { additionalIdentifiers: [['/properties/Nope']] })], 'AWS::X::Thing');
  });

  it('rejects a type without a primary identifier', () => {
    assertInvalid([schema('AWS::X::Thing', { primaryIdentifier: [] })], 'AWS::X::Thing');
  });

  it('rejects a malformed type name', () => {
    assertInvalid([schema('AWS::Thing')], 'AWS::Thing');
  });

  it('rejects two types that get the same table name', () => {
    // `Index` pluralises to `indices`, and `Indices` stays `indices`.
    assertInvalid([schema('AWS::X::Index'), schema('AWS::X::Indices')], 'AWS::X::Indices');
  });

  it('rejects a table name that is another type\'s _list_only name', () => {
    // Pluralisation never ends a name in `_list_only` (`only` → `onlies`), so check the rule directly.
    const a = { typeName: 'AWS::X::A', sqlName: 'awscc.x.items' };
    const b = { typeName: 'AWS::X::B', sqlName: 'awscc.x.items_list_only' };
    assert.throws(() => claimNames([a, b]), (e: unknown) => isCcsqlError(e) && e.details.typeName === 'AWS::X::B');
  });

  it('rejects the same type twice', () => {
    assertInvalid([schema('AWS::X::Thing'), schema('AWS::X::Thing')], 'AWS::X::Thing');
  });

  it('gives a singular alias only where it differs from every table name', () => {
    const built = buildCatalog([schema('AWS::X::Term'), schema('AWS::X::Series')]);
    const term = built.types.find((t) => t.typeName === 'AWS::X::Term');
    assert.equal(term?.sqlName, 'awscc.x.terms');
    assert.equal(term?.aliases.singular, 'awscc.x.term');
    const series = built.types.find((t) => t.typeName === 'AWS::X::Series');
    assert.equal(series?.sqlName, 'awscc.x.series');
    assert.equal(series?.aliases.singular, undefined, 'a singular equal to its own table name is no alias');
  });

  it('reads required alternatives from top-level oneOf/anyOf/allOf and list keys from handlerSchema', () => {
    const built = buildCatalog([
      schema('AWS::X::Thing', {
        required: ['Name'],
        oneOf: [{ required: ['Name'] }, { required: ['Arn'] }],
        allOf: [{ required: ['Arn'] }, { anyOf: [{}, { required: ['Name'] }] }],
        handlers: {
          list: {
            permissions: [],
            handlerSchema: { properties: { Name: { $ref: 'resource-schema.json#/properties/Name' }, Arn: {} }, required: ['Name'] },
          },
        },
      }),
    ]);
    const [type] = built.types;
    assert.deepEqual(type?.required, ['Name', 'Arn']);
    assert.deepEqual(type?.requiredAlternatives, [['Name'], ['Arn']]);
    assert.deepEqual(type?.listKeys, { required: ['Name'], optional: ['Arn'] });
  });

  it('strips nested descriptions but keeps a property called "description"', () => {
    const properties = {
      Arn: { type: 'string', description: 'kept as column doc' },
      Config: { type: 'object', description: 'x', properties: { description: { type: 'string', description: 'y' } } },
    };
    const [type] = buildCatalog([schema('AWS::X::Thing', { properties })]).types;
    assert.equal(type?.columns[0]?.description, 'kept as column doc');
    assert.deepEqual(type?.schema.properties.Config, { type: 'object', properties: { description: { type: 'string' } } });
  });
});

describe('naming', () => {
  it('follows StackQL for resources and columns', () => {
    const cases: [string, string][] = [
      ['AWS::SageMaker::Image', 'images'], ['AWS::SageMaker::ImageVersion', 'image_versions'],
      ['AWS::IAM::Policy', 'policies'], ['AWS::Kendra::Index', 'indices'], ['AWS::EC2::VPC', 'vpcs'],
      ['AWS::EC2::EIP', 'eips'], ['AWS::KMS::Alias', 'aliases'], ['AWS::QuickSight::Analysis', 'analyses'],
      ['AWS::Connect::AgentStatus', 'agent_statuses'], ['AWS::EC2::DHCPOptions', 'dhcp_options'],
      ['AWS::Glue::SchemaVersionMetadata', 'schema_version_metadata'], ['AWS::RDS::DBProxy', 'db_proxies'],
      ['AWS::DataSync::LocationFSxWindows', 'locationf_sx_windows'], ['AWS::Glue::Schema', 'schemas'],
    ];
    for (const [typeName, resource] of cases) assert.equal(resourceName(typeName), resource, typeName);
    const columns: [string, string][] = [
      ['ImageRoleArn', 'image_role_arn'], ['MLFramework', 'ml_framework'], ['VPCId', 'vpc_id'],
      ['S3Bucket', 's3_bucket'], ['EC2InstanceType', 'e_c2_instance_type'], ['AIAgentArn', 'a_iagent_arn'],
      ['Ipv6CidrBlock', 'ipv6_cidr_block'], ['DBInstanceIdentifier', 'db_instance_identifier'],
    ];
    for (const [property, column] of columns) assert.equal(columnName(property), column, property);
    assert.equal(legacyColumnName('MLFramework'), 'm_lframework');
    assert.equal(legacyColumnName('ImageName'), 'image_name');
  });
});

describe('pluralize', () => {
  it('is the npm package on the whole snake_case name, with StackQL\'s own plurals on top', () => {
    const cases: [string, string][] = [
      ['schema', 'schemas'], ['registry_schema', 'registry_schemas'], ['data', 'data'], ['image_data', 'image_data'],
      ['metadata', 'metadata'], ['index', 'indices'], ['kendra_index', 'kendra_indices'], ['status', 'statuses'],
      ['person', 'people'], ['sales_person', 'sales_people'], ['dhcp_options', 'dhcp_options'], ['Policy', 'policies'],
    ];
    for (const [singular, plural] of cases) assert.equal(pluralize(singular), plural, singular);
    assert.equal(pluralizePackage.plural('schema'), 'schemata', 'the package itself is left as it is');
  });

  it('names every table of the committed catalog: the package\'s plural except where StackQL differs', () => {
    const differs: string[] = [];
    let checked = 0;
    for (const type of defaultCatalog().all()) {
      const singular = singularResourceName(type.typeName);
      const table = type.sqlName.split('.')[2];
      assert.equal(table, pluralize(singular), type.typeName);
      if (table !== pluralizePackage.plural(singular)) differs.push(type.typeName);
      checked += 1;
    }
    assert.equal(checked, 1489);
    assert.deepEqual(differs, ['AWS::EventSchemas::Schema', 'AWS::Glue::Schema', 'AWS::Personalize::Schema']);
  });
});

describe('committed catalog', () => {
  it('is what the generator makes of the shared schemas', (t) => {
    if (schemasDir === undefined) {
      t.skip('../shared/cfn-schemas is absent: cannot check that catalog/ is up to date');
      return;
    }
    const built = buildCatalog(readSchemaDir(schemasDir));
    const stale: string[] = [];
    for (const [path, content] of built.files) {
      const file = join(catalogDir, path);
      if (!existsSync(file) || readFileSync(file, 'utf8') !== content) stale.push(path);
    }
    const committed = loadCatalog(catalogDir);
    assert.deepEqual(stale, [], `catalog/ is stale; run: npm run gen:catalog -- ${schemasDir}`);
    assert.equal(committed.size, built.types.length);
    assert.deepEqual(new Set(committed.services().map((s) => `services/${s}.json`)), new Set([...built.files.keys()].filter((p) => p !== 'index.json')));
    assert.deepEqual(built.stats.types, 1489);
  });

  it('matches the facts in DESIGN.md', () => {
    const types = [...defaultCatalog().all()];
    assert.equal(types.length, 1489);
    assert.equal(types.filter((t) => t.handlers.list !== undefined && t.listKeys.required.length > 0).length, 307);
    assert.equal(types.filter((t) => t.handlers.list === undefined).length, 83);
    assert.equal(types.filter((t) => t.primaryIdentifier.length > 1).length, 288);
    assert.equal(types.filter((t) => t.writeOnly.length > 0 || t.paths.writeOnly.length > 0).length, 425);
  });
});

describe('catalog loader', () => {
  function countingCatalog(): { catalog: ReturnType<typeof loadCatalog>; reads: string[] } {
    const reads: string[] = [];
    const catalog = loadCatalog(catalogDir, {
      readFile: (path) => {
        reads.push(path.slice(catalogDir.length + 1));
        return readFileSync(path, 'utf8');
      },
    });
    return { catalog, reads };
  }

  it('answers names from index.json alone and parses one service file per looked-up service', () => {
    const { catalog, reads } = countingCatalog();
    assert.equal(catalog.size, 1489);
    assert.equal(catalog.sqlNames().length, 1489);
    assert.ok(catalog.services().includes('sagemaker'));
    assert.deepEqual(catalog.resourcesOf('SageMaker').find((r) => r.typeName === 'AWS::SageMaker::Image'), {
      sqlName: 'awscc.sagemaker.images',
      typeName: 'AWS::SageMaker::Image',
    });
    assert.deepEqual(reads, ['index.json']);
    assert.equal(catalog.resolve('awscc.sagemaker.images')?.type.typeName, 'AWS::SageMaker::Image');
    assert.equal(catalog.resolve('"AWS.SageMaker.Image_Versions_List_Only"')?.variant, 'list_only');
    assert.equal(catalog.byTypeName('AWS::SageMaker::ImageVersion')?.sqlName, 'awscc.sagemaker.image_versions');
    assert.deepEqual(reads, ['index.json', 'services/sagemaker.json']);
    assert.equal(catalog.resolve('awscc.ec2.vpcs')?.type.typeName, 'AWS::EC2::VPC');
    assert.deepEqual(reads, ['index.json', 'services/sagemaker.json', 'services/ec2.json']);
  });

  it('resolves aliases and answers undefined for unknown names', () => {
    const catalog = defaultCatalog();
    assert.equal(catalog.resolve('awscc.sagemaker.image_version')?.variant, 'singular');
    assert.equal(catalog.resolve('aws.sagemaker.images')?.variant, 'full');
    for (const name of ['awscc.sagemaker.nope', 'sagemaker.images', 'gcp.sagemaker.images', '', 'awscc.sagemaker']) {
      assert.equal(catalog.resolve(name), undefined, name);
    }
    assert.equal(catalog.byTypeName('AWS::Nope::Nope'), undefined);
    assert.equal(defaultCatalog(), catalog, 'memoised');
  });

  it('hands out frozen entries', () => {
    const type = defaultCatalog().byTypeName('AWS::SageMaker::Image');
    assert.ok(type && Object.isFrozen(type) && Object.isFrozen(type.columns) && Object.isFrozen(type.columns[0]));
    assert.ok(Object.isFrozen(type.schema.properties));
  });
});
