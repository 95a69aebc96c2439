// Runs the README's "from a clone" commands as a newcomer would, on a fresh clone of this
// repository's HEAD in a temporary folder, and checks the demo query answers what the README shows.
// CI runs it (.ci/run) because the test suite cannot see this: `npm test` builds dist/ first, so a
// clone whose `npm install` leaves no working command would pass every test.
//
// The README is the script: the first ```sh block with `git clone` gives the commands (the clone
// itself is done here, from this repository), and the ``` block right after it gives the answer.
// Usage: node scripts/check-fresh-clone.mjs        (commits only: uncommitted changes are not cloned)
import { execFileSync, execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { commands, answer } = quickStart(readFileSync(join(root, 'README.md'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'ccsql-fresh-clone-'));
const clone = join(work, 'ccsql');
try {
  execFileSync('git', ['clone', '--quiet', root, clone], { stdio: 'inherit' });
  let output = '';
  for (const command of commands) {
    console.log(`fresh clone $ ${command}`);
    // Only the test's own environment is removed: a newcomer's shell has no CI variables.
    output = execSync(command, { cwd: clone, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CI: '' }, timeout: 15 * 60_000 });
  }
  if (output.trim() !== answer.trim()) {
    console.error(`fresh clone: the README's demo query answered\n${output}\nwhere the README shows\n${answer}`);
    process.exit(1);
  }
  console.log(`fresh clone: ${commands.at(-1)} answers as the README shows`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** The commands after `git clone` in the README's first clone block, and the block that follows it. */
function quickStart(readme) {
  const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)];
  const at = blocks.findIndex(([, lang, body]) => lang === 'sh' && /^git clone /m.test(body));
  if (at < 0 || !blocks[at + 1]) throw new Error('README.md has no ```sh block with `git clone` followed by the answer it shows');
  const commands = blocks[at][2].split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line && !line.startsWith('#') && !line.startsWith('git clone') && !line.startsWith('cd '));
  if (!commands.some((c) => c.startsWith('npx ccsql --demo'))) throw new Error('README.md\'s clone block has no `npx ccsql --demo` query');
  return { commands, answer: blocks[at + 1][2] };
}
