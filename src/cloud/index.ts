export { createCloud } from './lazy.js';
export { DEFAULT_CONCURRENCY, DEFAULT_RATE_PER_SECOND, type CloudOptions } from './options.js';
export type { Cloud, CallTrace, ProgressEvent, ResourceDescription, WriteOptions, CallerIdentity, RequestFilter, OperationStatus, Operation, RegistryType, RegistryTypeSummary, TypeQuery, OrganizationAccount, Visibility, ProvisioningType, Tag, TaggedResource, TaggedResourceFilter, ComplianceSummaryFilter, ComplianceSummaryRow, ReportCreation } from './types.js';
export { VISIBILITIES, PROVISIONING_TYPES } from './types.js';
export { OPERATION_STATUSES, TERMINAL_STATUSES, OPERATIONS } from './types.js';
export { realTimers, sleep, type Timers } from './timers.js';
export type { RetryOptions } from './retry.js';
export { checkRegion, isKnownRegion, knownRegions } from './regions.js';
export { DEFAULT_CALL_TIMEOUT_MS } from './call-timeout.js';
