/**
 * AWS JSON 1.0 on the wire: bodies, timestamps and errors the way Cloud Control sends them, so the
 * SDK's deserialiser picks the right exception class from `__type`.
 */

/** Client-fault errors Cloud Control answers with HTTP 400, as coral JSON services do. */
export class ServiceError extends Error {
  readonly type: string;
  readonly status: number;

  constructor(type: string, message: string, status = 400) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status;
  }
}

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';

/** Errors raised by the AWS front end rather than by Cloud Control itself. */
const FRONT_END = new Set([
  'MissingAuthenticationTokenException',
  'IncompleteSignatureException',
  'ValidationException',
  'UnknownOperationException',
  'SerializationException',
]);

/** Cloud Control's `__type` carries a namespace; the SDK keeps only the part after `#`. */
export function errorBody(error: ServiceError): string {
  const namespace = FRONT_END.has(error.type) ? 'com.amazon.coral.service' : 'com.amazon.cloudapiservice';
  return JSON.stringify({ __type: `${namespace}#${error.type}`, Message: error.message });
}

/** Smithy timestamps in JSON 1.0 are epoch seconds with a fraction. */
export function epochSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

export const errors = {
  typeNotFound: (typeName: string) => new ServiceError('TypeNotFoundException', `The type '${typeName}' cannot be found.`),
  unsupported: (typeName: string, action: string) =>
    new ServiceError('UnsupportedActionException', `Resource type ${typeName} does not support ${action} action`),
  notFound: (typeName: string, identifier: string) =>
    new ServiceError(
      'ResourceNotFoundException',
      `Resource of type '${typeName}' with identifier '${identifier}' was not found.`,
    ),
  invalid: (message: string) => new ServiceError('InvalidRequestException', message),
  validation: (message: string) => new ServiceError('ValidationException', message),
  throttled: () => new ServiceError('ThrottlingException', 'Rate exceeded'),
  unknownOperation: (op: string) => new ServiceError('UnknownOperationException', `Unknown operation ${op}`),
  tokenNotFound: (token: string) =>
    new ServiceError('RequestTokenNotFoundException', `Request with token ${token} was not found`),
} as const;
