/** {{ }} placeholders as StackQL's pages and stackql-deploy manifests write them. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { render } from '../src/cli/template/render.js';
import { collectVars, parseVarOption } from '../src/cli/template/vars.js';

test('invalid templates and options fail with INVALID_ARGUMENT', () => {
  const bad: [string, () => unknown][] = [
    ['missing value', () => render("'{{ nope }}'", {})],
    ['unknown filter', () => render('{{ a | nope }}', { a: 1 })],
    ['unreadable expression', () => render('{{ a ( }}', { a: 1 })],
    ['statement tags', () => render('{% if a %}x{% endif %}', { a: 1 })],
    ['patch of a non-dict', () => render('{{ a | generate_patch_document }}', { a: 'x' })],
    ['--var without =', () => parseVarOption('region')],
    ['missing vars file', () => collectVars(['/nonexistent.json'], [])],
  ];
  for (const [name, fn] of bad) assert.throws(fn, { code: 'INVALID_ARGUMENT' }, name);
});

test('the seed pages\' UPDATE: a dict of the given values becomes an RFC 6902 patch; missing ones are left out', () => {
  const sql = `UPDATE awscc.sagemaker.image_versions
SET PatchDocument = string('{{ {
    "Alias": alias,
    "Horovod": horovod,
    "ReleaseNotes": release_notes
} | generate_patch_document }}')
WHERE region = '{{ region }}';`;
  const out = render(sql, { alias: 'latest', horovod: true, region: 'us-east-1' });
  const patch = /string\('(.*)'\)/s.exec(out)![1]!;
  assert.deepEqual(JSON.parse(patch), [
    { op: 'add', path: '/Alias', value: 'latest' },
    { op: 'add', path: '/Horovod', value: true },
  ]);
  assert.match(out, /WHERE region = 'us-east-1';$/);
});

test('values inside a quoted SQL string cannot end it; sql_escape is not escaped twice', () => {
  assert.equal(render("SELECT '{{ v }}', {{ n }}", { v: "it's", n: 5 }), "SELECT 'it''s', 5");
  assert.equal(render("SELECT '{{ v | sql_escape }}'", { v: "it's" }), "SELECT 'it''s'");
  assert.equal(render('SELECT "{{ v }}" -- \'\n', { v: "it's" }), 'SELECT "it\'s" -- \'\n');
});

test('lookups, literals, JSON rendering and everyday filters', () => {
  assert.equal(render("'{{ vars.AWS_REGION }}'", { AWS_REGION: 'eu-west-1' }), "'eu-west-1'");
  assert.equal(render("'{{ tags[0].Key }}|{{ tags }}'", { tags: [{ Key: 'a' }] }), `'a|[{"Key":"a"}]'`);
  assert.equal(render("'{{ missing | default('x') }} {{ name | upper }} {{ [1, 2] | join('-') }}'", { name: 'ab' }), "'x AB 1-2'");
  assert.equal(render("'{{ a | merge_objects(b) | tojson }}'", { a: { x: 1 }, b: '{"y":2}' }), `'{"x":1,"y":2}'`);
});

test('--var keeps text as text, JSON structure as JSON; vars files are JSON, YAML or KEY=VALUE', () => {
  assert.deepEqual(parseVarOption('v=1.10'), ['v', '1.10']);
  assert.deepEqual(parseVarOption('tags=[{"Key":"a"}]'), ['tags', [{ Key: 'a' }]]);
  assert.deepEqual(parseVarOption('on=true'), ['on', true]);
  const dir = mkdtempSync(join(tmpdir(), 'ccsql-vars-'));
  writeFileSync(join(dir, 'a.json'), '{"a": [1], "b": "x"}');
  writeFileSync(join(dir, 'b.yaml'), "# comment\nb: 'y'\nc: \"z\"\n");
  writeFileSync(join(dir, 'c.env'), 'D=w=v\n');
  assert.deepEqual(collectVars([join(dir, 'a.json'), join(dir, 'b.yaml'), join(dir, 'c.env')], ['c=override']), { a: [1], b: 'y', c: 'override', D: 'w=v' });
});
