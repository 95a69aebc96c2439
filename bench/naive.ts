/**
 * The clients every ccsql figure stands beside, run against the same endpoint in the same run: what
 * a person writes with the AWS SDK alone. `promiseAll` lists every page, then sends every GetResource
 * at once (the SDK's standard retry mode, 3 attempts); `sequential` makes one call at a time;
 * `promiseAllAccounts` lists every account and region at once, each through its assumed role.
 */
import { performance } from 'node:perf_hooks';
import { CloudControlClient, GetResourceCommand, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';

export interface NaiveRun {
  readonly wallMs: number;
  readonly calls: number;
  /** Gets that failed even after the SDK's own retries. */
  readonly failed: number;
}

const CREDENTIALS = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' };

function client(url: string): CloudControlClient {
  return new CloudControlClient({ region: 'us-east-1', endpoint: url, credentials: CREDENTIALS });
}

async function listAll(cc: CloudControlClient, typeName: string): Promise<string[]> {
  const ids: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cc.send(new ListResourcesCommand({ TypeName: typeName, NextToken }));
    for (const d of page.ResourceDescriptions ?? []) ids.push(d.Identifier!);
    NextToken = page.NextToken;
  } while (NextToken);
  return ids;
}

/** List every page, then every GetResource at once. */
export async function promiseAll(url: string, typeName: string): Promise<NaiveRun> {
  const cc = client(url);
  const started = performance.now();
  try {
    const ids = await listAll(cc, typeName);
    const results = await Promise.allSettled(ids.map((Identifier) => cc.send(new GetResourceCommand({ TypeName: typeName, Identifier }))));
    const failed = results.filter((r) => r.status === 'rejected').length;
    return { wallMs: performance.now() - started, calls: ids.length, failed };
  } finally {
    cc.destroy();
  }
}

/**
 * One call at a time: `sample` gets after the first page, timed, then projected to `total` calls
 * (a loop at one call per round trip takes minutes over thousands of resources).
 */
export async function sequential(url: string, typeName: string, sample: number, total: number): Promise<NaiveRun & { projected: true }> {
  const cc = client(url);
  try {
    const first = await cc.send(new ListResourcesCommand({ TypeName: typeName }));
    const ids = (first.ResourceDescriptions ?? []).map((d) => d.Identifier!);
    const started = performance.now();
    let failed = 0;
    for (let i = 0; i < sample; i += 1) {
      await cc.send(new GetResourceCommand({ TypeName: typeName, Identifier: ids[i % ids.length] })).catch(() => (failed += 1));
    }
    const perCall = (performance.now() - started) / sample;
    return { wallMs: perCall * total, calls: total, failed, projected: true };
  } finally {
    cc.destroy();
  }
}

/** A role in each account, assumed with the caller's own keys through the SDK's own provider. */
export interface AccountsRun {
  readonly url: string;
  readonly typeName: string;
  readonly source: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** The role's ARN with `{account}` standing for the account id. */
  readonly roleArn: string;
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
}

/**
 * Every page of `typeName` in every account and region at once: one Promise.all over the
 * account-regions, each a loop of pages (NextToken makes them sequential), each account's clients
 * sharing one `fromTemporaryCredentials` (so one AssumeRole per account). `calls` counts the
 * resources listed; `failed`, the account-regions whose listing failed after the SDK's retries.
 */
export async function promiseAllAccounts(run: AccountsRun): Promise<NaiveRun> {
  const clients: CloudControlClient[] = [];
  const started = performance.now();
  try {
    const listings = run.accounts.flatMap((account) => {
      const credentials = assumed(run, account);
      return run.regions.map((region) => {
        const cc = new CloudControlClient({ region, endpoint: run.url, credentials });
        clients.push(cc);
        return listAll(cc, run.typeName);
      });
    });
    const results = await Promise.allSettled(listings);
    const calls = results.reduce((n, r) => n + (r.status === 'fulfilled' ? r.value.length : 0), 0);
    return { wallMs: performance.now() - started, calls, failed: results.filter((r) => r.status === 'rejected').length };
  } finally {
    for (const cc of clients) cc.destroy();
  }
}

/**
 * The same listings one after another (each account's regions in turn), timed on the first `sample`
 * accounts and projected to all of them: forty rate-limited listings in a row take a minute.
 */
export async function sequentialAccounts(run: AccountsRun, sample: number): Promise<NaiveRun & { projected: true }> {
  const started = performance.now();
  let failed = 0;
  for (const account of run.accounts.slice(0, sample)) {
    const credentials = assumed(run, account);
    for (const region of run.regions) {
      const cc = new CloudControlClient({ region, endpoint: run.url, credentials });
      await listAll(cc, run.typeName).catch(() => (failed += 1));
      cc.destroy();
    }
  }
  const perAccount = (performance.now() - started) / sample;
  return { wallMs: perAccount * run.accounts.length, calls: 0, failed, projected: true };
}

function assumed(run: AccountsRun, account: string) {
  return fromTemporaryCredentials({
    params: { RoleArn: run.roleArn.replace('{account}', account), RoleSessionName: 'naive' },
    masterCredentials: run.source,
    clientConfig: { region: run.regions[0]!, endpoint: run.url },
  });
}

/** Every page of a listing in sequence, nothing else: the naive client's `_list_only`. */
export async function listOnly(url: string, typeName: string): Promise<NaiveRun> {
  const cc = client(url);
  const started = performance.now();
  const ids = await listAll(cc, typeName);
  cc.destroy();
  return { wallMs: performance.now() - started, calls: ids.length, failed: 0 };
}
