/**
 * Every updatable type with a required write-only property (top-level, or write-only keys a required
 * object's schema or its oneOf/anyOf asks for, as Synthetics Code), walked against the endpoint
 * through the real SDK as a dry run: says which path each takes. `send-write-only`: an UPDATE without
 * the property is refused (WRITE_ONLY_REQUIRED), with it the plan sends it as `add`. `not-updatable`:
 * the property is also create-only, and any UPDATE is refused (NOT_UPDATABLE). Nothing is sent.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultCatalog } from '../src/catalog/index.js';
import type { ResourceType } from '../src/catalog/types.js';
import { isCcsqlError } from '../src/index.js';
import { updatePathOf, writeOnlyNeeds } from '../src/write/write-only.js';
import { columnOfProperty } from '../src/write/columns.js';
import { seededRandom } from './support/random.js';
import { synthesise, synthesiseProperty } from './support/synthesise.js';
import { writeCalls, takeCalls, writeSession } from './support/writes.js';

const random = seededRandom(4242);

const EXPECTED: Record<string, string> = {
  'AWS::ACMPCA::CertificateAuthority': 'not-updatable',
  'AWS::ACMPCA::CertificateAuthorityActivation': 'send-write-only',
  'AWS::AppStream::DirectoryConfig': 'send-write-only',
  'AWS::DataZone::Connection': 'not-updatable',
  'AWS::DataZone::DataSource': 'not-updatable',
  'AWS::DataZone::Environment': 'not-updatable',
  'AWS::DataZone::EnvironmentBlueprintConfiguration': 'not-updatable',
  'AWS::DataZone::EnvironmentProfile': 'not-updatable',
  'AWS::DataZone::GroupProfile': 'not-updatable',
  'AWS::DataZone::Project': 'not-updatable',
  'AWS::DataZone::ProjectMembership': 'not-updatable',
  'AWS::DataZone::SubscriptionTarget': 'not-updatable',
  'AWS::DataZone::UserProfile': 'not-updatable',
  'AWS::EC2::LaunchTemplate': 'send-write-only',
  'AWS::Lambda::MicrovmImage': 'send-write-only',
  'AWS::MSK::Configuration': 'send-write-only',
  'AWS::PCAConnectorAD::TemplateGroupAccessControlEntry': 'send-write-only',
  'AWS::QuickSight::ActionConnector': 'send-write-only',
  'AWS::QuickSight::Analysis': 'send-write-only',
  'AWS::QuickSight::Dashboard': 'send-write-only',
  'AWS::QuickSight::Template': 'send-write-only',
  'AWS::RefactorSpaces::Route': 'not-updatable',
  'AWS::Synthetics::Canary': 'send-write-only',
};

/**
 * A top-level property an UPDATE may change: one neither create-only, read-only, write-only nor an
 * identifier; else a write-only one the type does not require (LaunchTemplate's VersionDescription);
 * else the first required write-only one itself (the others then go missing).
 */
function mutableProperty(type: ResourceType): string | undefined {
  const frozen = new Set([...type.createOnly, ...type.readOnly, ...type.writeOnly, ...type.primaryIdentifier, ...type.listKeys.required]);
  const nested = [...type.paths.createOnly, ...type.paths.readOnly, ...type.paths.writeOnly].map((p) => p.split('/')[2]);
  const hasColumn = (p: string) => type.columns.some((c) => c.property === p);
  const candidates = Object.keys(type.schema.properties).filter((p) => !frozen.has(p) && !nested.includes(p) && hasColumn(p));
  const plain = candidates.find((p) => ['string', 'integer', 'boolean'].includes(String(type.schema.properties[p]!.type))) ?? candidates[0];
  const optionalWriteOnly = type.writeOnly.find((p) => !type.required.includes(p) && !type.createOnly.includes(p) && hasColumn(p));
  return plain ?? optionalWriteOnly ?? writeOnlyNeeds(type)[0]?.property;
}

function sqlValue(value: unknown): unknown {
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return typeof value === 'boolean' ? Number(value) : value;
}

