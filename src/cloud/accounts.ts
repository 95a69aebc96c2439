/**
 * The accounts a database reads and writes, each with its own Cloud: its own SDK clients, its own
 * credentials and its own limiter per region (each account and region has its own Cloud Control
 * quota, so twenty accounts run side by side, not in one queue).
 *
 *   nothing configured          one account: the default credentials' (its id asked of STS only
 *                               when a statement reads or filters account_id)
 *   profiles: [a, b]            one account per AWS profile (ids from STS GetCallerIdentity)
 *   roleArn + accounts          `arn:aws:iam::{account}:role/Audit` assumed in each account listed
 *   roleArn + org               the same, in every ACTIVE account AWS Organizations lists
 *   roleArn without {account}   the one account of that role
 *
 * The role is assumed with the caller's own credentials (a single profile, given keys, or the
 * default chain): the management or an audit account's, as an organisation's read-only role expects.
 */

import { CcsqlError } from '../errors.js';
import type { AssumeRoleSettings } from './assumed-role.js';
import { createCloud } from './lazy.js';
import type { CloudOptions } from './options.js';
import type { CallerIdentity, Cloud, OrganizationAccount } from './types.js';

/** Which accounts a database reads (`open()` takes these as they are). */
export interface AccountOptions {
  /** Several AWS profiles: one account each, read side by side (`account_id` tells their rows apart). */
  readonly profiles?: readonly string[];
  /**
   * The role to assume in each account, `{account}` standing for its id
   * (`arn:aws:iam::{account}:role/Audit`), with `accounts` or `org`; without `{account}`, the one
   * account of that role.
   */
  readonly roleArn?: string;
  /** Account ids to assume `roleArn` in. */
  readonly accounts?: readonly string[];
  /** Assume `roleArn` in every ACTIVE account AWS Organizations lists (from the management or a delegated administrator account). */
  readonly org?: boolean;
  /** The external id the role's trust policy asks for. */
  readonly externalId?: string;
  /** The role session name, as CloudTrail shows it (default `ccsql`). */
  readonly sessionName?: string;
}

export interface Account {
  /** The account id when configuration gives it, else `default` or `profile:<name>`. */
  readonly key: string;
  /** The 12-digit id, once known. */
  id: string | undefined;
  /** How messages name it: `111111111111`, `profile dev`, `the default credentials`. */
  readonly label: string;
  readonly cloud: Cloud;
}

/** What an organisation listing left out, for the warning the bridge gives. */
export interface SkippedAccount {
  readonly id: string;
  readonly reason: string;
}

export const ACCOUNT_PLACEHOLDER = '{account}';
const ACCOUNT_ID = /^\d{12}$/;

export class AccountSet {
  readonly #options: AccountOptions;
  readonly #cloudOptions: CloudOptions;
  readonly #stats: Cloud['stats'];
  readonly #source: Cloud;
  readonly #byId = new Map<string, Account>();
  #listed: readonly Account[] | undefined;
  #listing: Promise<readonly Account[]> | undefined;
  #skipped: readonly SkippedAccount[] = [];
  /** Identities asked of STS, by account key. */
  readonly #identities = new Map<string, Promise<CallerIdentity>>();
  /** Enabled regions asked of AWS (`-r all`), by account key, and those answered. */
  readonly #enabled = new Map<string, Promise<readonly string[]>>();
  readonly #enabledKnown = new Map<string, readonly string[]>();

