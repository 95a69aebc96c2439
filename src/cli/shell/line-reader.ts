/**
 * Lines from readline as a queue, so lines pasted in a burst or typed while a statement runs are
 * kept, not dropped between `await`s. Ctrl-C is reported, not fatal; Ctrl-D ends the queue.
 */
import type { Interface } from 'node:readline';

export class LineReader {
  readonly #rl: Interface;
  readonly #queue: string[] = [];
  #waiting: ((line: string | null) => void) | undefined;
  #closed = false;

  constructor(rl: Interface, onInterrupt: () => void) {
    this.#rl = rl;
    rl.on('line', (line) => this.#push(line));
    rl.on('close', () => {
      this.#closed = true;
      this.#waiting?.(null);
    });
    rl.on('SIGINT', onInterrupt);
  }

  /** The next line, after showing `prompt`; null once the input has ended. */
  next(prompt: string): Promise<string | null> {
    const queued = this.#queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.#closed) return Promise.resolve(null);
    this.#rl.setPrompt(prompt);
    this.#rl.prompt();
    return new Promise((resolve) => {
      this.#waiting = (line) => {
        this.#waiting = undefined;
        resolve(line);
      };
    });
  }

  /** Drops a half-typed line (Ctrl-C at the prompt) and shows the prompt again. */
  reprompt(prompt: string): void {
    this.#rl.write(null, { ctrl: true, name: 'u' });
    this.#rl.setPrompt(prompt);
    this.#rl.prompt();
  }

  #push(line: string): void {
    if (this.#waiting) this.#waiting(line);
    else this.#queue.push(line);
  }
}
