/**
 * STS AssumeRole, so multi-account clients (`fromTemporaryCredentials`, a role per account) run
 * against the emulator as against AWS: the issued keys act as the role's account from then on
 * (sessions.ts, auth.ts).
 *
 * As AWS answers: members outside the API's constraints are ValidationError "1 validation error
 * detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy
 * regular expression pattern: [\w+=,.@-]*" (HTTP 400; the STS API reference gives RoleSessionName
 * 2–64 characters, RoleArn at least 20, DurationSeconds 900–43200, ExternalId 2–1224 of
 * `[\w+=,.@:\/-]*`); a RoleArn that is no role's ARN is ValidationError "<arn> is invalid"; a role
 * that does not trust the caller — not in the seed's `trustedRoles`, a wrong or missing external id,
 * or an account that is SUSPENDED (aws-samples/aws-security-reference-architecture-examples#218,
 * awslabs/landing-zone-accelerator-on-aws#726) — is AccessDenied "User: <caller> is not authorized
 * to perform: sts:AssumeRole on resource: <role>" (HTTP 403). A session assuming a role (role
 * chaining) may last at most an hour.
 */
import { createHash } from 'node:crypto';
import { accountOf, ROLE_ARN, type Directory } from './accounts.js';
import type { Caller } from './auth.js';
import type { Sessions } from './sessions.js';
import { ServiceError } from './wire.js';

const DEFAULT_DURATION = 3600;
const CHAINED_MAX_DURATION = 3600;

export interface AssumeRoleContext {
  readonly caller: Caller;
  readonly sessions: Sessions;
  readonly directory: Directory;
  readonly now: number;
}

/** The `<AssumeRoleResult>` content, or a ServiceError whose type is STS's error code. */
export function assumeRole(form: Record<string, string>, ctx: AssumeRoleContext): string {
  const problems = constraintProblems(form);
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 validation error' : `${problems.length} validation errors`;
    throw new ServiceError('ValidationError', `${count} detected: ${problems.join('; ')}`, 400);
  }
  const roleArn = form.RoleArn!;
  const match = ROLE_ARN.exec(roleArn);
  if (!match) throw new ServiceError('ValidationError', `${roleArn} is invalid`, 400);
  const [, account, roleName] = match as unknown as [string, string, string];
  const duration = form.DurationSeconds === undefined ? DEFAULT_DURATION : Number(form.DurationSeconds);
  if (ctx.sessions.get(ctx.caller.accessKeyId) && duration > CHAINED_MAX_DURATION) {
    throw new ServiceError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.', 400);
  }
  if (!trusts(ctx.directory, roleArn, form.ExternalId) || accountOf(ctx.directory, account)?.status === 'SUSPENDED') {
    throw new ServiceError('AccessDenied', `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
  }
  const sessionName = form.RoleSessionName!;
  const session = ctx.sessions.issue({
    account,
    roleArn,
    arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
    assumedRoleId: `${roleIdOf(roleArn)}:${sessionName}`,
    expiresAt: ctx.now + duration * 1000,
  });
  return (
    '<Credentials>' +
    `<AccessKeyId>${session.accessKeyId}</AccessKeyId><SecretAccessKey>${session.secretAccessKey}</SecretAccessKey>` +
    `<SessionToken>${session.sessionToken}</SessionToken><Expiration>${isoSeconds(session.expiresAt)}</Expiration>` +
    '</Credentials>' +
    `<AssumedRoleUser><AssumedRoleId>${session.assumedRoleId}</AssumedRoleId><Arn>${session.arn}</Arn></AssumedRoleUser>`
  );
}

function trusts(directory: Directory, roleArn: string, externalId: string | undefined): boolean {
  if (directory.trustedRoles === undefined) return true;
  const entry = directory.trustedRoles.find((role) => role.arn === roleArn);
  return entry !== undefined && (entry.externalId === undefined || entry.externalId === externalId);
}

/** Each member checked against the API's constraints, in the order AWS's validator reports them. */
function constraintProblems(form: Record<string, string>): string[] {
  const problems: string[] = [];
  const check = (member: string, value: string | undefined, failed: string | undefined) => {
    if (failed) problems.push(`Value ${value === undefined ? 'null' : `'${value}'`} at '${member}' failed to satisfy constraint: Member must ${failed}`);
  };
  const lengthOf = (value: string, min: number, max: number) =>
    value.length < min ? `have length greater than or equal to ${min}` : value.length > max ? `have length less than or equal to ${max}` : undefined;
  const { RoleArn: arn, RoleSessionName: name, ExternalId: externalId, DurationSeconds: duration } = form;
  check('roleArn', arn, arn === undefined ? 'not be null' : lengthOf(arn, 20, 2048));
  check('roleSessionName', name, name === undefined ? 'not be null' : lengthOf(name, 2, 64));
  if (name !== undefined && !/^[\w+=,.@-]*$/.test(name)) check('roleSessionName', name, 'satisfy regular expression pattern: [\\w+=,.@-]*');
  if (externalId !== undefined) {
    check('externalId', externalId, lengthOf(externalId, 2, 1224));
    if (!/^[\w+=,.@:/-]*$/.test(externalId)) check('externalId', externalId, 'satisfy regular expression pattern: [\\w+=,.@:\\/-]*');
  }
  if (duration !== undefined) {
    const seconds = Number(duration);
    check('durationSeconds', duration, !(seconds >= 900) ? 'have value greater than or equal to 900' : seconds > 43200 ? 'have value less than or equal to 43200' : undefined);
  }
  return problems;
}

/** `AROA` and 17 characters, the same for a role on every run, as a role's id is stable. */
function roleIdOf(roleArn: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const digest = createHash('sha256').update(roleArn).digest();
  return `AROA${Array.from(digest.subarray(0, 17), (byte) => alphabet[byte % alphabet.length]).join('')}`;
}

/** `2026-08-07T01:00:00Z`: STS writes Expiration without milliseconds. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
