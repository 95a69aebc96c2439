/**
 * The endpoint's connections: numbered in the order they are accepted (so a test sees a client reuse
 * one), and closed after they sit idle as long as an AWS endpoint lets them, on timers a test can
 * inject.
 *
 * Node's HTTP server closes a keep-alive connection after 5 idle seconds (`keepAliveTimeout`). A
 * client that waits a little longer between two calls (a poll every 5 s, a pause of 6 s), or that is
 * busy with other work when the close arrives, sends its next call on a connection already closed
 * under it and gets "socket hang up": with one attempt, a failed call. AWS endpoints keep idle
 * connections far longer: DynamoDB about 60 s (aws/aws-sdk-java#1365), IAM about 50 s
 * (JuliaCloud/AWSCore.jl#35), API Gateway and Lambda past the 90 s idle limit of the Go SDK's own
 * pool (aws/aws-sdk-go-v2#3423). So Node's limit is turned off and the endpoint keeps its own,
 * 120 s by default: past a client's minute of idling, and past the idle limits clients set
 * themselves (the Go SDK's 90 s, the Java SDK's 60 s), so such a client retires a connection
 * before the endpoint closes it.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export const IDLE_TIMEOUT_MS = 120_000;

/** The timers idle connections are closed by: real ones unless a test injects its own. */
export interface IdleTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_TIMERS: IdleTimers = Object.freeze({
  // Unreferenced: an idle connection's timer never keeps a process alive by itself.
  setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout),
});

export class Connections {
  readonly #ids = new WeakMap<Socket, number>();
  readonly #idle = new Map<Socket, unknown>();
  readonly #idleMs: number;
  readonly #timers: IdleTimers;
  #accepted = 0;

  constructor(server: Server, idleMs: number = IDLE_TIMEOUT_MS, timers: IdleTimers = REAL_TIMERS) {
    this.#idleMs = idleMs;
    this.#timers = timers;
    // 0 turns off Node's own idle limit (and its `Keep-Alive: timeout=5` header): this class keeps it.
    server.keepAliveTimeout = 0;
    server.on('connection', (socket: Socket) => {
      this.#ids.set(socket, (this.#accepted += 1));
      this.#rest(socket);
      socket.on('close', () => this.#wake(socket));
    });
    server.on('request', (req, res) => {
      this.#wake(req.socket);
      // A call held unanswered (faults/hang.ts) never finishes: its connection is busy, not idle.
      res.on('finish', () => {
        if (!req.socket.destroyed) this.#rest(req.socket);
      });
    });
  }

  /** The connection's number, from 1 in the order the endpoint accepted them. */
  idOf(socket: Socket): number {
    return this.#ids.get(socket) ?? 0;
  }

  #rest(socket: Socket): void {
    this.#wake(socket);
    this.#idle.set(socket, this.#timers.setTimeout(() => {
      this.#idle.delete(socket);
      socket.destroy();
    }, this.#idleMs));
  }

  #wake(socket: Socket): void {
    const handle = this.#idle.get(socket);
    if (handle === undefined) return;
    this.#timers.clearTimeout(handle);
    this.#idle.delete(socket);
  }
}
