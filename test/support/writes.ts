/** Helpers for the write-path tests: a session on a fresh endpoint and the calls it received, decoded. */
import type { EmulatorOptions, SeedDocument } from '../../src/emulator/index.js';
import type { OpenOptions } from '../../src/index.js';
import { session, type Session } from './session.js';

export { ROLE, imageArn } from './session.js';

export const EMPTY: SeedDocument = { resources: [] };
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function writeSession(seed: SeedDocument = EMPTY, options: Partial<OpenOptions> = {}, emulatorOptions: EmulatorOptions = {}): Promise<Session> {
  return session(seed, options, { asyncPolls: 1, ...emulatorOptions });
}

export interface DecodedCall {
  readonly op: string;
  readonly region: string;
  readonly body: Record<string, unknown>;
  readonly error?: string;
}

/** The calls since the last clearCalls, with DesiredState and PatchDocument parsed (and forgotten). */
export function takeCalls(s: Session): DecodedCall[] {
  const calls = s.emulator.calls.map((c) => {
    const body: Record<string, unknown> = { ...c.body };
    for (const key of ['DesiredState', 'PatchDocument']) if (typeof body[key] === 'string') body[key] = JSON.parse(body[key] as string);
    return { op: c.op, region: c.region, body, ...(c.error ? { error: c.error } : {}) };
  });
  s.emulator.clearCalls();
  return calls;
}

/** Only the write calls (Create/Update/DeleteResource), without their generated ClientToken. */
export function writeCalls(calls: readonly DecodedCall[]): DecodedCall[] {
  return calls
    .filter((c) => /^(Create|Update|Delete)Resource$/.test(c.op))
    .map((c) => {
      const { ClientToken: _token, ...body } = c.body;
      void _token;
      return { op: c.op, region: c.region, body };
    });
}

export const opsOf = (calls: readonly DecodedCall[]): string[] => calls.map((c) => c.op);