  /**
   * `source` is the Cloud of the caller's own credentials: the single account when nothing is
   * configured, and the one that lists the organisation and assumes the roles otherwise.
   */
  constructor(source: Cloud, cloudOptions: CloudOptions, options: AccountOptions = {}) {
    checkAccountOptions(options);
    this.#options = options;
    this.#cloudOptions = cloudOptions;
    this.#source = source;
    this.#stats = source.stats;
    const { profiles = [], roleArn, accounts = [], org } = options;
    if (roleArn && !org) {
      const ids = roleArn.includes(ACCOUNT_PLACEHOLDER) ? accounts : [accountOfArn(roleArn)];
      this.#listed = [...new Set(ids)].map((id) => this.#roleAccount(id));
    } else if (!roleArn && profiles.length > 1) {
      this.#listed = profiles.map((profile) => ({
        key: `profile:${profile}`,
        id: undefined,
        label: `profile ${profile}`,
        cloud: createCloud({ ...cloudOptions, profile, account: `profile:${profile}` }, this.#stats),
      }));
    } else if (!org) {
      this.#listed = [{ key: 'default', id: undefined, label: profiles[0] ? `profile ${profiles[0]}` : 'the default credentials', cloud: source }];
    }
  }

  /** More than one account may be read: one account's failure is then a warning, not the query's. */
  get several(): boolean {
    return Boolean(this.#options.org) || (this.#listed?.length ?? 0) > 1;
  }

  /** Whether any account must be reached through a role (so any id can be, given the placeholder). */
  get reachesAnyAccount(): boolean {
    return Boolean(this.#options.roleArn?.includes(ACCOUNT_PLACEHOLDER));
  }

  /** The accounts, or undefined while the organisation is not listed yet (see `list`). */
  listed(): readonly Account[] | undefined {
    return this.#listed;
  }

  /** The accounts an organisation listing left out (suspended, closing), once listed. */
  get skipped(): readonly SkippedAccount[] {
    return this.#skipped;
  }

  /** The accounts, listing the organisation once (from `region`, with the caller's own credentials). */
  list(region: string, signal?: AbortSignal): Promise<readonly Account[]> {
    if (this.#listed) return Promise.resolve(this.#listed);
    return (this.#listing ??= this.#source
      .organizationAccounts(region, signal)
      .then((found) => {
        const active = found.filter((a) => (a.status ?? 'ACTIVE') === 'ACTIVE');
        this.#skipped = found.filter((a) => !active.includes(a)).map((a: OrganizationAccount) => ({ id: a.id, reason: `the organisation lists it as ${a.status}` }));
        this.#listed = active.map((a) => this.#roleAccount(a.id));
        return this.#listed;
      })
      .catch((error: unknown) => {
        this.#listing = undefined;
        throw explainOrgError(error);
      }));
  }

  /**
   * The account with this id: a configured one whose id is known, or, when the role names
   * `{account}`, that role in any account (`WHERE account_id = '…'` reaches it unlisted).
   */
  reach(id: string): Account | undefined {
    const known = this.#listed?.find((a) => a.id === id);
    if (known) return known;
    return this.reachesAnyAccount && ACCOUNT_ID.test(id) ? this.#roleAccount(id) : undefined;
  }

  /** The first account (undefined while the organisation is not listed yet). */
  get first(): Account | undefined {
    return this.#listed?.[0];
  }

  /** The caller's own credentials' Cloud: it lists the organisation and assumes the roles. */
  get source(): Cloud {
    return this.#source;
  }

  /** The account's 12-digit id, asked of STS once (`region` is where the question goes). */
  async idOf(account: Account, region: string): Promise<string> {
    return account.id ?? (await this.identity(account, region)).account;
  }

  /** Who the account's credentials are (STS GetCallerIdentity), asked once per session. */
  identity(account: Account, region: string): Promise<CallerIdentity> {
    let pending = this.#identities.get(account.key);
    if (!pending) {
      pending = account.cloud.whoami(region).then((who) => ((account.id ??= who.account), who));
      pending.catch(() => this.#identities.delete(account.key));
      this.#identities.set(account.key, pending);
    }
    return pending;
  }

  /**
   * The regions the account has enabled, by default or opted in (for `-r all`), asked of AWS once
   * per session; `region` is where the question goes.
   */
  enabledRegions(account: Account, region: string, signal?: AbortSignal): Promise<readonly string[]> {
    let pending = this.#enabled.get(account.key);
    if (!pending) {
      pending = account.cloud.enabledRegions(region, signal).then(
        (regions) => (this.#enabledKnown.set(account.key, Object.freeze(regions)), this.#enabledKnown.get(account.key)!),
        (error: unknown) => {
          this.#enabled.delete(account.key);
          throw explainRegionsError(account, error);
        },
      );
      this.#enabled.set(account.key, pending);
    }
    return pending;
  }

  /** The account's enabled regions once AWS has answered, else undefined. */
  knownEnabledRegions(account: Account): readonly string[] | undefined {
    return this.#enabledKnown.get(account.key);
  }

  destroy(): void {
    const clouds = new Set([this.#source, ...[...this.#byId.values(), ...(this.#listed ?? [])].map((a) => a.cloud)]);
    for (const cloud of clouds) cloud.destroy();
  }

  #roleAccount(id: string): Account {
    let account = this.#byId.get(id);
    if (!account) {
      const { roleArn, externalId, sessionName } = this.#options;
      const assumeRole: AssumeRoleSettings = { roleArn: roleArn!.split(ACCOUNT_PLACEHOLDER).join(id), ...(externalId ? { externalId } : {}), ...(sessionName ? { sessionName } : {}) };
      account = { key: id, id, label: id, cloud: createCloud({ ...this.#cloudOptions, assumeRole, account: id }, this.#stats) };
      this.#byId.set(id, account);
    }
    return account;
  }
}

/** Refuses an account configuration that cannot mean anything, before any call is made. */
export function checkAccountOptions(options: AccountOptions): void {
  const { profiles = [], roleArn, accounts = [], org } = options;
  const invalid = (message: string) => new CcsqlError('INVALID_ARGUMENT', message);
  for (const id of accounts) {
    if (!ACCOUNT_ID.test(id)) throw invalid(`Account "${id}" is not an AWS account id: account ids are 12 digits, e.g. --accounts 111111111111,222222222222.`);
  }
  if (roleArn === undefined) {
    if (accounts.length > 0 || org) throw invalid(`${org ? '--org' : '--accounts'} needs --role-arn, the role to assume in each account, e.g. --role-arn 'arn:aws:iam::{account}:role/Audit'.`);
    return;
  }
  if (!/^arn:aws[\w-]*:iam::(\d{12}|\{account\}):role\/.+$/.test(roleArn)) {
    throw invalid(`--role-arn "${roleArn}" is not an IAM role ARN: write it as arn:aws:iam::{account}:role/NAME, where {account} stands for each account id.`);
  }
  if (profiles.length > 1) throw invalid('--role-arn assumes the role with one set of credentials: give at most one --profile with it.');
  const templated = roleArn.includes(ACCOUNT_PLACEHOLDER);
  if (templated && accounts.length === 0 && !org) throw invalid(`--role-arn with {account} needs the accounts to assume it in: add --accounts 111111111111,222222222222 or --org.`);
  if (!templated && (accounts.length > 0 || org)) throw invalid(`--role-arn "${roleArn}" names one account: write {account} where the account id goes to reach several, e.g. arn:aws:iam::{account}:role/Audit.`);
  if (accounts.length > 0 && org) throw invalid('Give --accounts or --org, not both.');
}

function accountOfArn(arn: string): string {
  return arn.split(':')[4]!;
}

function explainRegionsError(account: Account, error: unknown): CcsqlError {
  const cause = error instanceof Error ? error.message : String(error);
  return new CcsqlError(
    error instanceof CcsqlError ? error.code : 'ACCESS_DENIED',
    `-r all could not list the regions ${account.id ? `account ${account.id}` : `the account of ${account.label}`} has enabled (${cause}): grant account:ListRegions, or name the regions with -r.`,
    error instanceof CcsqlError ? error.details : {},
    { cause: error },
  );
}

function explainOrgError(error: unknown): CcsqlError {
  const cause = error instanceof Error ? error.message : String(error);
  return new CcsqlError(
    error instanceof CcsqlError ? error.code : 'ACCESS_DENIED',
    `--org could not list the organisation's accounts (${cause}): run from the management account or a delegated administrator with organizations:ListAccounts, or name the accounts with --accounts.`,
    {},
    { cause: error },
  );
}
