/**
 * A child process for the crash test: opens a database file against the parent's endpoint (which
 * resumes whatever the journal holds), then, in `insert` mode, creates 50 image versions. The parent
 * SIGKILLs it at random moments; "ready" on stdout says the session is open.
 */
import { open } from '../../src/index.js';

const [url, file, mode] = process.argv.slice(2);
const db = await open({
  region: 'us-east-1',
  endpointUrl: url,
  file,
  credentials: { accessKeyId: 'AKID', secretAccessKey: 'x' },
  ratePerSecond: 1000,
  retry: { baseDelayMs: 1, maxDelayMs: 5 },
  resume: true,
  resumeWaitMs: 600_000,
});
process.stdout.write('ready\n');
if (mode === 'insert') {
  const rows = Array.from({ length: 50 }, (_, i) => `('crash', '123456789012.dkr.ecr.us-east-1.amazonaws.com/crash:${i}')`).join(', ');
  await db.execute(`INSERT INTO awscc.sagemaker.image_versions (ImageName, BaseImage) VALUES ${rows}`);
}
process.stdout.write('done\n');
await db.close();
