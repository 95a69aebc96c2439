/**
 * The clients every ccsql figure stands beside, run against the same endpoint in the same run: what
 * a person writes with the AWS SDK alone. `promiseAll` lists every page, then sends every GetResource
 * at once (the SDK's standard retry mode, 3 attempts); `sequential` makes one call at a time.
 */
import { performance } from 'node:perf_hooks';
import { CloudControlClient, GetResourceCommand, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';

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

/** Every page of a listing in sequence, nothing else: the naive client's `_list_only`. */
export async function listOnly(url: string, typeName: string): Promise<NaiveRun> {
  const cc = client(url);
  const started = performance.now();
  const ids = await listAll(cc, typeName);
  cc.destroy();
  return { wallMs: performance.now() - started, calls: ids.length, failed: 0 };
}
