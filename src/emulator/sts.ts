/**
 * STS over the AWS Query protocol that @aws-sdk/client-sts speaks: a form-encoded POST
 * (`Action=GetCallerIdentity&Version=2011-06-15`) answered with XML.
 */
import { randomUUID } from 'node:crypto';
import type { ServiceError } from './wire.js';

export const STS_USER = 'ccsql-test';
const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export function parseForm(text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text));
}

export function isStsRequest(contentType: string | undefined, scopeService: string | undefined): boolean {
  return scopeService === 'sts' || (contentType ?? '').startsWith('application/x-www-form-urlencoded');
}

export interface StsAnswer {
  status: number;
  body: string;
}

export function stsAnswer(form: Record<string, string>, account: string): StsAnswer {
  const action = form.Action ?? '';
  if (action !== 'GetCallerIdentity') {
    return stsError({ type: 'InvalidAction', message: `Could not find operation ${action} for version 2011-06-15`, status: 400 });
  }
  const body =
    `<GetCallerIdentityResponse xmlns="${NS}">` +
    '<GetCallerIdentityResult>' +
    `<Arn>arn:aws:iam::${account}:user/${STS_USER}</Arn>` +
    '<UserId>AIDACCSQLTESTUSER0001</UserId>' +
    `<Account>${account}</Account>` +
    '</GetCallerIdentityResult>' +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>` +
    '</GetCallerIdentityResponse>';
  return { status: 200, body };
}

export function stsError(error: Pick<ServiceError, 'type' | 'message' | 'status'>): StsAnswer {
  const missing = error.type === 'MissingAuthenticationTokenException';
  const code = missing ? 'MissingAuthenticationToken' : error.type;
  const body =
    `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
  return { status: missing ? 403 : error.status, body };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
