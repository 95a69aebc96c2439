/**
 * The multi-account scenario of `npm run bench`: a `_list_only` count over 20 accounts × 2 regions ×
 * 300 log groups, each account reached through its own assumed role, beside the same count over one
 * account-region. Each account and region has its own quota (the endpoint's token bucket is per
 * account and region), so the forty listings should run side by side: B within 1.3× of A.
 *
 * The endpoint: latency L = LATENCY_MS on every answer, and a bucket of R = 5 calls a second per
 * account and region that starts full (R tokens). A listing of 300 is n = 12 pages of 25, one after
 * another (each page's NextToken starts the next). Page k (from 0) cannot start before k·L (the pages
 * are sequential) nor before (k + 1 − R)/R s (the bucket), so the last ends at
 *
 *   one account-region = max((n − 1)·L, (n − R)/R s) + L = max(1.1 s, 1.4 s) + 0.1 s = 1.5 s at L = 100 ms
 *
 * R = 5 binds (the pages alone would take 1.2 s) but not by much; a limit of 10 would not bind at all.
 * Here the bucket's initial burst is counted, unlike the long listings in scenarios.ts (calls / R),
 * because it is 5 of 12 calls. Every read goes through the role, so both rows add one AssumeRole round
 * trip (STS is not rate-limited; the accounts assume theirs at once):
 *
 *   ideal A = ideal B = one account-region + L = 1.6 s;  minimum calls = 40 × 12 ListResources + 20 AssumeRole
 */
import { performance } from 'node:perf_hooks';
import { open, type OpenOptions } from '../src/index.js';
import { startEmulator, type Emulator, type SeedDocument } from '../src/emulator/index.js';
import { promiseAllAccounts, sequentialAccounts, type AccountsRun } from './naive.js';
import { LATENCY_MS, result, type BenchResult } from './scenarios.js';

const LOG_GROUP = 'AWS::Logs::LogGroup';
const RESOURCES = 300;
const PAGES = 12;
const RATE_LIMIT = 5;
const REGIONS = ['us-east-1', 'eu-west-1'] as const;
/** The caller: the emulator takes a 12-digit access key id as that account's own keys. */
const SOURCE = { accessKeyId: '111111111111', secretAccessKey: 'bench' };
const ROLE = 'arn:aws:iam::{account}:role/Audit';
const ACCOUNTS = Array.from({ length: 20 }, (_, i) => `2000000000${String(i + 1).padStart(2, '0')}`);
/** Read once before the rows, so neither pays for loading the SDK's STS and credential modules. */
const WARM = '299999999999';
const roleIn = (account: string) => ROLE.replace('{account}', account);

function estate(): SeedDocument {
  const resources: NonNullable<SeedDocument['resources']> = [];
  for (const account of ACCOUNTS) {
    for (const region of REGIONS) {
      for (let i = 0; i < RESOURCES; i += 1) resources.push({ TypeName: LOG_GROUP, Account: account, Region: region, Properties: { LogGroupName: `bench-${i}` } });
    }
  }
  return {
    resources,
    accounts: [SOURCE.accessKeyId, WARM, ...ACCOUNTS].map((Id) => ({ Id, Name: Id })),
    trustedRoles: [WARM, ...ACCOUNTS].map(roleIn),
  };
}

const ideal = () => Math.max((PAGES - 1) * LATENCY_MS, ((PAGES - RATE_LIMIT) / RATE_LIMIT) * 1000) + LATENCY_MS + LATENCY_MS;

interface Measured {
  wallMs: number;
  calls: number;
  throttled: number;
  rows: number;
}

/** A fresh database (no credentials cached) over these accounts and regions, counting every resource. */
async function count(emulator: Emulator, accounts: readonly string[], regions: readonly string[]): Promise<Measured> {
  const options: OpenOptions = { endpointUrl: emulator.url, credentials: { ...SOURCE }, roleArn: ROLE, accounts, regions };
  const db = await open(options);
  try {
    // Every bucket full again, as at the start of the first row.
    emulator.setRateLimit(RATE_LIMIT);
    emulator.clearCalls();
    const started = performance.now();
    const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM awscc.logs.log_groups_list_only');
    const wallMs = performance.now() - started;
    const throttled = emulator.calls.filter((c) => /Throttl/.test(c.error ?? '')).length;
    return { wallMs, calls: emulator.calls.length - throttled, throttled, rows: row!.n };
  } finally {
    await db.close();
  }
}

async function naive(emulator: Emulator, accounts: readonly string[], regions: readonly string[]) {
  const run: AccountsRun = { url: emulator.url, typeName: LOG_GROUP, source: SOURCE, roleArn: ROLE, accounts, regions };
  emulator.setRateLimit(RATE_LIMIT);
  const all = await promiseAllAccounts(run);
  emulator.setRateLimit(RATE_LIMIT);
  const seq = await sequentialAccounts(run, 1);
  return { naive: { wallMs: Math.round(all.wallMs), failed: all.failed }, sequentialMs: Math.round(seq.wallMs) };
}

export async function accountScenarios(): Promise<BenchResult[]> {
  const emulator = await startEmulator({ port: 0, seed: estate(), latencyMs: LATENCY_MS, rateLimit: RATE_LIMIT });
  try {
    await count(emulator, [WARM], [REGIONS[0]]);
    await promiseAllAccounts({ url: emulator.url, typeName: LOG_GROUP, source: SOURCE, roleArn: ROLE, accounts: [WARM], regions: [REGIONS[0]] });

    const one = await count(emulator, ACCOUNTS.slice(0, 1), REGIONS.slice(0, 1));
    const all = await count(emulator, ACCOUNTS, REGIONS);
    if (one.rows !== RESOURCES || all.rows !== RESOURCES * ACCOUNTS.length * REGIONS.length) {
      throw new Error(`The multi-account count read ${one.rows} and ${all.rows} rows, not ${RESOURCES} and ${RESOURCES * ACCOUNTS.length * REGIONS.length}.`);
    }
    const limit = `${RATE_LIMIT} calls/s per account-region`;
    const vsOne = Number((all.wallMs / one.wallMs).toFixed(2));
    return [
      result(`list_only 1 account × 1 region × ${RESOURCES} (A)`, one, PAGES + 1, ideal(), 1.3, { ...(await naive(emulator, ACCOUNTS.slice(0, 1), REGIONS.slice(0, 1))), note: `${limit}; 12 pages + AssumeRole` }),
      result(`list_only ${ACCOUNTS.length} accounts × ${REGIONS.length} regions × ${RESOURCES} (B)`, all, ACCOUNTS.length * REGIONS.length * PAGES + ACCOUNTS.length, ideal(), 1.3, {
        ...(await naive(emulator, ACCOUNTS, REGIONS)),
        relative: { to: 'A', ratio: vsOne, target: 1.3 },
        note: `${limit}; B/A ${vsOne.toFixed(2)}, target ≤ 1.30`,
      }),
    ];
  } finally {
    await emulator.close();
  }
}
