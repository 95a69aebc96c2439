/**
 * AWS JSON 1.0 on the wire: bodies, timestamps and errors the way Cloud Control sends them, so the
 * SDK's deserialiser picks the right exception class from `__type`.
 */

/**
 * HTTP statuses of Cloud Control's modelled errors, from the `httpError` traits of its Smithy model
 * (the SDK's, node_modules/@aws-sdk/client-cloudcontrol): client faults 400, 401, 404, 405 and 409,
 * server faults 500 and 502. Errors raised by the front end (validation, authentication,
 * serialisation) are 400, as coral services answer them, except the credential refusals, which
 * AWS's Common Errors give 403 (https://docs.aws.amazon.com/mgn/latest/APIReference/CommonErrors.html).
 */
const HTTP_STATUS: Readonly<Record<string, number>> = {
  AlreadyExistsException: 400,
  ExpiredTokenException: 403,
  ClientTokenConflictException: 409,
  ConcurrentModificationException: 500,
  ConcurrentOperationException: 409,
  GeneralServiceException: 400,
  HandlerFailureException: 502,
  HandlerInternalFailureException: 502,
  InvalidCredentialsException: 401,
  InvalidRequestException: 400,
  NetworkFailureException: 502,
  NotStabilizedException: 400,
  NotUpdatableException: 400,
  PrivateTypeException: 400,
  RequestTokenNotFoundException: 404,
  ResourceConflictException: 409,
  ResourceNotFoundException: 404,
  ServiceInternalErrorException: 502,
  ServiceLimitExceededException: 400,
  ThrottlingException: 429,
  TypeNotFoundException: 404,
  UnsupportedActionException: 405,
  UnrecognizedClientException: 403,
};

export class ServiceError extends Error {
  readonly type: string;
  readonly status: number;
  /** The `__type` namespace; by default the front end's for its errors, Cloud Control's otherwise. */
  readonly namespace: string;

  constructor(type: string, message: string, status?: number, namespace?: string) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status ?? HTTP_STATUS[type] ?? 400;
    this.namespace = namespace ?? (FRONT_END.has(type) ? 'com.amazon.coral.service' : 'com.amazon.cloudapiservice');
  }
}

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';

/** Errors raised by the AWS front end rather than by Cloud Control itself. */
const FRONT_END: ReadonlySet<string> = new Set([
  'MissingAuthenticationTokenException',
  'IncompleteSignatureException',
  'ValidationException',
  'UnknownOperationException',
  'SerializationException',
  // As AWS answers them: {"__type":"com.amazon.coral.service#AccessDeniedException",…} (aws/aws-sdk#140).
  'AccessDeniedException',
  'UnrecognizedClientException',
  'ExpiredTokenException',
]);

/** Cloud Control's `__type` carries a namespace; the SDK keeps only the part after `#`. */
export function errorBody(error: ServiceError): string {
  return JSON.stringify({ __type: `${error.namespace}#${error.type}`, Message: error.message });
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
