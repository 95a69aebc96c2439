/**
 * The built `ccsql` command in a real pseudo-terminal (tmux), for what only a terminal shows: the
 * progress line on stderr. Each wait polls the pane against a deadline; nothing sleeps a fixed time.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { builtBin, cliEnv, ROOT, SKIP_UNBUILT } from './cli.js';
import { CHILD_DEADLINE_MS } from './child.js';
import { TMUX } from './prerequisites.js';

/** Skipped, saying why, without the bundle or tmux; in CI never skipped: Terminal.run fails naming what is missing. */
export const SKIP_NO_TERMINAL = SKIP_UNBUILT || TMUX.skip;

const SOCKET = `ccsql-term-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8', timeout: CHILD_DEADLINE_MS });
let count = 0;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export class Terminal {
  private constructor(readonly name: string) {}

  /** `ccsql <args>` on a 200-column terminal, stdout to /dev/null so the pane shows stderr alone. */
  static run(args: readonly string[]): Terminal {
    TMUX.need();
    const bin = builtBin();
    const name = `t${(count += 1)}`;
    const env = { ...cliEnv(), TERM: 'xterm' };
    const exports = Object.entries(env).map(([k, v]) => `${k}=${quote(String(v))}`).join(' ');
    const command = `env ${exports} ${quote(process.execPath)} ${quote(bin)} ${args.map(quote).join(' ')} > /dev/null`;
    // The pane outlives the command, so what it left on screen can still be read.
    tmux('start-server', ';', 'set-option', '-g', 'remain-on-exit', 'on', ';', 'new-session', '-d', '-s', name, '-x', '200', '-y', '10', '-c', ROOT, command);
    return new Terminal(name);
  }

  text(): string {
    return tmux('capture-pane', '-p', '-J', '-t', this.name);
  }

  /** The first match of `pattern` in the pane, polled until `ms` have passed. */
  async waitFor(pattern: RegExp, what = String(pattern), ms = 20_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + ms;
    for (;;) {
      const text = this.text();
      const match = pattern.exec(text);
      if (match) return match;
      if (Date.now() > deadline) assert.fail(`Timed out waiting for ${what}; the pane shows:\n${text}`);
      await delay(10);
    }
  }

  close(): void {
    spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', this.name], { timeout: CHILD_DEADLINE_MS });
  }
}

/** Ends the tmux server of this test process (every terminal it opened). */
export function closeTerminals(): void {
  spawnSync('tmux', ['-L', SOCKET, 'kill-server'], { timeout: CHILD_DEADLINE_MS });
}
