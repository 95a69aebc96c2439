/**
 * Every error ccsql raises for a user to read is a CcsqlError with a stable `code`.
 * Codes are documented in docs/errors.md; a test checks that every code listed here is there.
 */

export const ERROR_CODES = [
  'UNKNOWN_TABLE',
  'UNKNOWN_COLUMN',
  'MISSING_LIST_KEY',
  'UNSUPPORTED_CONSTRAINT',
  'UNSUPPORTED_ACTION',
  'ACCESS_DENIED',
  'INVALID_CREDENTIALS',
  'TYPE_NOT_FOUND',
  'TYPE_NOT_ACTIVATED',
  'TYPE_NOT_PROVISIONABLE',
  'THROTTLED',
  'CLOUD_CONTROL',
  'NOT_WRITABLE',
  'READ_ONLY_COLUMN',
  'CREATE_ONLY_COLUMN',
  'MISSING_REQUIRED',
  'INVALID_VALUE',
  'INVALID_JSON',
  'WRITE_FAILED',
  'WRITE_TIMEOUT',
  'CONFIRMATION_REQUIRED',
  'SQL_ERROR',
  'INVALID_ARGUMENT',
  'CANCELLED',
  'UNKNOWN_REGION',
  'ENDPOINT_UNREACHABLE',
  'CALL_TIMEOUT',
  'ALREADY_EXISTS',
  'PAGINATION_LOOP',
  'INCOMPATIBLE_DEPENDENCY',
  'INTERNAL',
  'UNFINISHED_WRITES',
  'JOURNAL_UNAVAILABLE',
  'WRITE_UNCERTAIN',
  'ACCOUNT_NOT_CONFIGURED',
  'WRITE_ONLY_REQUIRED',
  'NOT_UPDATABLE',
  'READ_ONLY',
  'WRITE_DECLINED',
  'UNREADABLE_ANSWER',
  'REGION_NOT_ENABLED',
  'DEPLOY_INPUT',
  'DEPLOY_FAILED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface CcsqlErrorDetails {
  readonly table?: string;
  readonly column?: string;
  readonly region?: string;
  readonly typeName?: string;
  readonly identifier?: string;
  readonly requestToken?: string;
  readonly awsErrorName?: string;
  readonly [key: string]: unknown;
}

export class CcsqlError extends Error {
  readonly code: ErrorCode;
  readonly details: CcsqlErrorDetails;

  constructor(code: ErrorCode, message: string, details: CcsqlErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CcsqlError';
    this.code = code;
    this.details = details;
  }
}

export function isCcsqlError(error: unknown): error is CcsqlError {
  return error instanceof CcsqlError;
}

/**
 * What reaches a caller is always a CcsqlError: a cancel stays CANCELLED, SQLite's complaints are the
 * caller's SQL (SQL_ERROR), and anything else is ccsql's own bug (INTERNAL), its cause kept.
 */
export function asCcsqlError(error: unknown): CcsqlError {
  if (error instanceof CcsqlError) return error;
  const e = error as { name?: string; message?: string; code?: unknown } | null;
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return new CcsqlError('CANCELLED', 'The statement was cancelled.', {}, { cause: error });
  if (e?.name === 'SqliteError') return new CcsqlError('SQL_ERROR', String(e.message), { sqliteCode: e.code }, { cause: error });
  return new CcsqlError('INTERNAL', 'Internal error in ccsql, please report it (error.cause holds the details).', {}, { cause: error });
}
