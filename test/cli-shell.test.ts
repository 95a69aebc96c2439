/**
 * The interactive shell in a real pseudo-terminal (tmux): completion, history across runs, Ctrl-C and
 * dot-commands. Each wait polls the pane against a deadline; nothing sleeps for a fixed time.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { CHILD_DEADLINE_MS } from './support/child.js';
import { builtBin, cliEnv, ROOT, SEED, SKIP_UNBUILT } from './support/cli.js';
import { TMUX } from './support/prerequisites.js';

const SKIP = SKIP_UNBUILT || TMUX.skip;
const SOCKET = `ccsql-test-${process.pid}`;
/** A tmux command; in CI without tmux, the test fails here naming it. */
const tmux = (...args: string[]) => {
  TMUX.need();
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8', timeout: CHILD_DEADLINE_MS });
};

let emulator: Emulator;
let dir: string;
let count = 0;

/** One shell in its own tmux session. */
class Pane {
  constructor(readonly name: string) {}

  static open(history: string): Pane {
    const name = `s${(count += 1)}`;
    const env = { ...cliEnv(), CCSQL_HISTORY: history, TERM: 'xterm' };
    const exports = Object.entries(env).map(([k, v]) => `${k}='${String(v)}'`).join(' ');
    tmux('new-session', '-d', '-s', name, '-x', '200', '-y', '50', '-c', ROOT, `env ${exports} '${process.execPath}' '${builtBin()}' --endpoint-url ${emulator.url} -r us-east-1`);
    return new Pane(name);
  }

  text(): string {
    return tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', this.name);
  }

  /** Literal text (tmux reads a trailing ";" as its own separator, hence the escape). */
  type(text: string): void {
    tmux('send-keys', '-t', this.name, '-l', text.replace(/;$/, '\\;'));
  }

  /**
   * Types text and waits until the shell has echoed it, so a following Tab arrives as a key of its
   * own (readline takes a Tab inside a burst of input for pasted text and inserts it).
   */
  async typed(text: string, echo = text): Promise<void> {
    this.type(text);
    const tail = echo.slice(-24).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await this.waitFor(new RegExp(`${tail}$`, 'm'), `"${text}" to be echoed`);
  }

  keys(...keys: string[]): void {
    tmux('send-keys', '-t', this.name, ...keys);
  }

  line(text: string): void {
    this.type(text);
    this.keys('Enter');
  }

  async waitFor(pattern: RegExp, what = String(pattern)): Promise<string> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const text = this.text();
      if (pattern.test(text)) return text;
      if (Date.now() > deadline) assert.fail(`Timed out waiting for ${what}; the pane shows:\n${text}`);
      await delay(25);
    }
  }

  close(): void {
    spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', this.name], { timeout: CHILD_DEADLINE_MS });
  }
}

before(async () => {
  if (SKIP) return;
  emulator = await startEmulator({ port: 0, seed: SEED });
  dir = mkdtempSync(join(tmpdir(), 'ccsql-shell-'));
});
after(async () => {
  if (SKIP) return;
  spawnSync('tmux', ['-L', SOCKET, 'kill-server'], { timeout: CHILD_DEADLINE_MS });
  await emulator.close();
});

