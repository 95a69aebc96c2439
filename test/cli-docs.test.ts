/** docs/cli.md stays the reference of the command: every option and command `--help` shows is in it. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildParser } from '../src/cli/parser.js';
import { DOT_COMMAND_NAMES } from '../src/cli/shell/dot-commands.js';
import type { CliIo } from '../src/cli/io.js';

const doc = readFileSync(new URL('../docs/cli.md', import.meta.url), 'utf8');

async function helpOf(argv: string[]): Promise<string> {
  const io = {} as CliIo;
  let text = '';
  await buildParser(argv, io, () => {}).parseAsync(argv, {}, (_e, _a, output) => void (text = output));
  return text;
}

const optionsIn = (help: string) => [...new Set(help.match(/(?<=^\s+(?:-\w, )?)--[a-z][a-z-]*/gm) ?? [])];

test('every option of ccsql --help and ccsql emulator --help is documented', async () => {
  for (const argv of [['--help'], ['emulator', '--help'], ['docs', '--help'], ['catalog', '--help'], ['mcp', '--help']]) {
    const options = optionsIn(await helpOf(argv));
    assert.ok(options.length >= 2, `found options in ${argv.join(' ')}`);
    assert.deepEqual(options.filter((o) => !doc.includes(`\`${o}\``)), [], argv.join(' '));
  }
});

test('every command and dot-command is documented', async () => {
  const help = await helpOf(['--help']);
  for (const command of help.match(/(?<=^ {2}ccsql )(docs|emulator|catalog|mcp)/gm) ?? []) assert.ok(doc.includes(`ccsql ${command}`), command);
  assert.deepEqual(DOT_COMMAND_NAMES.filter((c) => !doc.includes(`\`${c}`)), []);
});
