/**
 * The plain one-shot form is parsed without yargs (plain-run.ts): for every command line it takes,
 * it must read what yargs reads, and it must hand everything else to yargs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMMON_OPTIONS } from '../src/cli/args.js';
import type { CliIo } from '../src/cli/io.js';
import { buildParser } from '../src/cli/parser.js';
import { plainRun } from '../src/cli/plain-run.js';

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const KEYS = ['sql', ...Object.keys(COMMON_OPTIONS).map(camel)];

async function yargsRead(argv: string[]): Promise<Record<string, unknown>> {
  let read: Record<string, unknown> = {};
  await buildParser(argv, {} as CliIo, () => {}).parseAsync(argv, {}, (error, args) => {
    if (error) throw error;
    read = args as Record<string, unknown>;
  });
  return read;
}

const pick = (args: object) => Object.fromEntries(KEYS.filter((k) => (args as Record<string, unknown>)[k] !== undefined).map((k) => [k, (args as Record<string, unknown>)[k]]));

const PLAIN: string[][] = [
  ['select 1'],
  ['select 1', 'select 2'],
  ['1'],
  ['-o', 'csv', 'select 1'],
  ['-o', 'text', '--no-headers', 'select 1'],
  ['--output=ndjson', 'select 1'],
  ['--headers', 'false', 'select 1'],
  ['-r', 'us-east-1', '-r', 'eu-west-1,eu-central-1', '--region=ap-south-1', 'select 1'],
  ['--var', 'a=b', 'select {{ a }}'],
  ['--var', 'a=b', '--var', 'c=d', '--vars', 'v.yaml', '--var-env', 'HOME', 'select 1'],
  ['-f', 'q.sql', '-f', '-'],
  ['--concurrency', '10', '--rate', '2.5', '--call-timeout', '20s', '--cache', '5m', 'select 1'],
  ['--endpoint-url', 'http://127.0.0.1:4566', '--profile', 'dev', '--db', 'x.db', '--resume', '--adopt-db', 'select 1'],
  ['--dry-run', '-y', '--nowait', '--trace', '--verbose', '--demo', '--catalog-dir', './cat', 'select 1'],
  ['--concurrency', 'many', 'select 1'],
  ['select', '-1'],
  [],
];

test('the plain form reads every option as yargs does', async () => {
  for (const argv of PLAIN) {
    const plain = plainRun(argv);
    assert.ok(plain, `plainRun takes ${JSON.stringify(argv)}`);
    assert.deepEqual(pick(plain), pick(await yargsRead(argv)), JSON.stringify(argv));
  }
});

test('anything but the plain form is left to yargs', () => {
  for (const argv of [['--help'], ['-h'], ['--version'], ['-V'], ['docs', 'awscc.s3.buckets'], ['catalog', 'status'], ['emulator'], ['--nope', 'select 1'], ['-o', 'xml', 'select 1'], ['-o', 'csv', '-o', 'json', 'select 1'], ['-x'], ['--', '-o', 'select 1']]) {
    assert.equal(plainRun(argv), undefined, JSON.stringify(argv));
  }
});
