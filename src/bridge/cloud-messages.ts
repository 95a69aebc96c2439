/**
 * Cloud Control failures met while reading, retold with the table a user wrote and the way out.
 */

import type { Catalog } from '../catalog/index.js';
import { describeAnswer, UNREADABLE_WAY_OUT, type UnreadableAnswer } from '../cloud/unreadable.js';
import { CcsqlError } from '../errors.js';

const READ_OPS: Readonly<Record<string, 'list' | 'read'>> = { ListResources: 'list', GetResource: 'read' };

export function explainCloudError(error: unknown, catalog: Catalog): unknown {
  if (!(error instanceof CcsqlError) || error.details.table) return error;
  const { typeName, region, op, awsErrorName } = error.details as { typeName?: string; region?: string; op?: string; awsErrorName?: string };
  const type = typeName ? catalog.byTypeName(typeName) : undefined;
  const table = type?.sqlName ?? typeName ?? 'Cloud Control';
  const where = region ? ` in ${region}` : '';
  const handler = op ? READ_OPS[op] : undefined;
  const permissions = type && handler ? type.handlers[handler]?.permissions ?? [] : [];
  const cause = error.message.replace(/^\w+ failed in [\w-]+: /, '');
  const details = { ...error.details, table };
  const account = typeof error.details.account === 'string' ? `Account ${error.details.account}: ` : '';
  if (error.details.assumedRole) {
    return new CcsqlError(error.code, `${account}Reading ${table}${where} ${error.message.replace(/^\w+ in [\w-]+ /, '')}: check that the role exists in that account and trusts the caller (and the external id, if its trust policy asks for one).`, details, { cause: error });
  }
  switch (error.code) {
    case 'ACCESS_DENIED':
      return new CcsqlError('ACCESS_DENIED', `Access denied reading ${table}${where} (${op}): ${cause}. ` +
        (permissions.length ? `The credentials need ${permissions.join(', ')}.` : 'Check the IAM policy of the credentials in use.'), details, { cause: error });
    case 'INVALID_CREDENTIALS':
      if (awsErrorName === 'CredentialsProviderError') return new CcsqlError('INVALID_CREDENTIALS', `Reading ${table}${where} failed: ${cause}.`, details, { cause: error });
      return new CcsqlError('INVALID_CREDENTIALS', `AWS refused the credentials reading ${table}${where} (${awsErrorName}): ` +
        `check AWS_PROFILE or --profile, or sign in again (aws sso login).`, details, { cause: error });
    case 'TYPE_NOT_FOUND':
      return new CcsqlError('TYPE_NOT_FOUND', `Cloud Control does not offer ${typeName} (${table})${where}: the type may not be available in that region; try another region.`, details, { cause: error });
    case 'UNSUPPORTED_ACTION':
      return new CcsqlError('UNSUPPORTED_ACTION', `${table} cannot be ${handler === 'list' ? 'listed' : 'read'}${where}: ${cause}. Read one resource with WHERE Identifier = '…'.`, details, { cause: error });
    case 'UNREADABLE_ANSWER':
      return new CcsqlError('UNREADABLE_ANSWER', `Reading ${table}${where}, Cloud Control's answer to ${op} could not be read (${describeAnswer(error.details as unknown as UnreadableAnswer)}); ${UNREADABLE_WAY_OUT}`, details, { cause: error });
    case 'THROTTLED':
      return new CcsqlError('THROTTLED', `Cloud Control kept throttling ${op} on ${table}${where} after every retry: lower the request rate (--rate) or try again later.`, details, { cause: error });
    default:
      return new CcsqlError(error.code, `Reading ${table}${where} failed: ${cause}`, details, { cause: error });
  }
}
