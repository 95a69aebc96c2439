/**
 * Runs the statements of one database one after another. A statement awaits Cloud Control between
 * its rounds while SQLite holds its savepoint; a second statement started in that gap would write
 * inside the first one's savepoint and be rolled back with it. Callers queue instead, as Kysely's
 * ConnectionMutex makes them. Ten lines of our own: a promise chain needs no library.
 */
export class Serial {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` once every task queued before it has settled. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task, task);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Waits for its turn and holds it until the returned function is called (a generator's whole iteration). */
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const turn = this.#tail;
    this.#tail = turn.then(() => held);
    await turn;
    return release;
  }
}
