/**
 * Where a scan's calls go (one account in one region) and the accounts that failed during the
 * statement in progress, reported once, one warning per account, when it ends.
 */

import type { Account } from '../cloud/accounts.js';
import type { CcsqlWarning } from '../shapes.js';

/** What a guarded loader resolves to when its account failed: nothing is stored under its key. */
export const SKIPPED: unique symbol = Symbol('skipped');

/** One account in one region: where a scan's calls go, and the prefix of its store keys. */
export interface Place {
  readonly account: Account;
  readonly region: string;
  readonly key: string;
}

export function placeOf(account: Account, region: string): Place {
  return { account, region, key: `${account.key}\u0000${region}` };
}

/** Error codes that mean the account (or its region) cannot be read, not that the statement is wrong. */
export const ACCOUNT_FAILURES: ReadonlySet<string> = new Set(['ACCESS_DENIED', 'INVALID_CREDENTIALS', 'REGION_NOT_ENABLED']);

interface Failure {
  readonly account: Account;
  readonly regions: Set<string>;
  readonly reason: string;
}

/** The accounts that failed during the statement in progress, reported once it ends. */
export class AccountFailures {
  readonly #failed = new Map<string, Failure>();
  readonly #unknown = new Set<string>();

  has(place: Place): boolean {
    return this.#failed.get(place.account.key)?.regions.has(place.region) ?? false;
  }

  record(place: Place, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    const failure = this.#failed.get(place.account.key) ?? { account: place.account, regions: new Set<string>(), reason };
    failure.regions.add(place.region);
    this.#failed.set(place.account.key, failure);
  }

  /** An account_id the query names that no configured account has. */
  unknown(id: string): void {
    this.#unknown.add(id);
  }

  /** The statement's warnings, one per account; clears them for the next statement. */
  take(): CcsqlWarning[] {
    const warnings: CcsqlWarning[] = [...this.#failed.values()].map((f) => ({
      code: 'ACCOUNT_SKIPPED',
      account: f.account.id ?? f.account.label,
      regions: [...f.regions],
      message: `Account ${f.account.label} was skipped in ${[...f.regions].join(', ')}, so its rows are missing: ${f.reason}`,
    }));
    for (const id of this.#unknown) {
      warnings.push({ code: 'ACCOUNT_NOT_CONFIGURED', account: id, message: `Account ${id} is not one of the accounts ccsql was given, so it has no rows: add it with --accounts (or --profile), or reach any account with --role-arn 'arn:aws:iam::{account}:role/NAME'.` });
    }
    this.#failed.clear();
    this.#unknown.clear();
    return warnings;
  }
}

