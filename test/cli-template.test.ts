/** {{ }} placeholders as StackQL's pages and stackql-deploy manifests write them. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { render } from '../src/cli/template/render.js';
import { collectVars, parseVarOption } from '../src/cli/template/vars.js';
import { isCcsqlError } from '../src/errors.js';

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

test('a vars file is any YAML: anchors and merge keys, block scalars, quoted keys, nested values, JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccsql-yaml-'));
  const file = join(dir, 'vars.yaml');
  writeFileSync(file, [
    '---',
    '# shared tags',
    'base: &base',
    '  Key: team',
    '  Value: data',
    'tags:',
    '  - *base',
    '  - { Key: env, Value: prod }',
    'override:',
    '  <<: *base',
    '  Value: ml',
    'description: |',
    '  first line',
    "  it's the second",
    'folded: >-',
    '  one',
    '  two',
    '"quoted key": "a: b"',
    "'single quoted': 'it''s'",
    'count: 3',
    'enabled: true',
    'nothing:',
    'version: "1.10"',
    '',
  ].join('\n'));
  assert.deepEqual(collectVars([file], []), {
    base: { Key: 'team', Value: 'data' },
    tags: [{ Key: 'team', Value: 'data' }, { Key: 'env', Value: 'prod' }],
    override: { Key: 'team', Value: 'ml' },
    description: "first line\nit's the second\n",
    folded: 'one two',
    'quoted key': 'a: b',
    'single quoted': "it's",
    count: 3,
    enabled: true,
    nothing: null,
    version: '1.10',
  });
  assert.equal(render("SELECT '{{ description }}', {{ tags | tojson }}", collectVars([file], [])), `SELECT 'first line\nit''s the second\n', '[{"Key":"team","Value":"data"},{"Key":"env","Value":"prod"}]'`);

  const json = join(dir, 'vars.json');
  writeFileSync(json, '{\n  "a": {"b": [1, 2.5, null]},\n  "c": "x"\n}\n');
  assert.deepEqual(collectVars([json], []), { a: { b: [1, 2.5, null] }, c: 'x' });

  const env = join(dir, 'vars.env');
  writeFileSync(env, '# .env style\nREGION=us-east-1\nNAME = "a b"\nTAGS=[{"Key":"a"}]\nEMPTY=\n');
  assert.deepEqual(collectVars([env], []), { REGION: 'us-east-1', NAME: 'a b', TAGS: [{ Key: 'a' }], EMPTY: '' });

  const empty = join(dir, 'empty.yaml');
  writeFileSync(empty, '# nothing yet\n\n');
  assert.deepEqual(collectVars([empty], []), {});
});

test('a vars file that is not YAML, or whose top level is not a mapping, fails naming the file and line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccsql-yaml-bad-'));
  const cases: [string, string, number][] = [
    ['unclosed flow list', 'region: us-east-1\ntags: [a, b\n', 3],
    ['duplicate key', 'region: us-east-1\nimage: a\nregion: eu-west-1\n', 3],
    ['tab indentation', 'tags:\n\t- a\n', 2],
    ['a list at the top', '# images\n- alpha\n- beta\n', 2],
    ['a single value at the top', '\njust some text\n', 2],
    ['two documents', 'a: 1\n---\nb: 2\n', 2],
    ['an alias before its anchor', 'a: *later\nb: &later 1\n', 1],
    ['a JSON list', '\n\n[{"a": 1}]\n', 3],
  ];
  for (const [name, text, line] of cases) {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, text);
    assert.throws(() => collectVars([file], []), (error: unknown) => {
      assert.ok(isCcsqlError(error), name);
      assert.equal(error.code, 'INVALID_ARGUMENT', name);
      assert.deepEqual(error.details, { file, line }, name);
      assert.ok(error.message.startsWith(`Vars file "${file}" line ${line} `), `${name}: ${error.message}`);
      return true;
    }, name);
  }
});