describe('the shell in a terminal', { skip: SKIP }, () => {
  test('multi-line statements and dot-commands', async () => {
    const pane = Pane.open(join(dir, 'h-dot'));
    try {
      await pane.waitFor(/ccsql> $/m);
      pane.line('SELECT image_name');
      await pane.waitFor(/\.\.\.> $/m);
      pane.line('FROM awscc.sagemaker.images ORDER BY 1;');
      await pane.waitFor(/\| alpha +\|\n\| beta +\|/);
      pane.line('.mode csv');
      pane.line('.headers off');
      pane.line("SELECT 'x' AS a, 2 AS b;");
      await pane.waitFor(/^x,2$/m);
      pane.line('.region us-east-1 eu-west-1');
      await pane.waitFor(/^us-east-1 eu-west-1$/m);
      pane.line('.whoami');
      await pane.waitFor(/^123456789012,arn:aws:iam::123456789012:user\/ccsql-test/m);
      const out = join(dir, 'once.csv');
      pane.line(`.once ${out}`);
      pane.line("SELECT bucket_name FROM awscc.s3.buckets WHERE region = 'eu-west-1';");
      pane.line('.bogus');
      await pane.waitFor(/Error: Unknown command "\.bogus"/);
      assert.equal(readFileSync(out, 'utf8'), 'eu-bucket\r\n');
      pane.line('.tables %sagemaker.image%');
      await pane.waitFor(/^awscc\.sagemaker\.image_versions$/m);
    } finally {
      pane.close();
    }
  });

  test('.region all reads every region the account has enabled, a typo near it refused; .timer says how many regions a statement read', async () => {
    const pane = Pane.open(join(dir, 'h-regions'));
    try {
      await pane.waitFor(/ccsql> $/m);
      pane.line('.region al');
      await pane.waitFor(/^Error: AWS has no region 'al'\. Did you mean 'all' \(every region the account has enabled\)\?$/m);
      pane.line('.region all');
      await pane.waitFor(/^all$/m);
      pane.line('.timer on');
      // The emulator's account is not seeded: the seventeen regions AWS enables in a new account.
      pane.line('SELECT count(*) AS n FROM awscc.logs.log_groups_list_only;');
      await pane.waitFor(/^Run Time: real [\d.]+ calls 18 rounds \d+ regions 17$/m);
      pane.line("SELECT count(*) AS n FROM awscc.logs.log_groups_list_only WHERE region = 'eu-west-1';");
      await pane.waitFor(/^Run Time: real [\d.]+ calls 1 rounds \d+ regions 1$/m);
    } finally {
      pane.close();
    }
  });

  test('.tables sorted by service with a pattern; .nullvalue, .headers, .once and .output as in sqlite3; a CSV script', async () => {
    const pane = Pane.open(join(dir, 'h-sqlite3'));
    try {
      await pane.waitFor(/ccsql> $/m);
      pane.line('.tables logs');
      const listed = await pane.waitFor(/^awscc\.logs\.transformers\nccsql> $/m);
      const names = listed.split('.tables logs\n')[1]!.split('\nccsql>')[0]!.split('\n');
      assert.match(names[0]!, /^-- logs \(\d+ tables\)$/);
      assert.deepEqual(names.slice(1), [...names.slice(1)].sort());
      assert.ok(names.slice(1).every((n) => n.startsWith('awscc.logs.')));
      pane.line('.headers');
      await pane.waitFor(/^headers on$/m);
      pane.line('.mode csv');
      pane.line('.nullvalue (null)');
      pane.line("SELECT 1 AS a, NULL AS b; SELECT * FROM (SELECT 1 AS x) WHERE x = 0; SELECT 'z' AS c;");
      await pane.waitFor(/^a,b\n1,\(null\)\nc\nz$/m);
      const once = join(dir, 'once-tables.txt');
      pane.line(`.once ${once}`);
      pane.line('.tables s3express');
      pane.line('SELECT 4 AS after_once;');
      await pane.waitFor(/^after_once\n4$/m);
      assert.equal(readFileSync(once, 'utf8'), '-- s3express (3 tables)\nawscc.s3express.access_points\nawscc.s3express.bucket_policies\nawscc.s3express.directory_buckets\n');
      const out = join(dir, 'output.csv');
      pane.line(`.output ${out}`);
      pane.line('SELECT 5 AS five; SELECT 6 AS five;');
      pane.line('.output');
      pane.line('SELECT 7 AS back;');
      await pane.waitFor(/^back\n7$/m);
      assert.equal(readFileSync(out, 'utf8'), 'five\r\n5\r\nfive\r\n6\r\n');
    } finally {
      pane.close();
    }
  });

  test('Tab completes table names level by level, then the columns of the tables named', async () => {
    const pane = Pane.open(join(dir, 'h-tab'));
    try {
      await pane.waitFor(/ccsql> $/m);
      await pane.typed('SELECT * FROM awscc.sagem');
      pane.keys('Tab');
      await pane.waitFor(/awscc\.sagemaker\.$/m, 'the service to complete');
      await pane.typed('ima', 'awscc.sagemaker.ima');
      pane.keys('Tab');
      await pane.waitFor(/awscc\.sagemaker\.image$/m, 'the common prefix of images and image_versions');
      await pane.typed('s WHERE image_', 'images WHERE image_');
      pane.keys('Tab');
      pane.keys('Tab');
      await pane.waitFor(/image_arn +image_description +image_display_name +image_name +image_role_arn/);
      await pane.typed('na', 'WHERE image_na');
      pane.keys('Tab');
      await pane.waitFor(/WHERE image_name$/m);
      pane.keys('C-c');
      await pane.waitFor(/\^C\nccsql> $/m);
      await pane.typed('.he', 'ccsql> .he');
      pane.keys('Tab');
      await pane.waitFor(/ccsql> \.he(?:aders|lp)?$/m);
    } finally {
      pane.close();
    }
  });

  test('Ctrl-C cancels the running statement and the shell carries on', async () => {
    const pane = Pane.open(join(dir, 'h-int'));
    try {
      await pane.waitFor(/ccsql> $/m);
      // Long enough that only Ctrl-C can end the statement, short enough not to hold the process after.
      emulator.setLatency(3_000);
      emulator.clearCalls();
      pane.line('SELECT * FROM awscc.sagemaker.images;');
      const deadline = Date.now() + 10_000;
      while (emulator.calls.length === 0 && Date.now() < deadline) await delay(25);
      assert.ok(emulator.calls.length > 0, 'the statement reached the endpoint');
      pane.keys('C-c');
      await pane.waitFor(/^Error: Cancelled by Ctrl-C\.$/m);
      emulator.setLatency(0);
      pane.line('SELECT 40 + 2 AS answer;');
      await pane.waitFor(/\| +42 \|/);
    } finally {
      emulator.setLatency(0);
      pane.close();
    }
  });

  test('the confirmation question stays on screen: progress is held while the shell waits', async () => {
    const pane = Pane.open(join(dir, 'h-confirm'));
    try {
      await pane.waitFor(/ccsql> $/m);
      // Slow enough that the progress line has drawn before the question is asked.
      emulator.setLatency(150);
      pane.line("DELETE FROM awscc.sagemaker.images WHERE region = 'us-east-1';");
      await pane.waitFor(/^Go ahead\? \[y\/N\] $/m, 'the question');
      await pane.typed('n', 'Go ahead? [y/N] n');
      pane.keys('Enter');
      const text = await pane.waitFor(/^Error: .*\n(?:.*\n)*?ccsql> $/m, 'the refusal and a new prompt');
      assert.match(text, /^This statement would change 2 resources:$/m);
      assert.match(text, /^Go ahead\? \[y\/N\] n$/m);
      assert.doesNotMatch(text, /calls/);
    } finally {
      emulator.setLatency(0);
      pane.close();
    }
  });

  test('history survives the session: Up recalls what the last run typed', async () => {
    const history = join(dir, 'h-hist');
    writeFileSync(history, 'SELECT 1 AS old;\n');
    const first = Pane.open(history);
    try {
      await first.waitFor(/ccsql> $/m);
      first.line('SELECT 7 AS remembered;');
      await first.waitFor(/\| +7 \|/);
      first.keys('C-d');
    } finally {
      first.close();
    }
    assert.deepEqual(readFileSync(history, 'utf8').trim().split('\n'), ['SELECT 1 AS old;', 'SELECT 7 AS remembered;']);
    const second = Pane.open(history);
    try {
      await second.waitFor(/ccsql> $/m);
      second.keys('Up');
      await second.waitFor(/ccsql> SELECT 7 AS remembered;$/m);
      second.keys('Up');
      await second.waitFor(/ccsql> SELECT 1 AS old;$/m);
    } finally {
      second.close();
    }
  });
});
