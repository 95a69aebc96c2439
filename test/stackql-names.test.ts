/**
 * Every resource and view name StackQL's awscc provider has resolves in ccsql, with StackQL's columns
 * selectable by name. The fixture lists StackQL's names and the columns of each one's SELECT view.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { session } from './support/session.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/stackql-awscc-names.json', import.meta.url), 'utf8')) as { tables: Record<string, string[]> };

/** StackQL's tagging tables call the Resource Groups Tagging API, not Cloud Control. */
const TAGGING = /^awscc\.tagging\./;

/**
 * Properties StackQL's provider has from schemas published after the CloudFormation schemas ccsql's
 * catalog is generated from (2026-08-07): they appear once the catalog is regenerated.
 */
const NEWER_SCHEMA: Readonly<Record<string, readonly string[]>> = {
  'awscc.controltower.enabled_controls': ['parameters', 'tags'],
  'awscc.customerprofiles.domains': ['matching', 'rule_based_matching', 'stats'],
  'awscc.ec2.network_insights_analyses': ['filter_out_arns', 'suggested_accounts', 'additional_accounts'],
  'awscc.emrserverless.applications': ['monitoring_configuration', 'runtime_configuration', 'interactive_configuration', 'scheduler_configuration', 'identity_center_configuration'],
  'awscc.iotfleetwise.decoder_manifests': ['default_for_unmapped_signals'],
  'awscc.lex.bots': ['error_log_settings', 'replication'],
  'awscc.logs.log_groups': ['field_index_policies', 'resource_policy_document'],
  'awscc.mediaconnect.flows': ['flow_size', 'ndi_config', 'flow_ndi_machine_name'],
  'awscc.omics.workflow_versions': ['parameter_template_path', 'definition_repository', 'readme_path', 'readme_uri', 'readme_markdown'],
  'awscc.omics.workflows': ['workflow_bucket_owner_id', 'definition_repository', 'parameter_template_path', 'readme_path', 'readme_uri', 'readme_markdown'],
  'awscc.quicksight.analyses': ['definition', 'validation_strategy', 'folder_arns'],
  'awscc.quicksight.dashboards': ['definition', 'validation_strategy', 'folder_arns', 'link_sharing_configuration', 'link_entities'],
  'awscc.quicksight.data_sets': ['folder_arns', 'use_as', 'performance_configuration', 'data_set_refresh_properties', 'row_level_permission_tag_configuration', 'dataset_parameters'],
  'awscc.quicksight.templates': ['definition', 'validation_strategy'],
  'awscc.resourcegroups.tag_sync_tasks': ['group_id'],
  'awscc.s3.buckets': ['metadata_configuration'],
  'awscc.stepfunctions.state_machines': ['state_machine_revision_id', 'encryption_configuration'],
};

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

test('every StackQL awscc name resolves, and its columns are there', async (t) => {
  const s = await session({ resources: [] });
  t.after(() => s.close());
  const names = Object.keys(fixture.tables);
  assert.ok(names.length > 2000, 'the full list');
  const failures: string[] = [];
  for (const name of names) {
    const newer = new Set(NEWER_SCHEMA[name] ?? []);
    const columns = fixture.tables[name]!.filter((c) => !newer.has(c));
    const list = columns.length > 0 ? columns.map(quote).join(', ') : '*';
    try {
      // WHERE 0: prepared and run, so every name and column is checked, with no call to make.
      await s.db.execute(`SELECT ${list} FROM ${name} WHERE 0`);
    } catch (error) {
      failures.push(`${name}: ${(error as Error).message}`);
    }
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(s.take(), []);
});

test("StackQL's former spelling schemata still resolves, to the schemas table of the same type", async (t) => {
  const s = await session({ resources: [] });
  t.after(() => s.close());
  const columns = async (name: string) => (await s.db.execute(`SELECT * FROM ${name} WHERE 0`)).columns;
  assert.deepEqual(await columns('awscc.personalize.schemata'), ['region', 'account_id', 'schema_arn', 'name', 'schema', 'domain', 'tags']);
  assert.deepEqual(await columns('awscc.personalize.schemata_list_only'), ['region', 'account_id', 'schema_arn']);
  assert.deepEqual(await columns('awscc.eventschemas.schemata'), ['region', 'account_id', 'registry_name', 'schema_arn', 'type', 'description', 'schema_version', 'content', 'schema_name', 'last_modified', 'version_created_date', 'tags']);
  for (const name of ['awscc.personalize.schemata', 'awscc.personalize.schemata_list_only', 'awscc.eventschemas.schemata']) {
    assert.deepEqual(await columns(name), await columns(name.replace(/\.schemata/, '.schemas')), name);
  }
  assert.deepEqual(s.take(), [], 'WHERE 0 calls nothing');
  // Read, the former names list the type of the current ones.
  assert.deepEqual(await s.db.query("SELECT schema_arn FROM awscc.personalize.schemata_list_only WHERE region = 'us-east-1'"), []);
  assert.deepEqual(await s.db.query("SELECT schema_arn FROM awscc.eventschemas.schemata WHERE region = 'us-east-1' AND registry_name = 'events'"), []);
  assert.deepEqual(s.take(), ['ListResources AWS::Personalize::Schema us-east-1', 'ListResources AWS::EventSchemas::Schema {"RegistryName":"events"} us-east-1']);
});

test("the tagging tables show exactly StackQL's columns, their filters selectable by name only", async (t) => {
  const s = await session({ resources: [] });
  t.after(() => s.close());
  const names = Object.keys(fixture.tables).filter((n) => TAGGING.test(n));
  assert.deepEqual(names, ['awscc.tagging.compliance_summary', 'awscc.tagging.report_creation', 'awscc.tagging.tag_keys', 'awscc.tagging.tag_values', 'awscc.tagging.tagged_resources']);
  for (const name of names) {
    const result = await s.db.execute(`SELECT * FROM ${name} WHERE 0`);
    // account_id follows region, as in every table; tag_values shows the Key it was asked for beside
    // StackQL's columns, as cloud_control.resources shows TypeName.
    const [region, ...rest] = fixture.tables[name]!;
    const expected = [region, 'account_id', ...(name === 'awscc.tagging.tag_values' ? ['Key'] : []), ...rest];
    assert.deepEqual(result.columns, expected, name);
  }
  await s.db.execute('SELECT TagFilters, ResourceTypeFilters, ResourceARNList, IncludeComplianceDetails, ExcludeCompliantResources FROM awscc.tagging.tagged_resources WHERE 0');
  await s.db.execute('SELECT TargetIdFilters, RegionFilters, ResourceTypeFilters, TagKeyFilters, GroupBy FROM awscc.tagging.compliance_summary WHERE 0');
  assert.deepEqual(s.take(), []);
});