test('every updatable type with a required write-only property takes the path its schema says, and a dry run shows it', async () => {
  const types = [...defaultCatalog().all()].filter((type) => type.handlers.update && updatePathOf(type) !== 'plain');
  const paths = Object.fromEntries(types.map((type) => [type.typeName, updatePathOf(type)]));
  console.log(Object.entries(paths).map(([name, path]) => `${name}: ${path}`).join('\n'));
  assert.deepEqual(paths, EXPECTED);

  const cases = types.flatMap((type) => {
    const model = synthesise(type, { random });
    const property = mutableProperty(type);
    // A write-only property is never read back, so even its current value is a change.
    const value = model && property && (synthesiseProperty(type, property, { avoid: model[property], random }) ?? (type.writeOnly.includes(property) ? model[property] : undefined));
    return model && property && value !== undefined ? [{ type, model, property, value }] : [];
  });
  const s = await writeSession({ resources: cases.map((c) => ({ TypeName: c.type.typeName, Properties: c.model })) }, {}, { asyncPolls: 0 });
  const walked: string[] = [];
  try {
    for (const { type, model, property, value } of cases) {
      const identifier = [...s.emulator.service.scope({ account: '123456789012', region: 'us-east-1' }).table(type.typeName).keys()][0]!;
      const where = `WHERE region = 'us-east-1' AND Identifier = '${identifier.replace(/'/g, "''")}'`;
      const set = `"${columnOfProperty(type, property)}" = ?`;
      const needs = writeOnlyNeeds(type).filter((n) => n.property !== property);
      const columns = needs.map((n) => columnOfProperty(type, n.property));
      const expected = EXPECTED[type.typeName] === 'not-updatable' ? 'NOT_UPDATABLE' : 'WRITE_ONLY_REQUIRED';
      const frozen = writeOnlyNeeds(type).filter((n) => n.createOnly).map((n) => columnOfProperty(type, n.property));
      await assert.rejects(s.db.execute(`UPDATE ${type.sqlName} SET ${set} ${where}`, [sqlValue(value)], { dryRun: true }), (error: unknown) => {
        assert.ok(isCcsqlError(error), `${type.typeName}: ${String(error)}`);
        assert.equal(error.code, expected, `${type.typeName}: ${error.message}`);
        assert.deepEqual(error.details.columns, expected === 'NOT_UPDATABLE' ? frozen : columns, type.typeName);
        return true;
      });
      if (expected === 'WRITE_ONLY_REQUIRED') {
        const carried = needs.map((n) => `"${columnOfProperty(type, n.property)}" = ?`).join(', ');
        const planned = await s.db.execute(`UPDATE ${type.sqlName} SET ${set}, ${carried} ${where}`, [sqlValue(value), ...needs.map((n) => sqlValue(model[n.property]))], { dryRun: true });
        const patch = planned.plan?.[0]?.document as { op: string; path: string }[];
        for (const need of needs) {
          const sent = patch.filter((op) => op.path === `/${need.property}` || op.path.startsWith(`/${need.property}/`));
          assert.ok(sent.length > 0 && sent.every((op) => op.op === 'add' || (need.keys.length > 0 && !need.keys.flat().some((k) => op.path === `/${need.property}/${k}`))), `${type.typeName}: ${JSON.stringify(patch)}`);
        }
      }
      walked.push(type.typeName);
    }
    assert.deepEqual(writeCalls(takeCalls(s)), [], 'a dry run sends nothing');
  } finally {
    await s.close();
  }
  console.log(`${walked.length} of ${types.length} types walked against the endpoint`);
  assert.equal(walked.length, types.length, `${walked.length} of ${types.length}: ${types.map((t) => t.typeName).filter((n) => !walked.includes(n)).join(', ')}`);
  assert.ok(walked.includes('AWS::Synthetics::Canary') && walked.includes('AWS::MSK::Configuration') && walked.includes('AWS::DataZone::SubscriptionTarget'));
});
