/**
 * Temporary credentials STS AssumeRole issued. AWS knows which role and account an `ASIA…` key
 * stands for, so every later call signed with it acts as that account; the emulator keeps the same
 * mapping here. Keys are remembered past their expiry so a late call is told its token expired
 * rather than that it is unknown, as AWS tells it.
 */
import { randomBytes } from 'node:crypto';

export interface Session {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly account: string;
  readonly roleArn: string;
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>`: who GetCallerIdentity says is calling. */
  readonly arn: string;
  /** `AROA…:<session>`. */
  readonly assumedRoleId: string;
  /** Epoch milliseconds on the service clock. */
  readonly expiresAt: number;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export class Sessions {
  readonly #byKey = new Map<string, Session>();

  issue(fields: Omit<Session, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>): Session {
    const session: Session = Object.freeze({
      accessKeyId: `ASIA${token(16)}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      ...fields,
    });
    this.#byKey.set(session.accessKeyId, session);
    return session;
  }

  get(accessKeyId: string): Session | undefined {
    return this.#byKey.get(accessKeyId);
  }
}

/** Upper-case letters and digits, as AWS's key and role ids are spelled. */
export function token(length: number): string {
  return Array.from(randomBytes(length), (byte) => UPPER[byte % UPPER.length]).join('');
}
