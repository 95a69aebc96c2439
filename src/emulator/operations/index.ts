/** The eight Cloud Control operations, by the name X-Amz-Target carries after `CloudApiService.`. */
import type { ServiceContext } from '../context.js';
import type { CallContext, JsonObject } from '../types.js';
import { createResource } from './create.js';
import { deleteResource } from './delete.js';
import { getResource } from './get.js';
import { listResources } from './list.js';
import { cancelResourceRequest, getResourceRequestStatus, listResourceRequests } from './requests.js';
import { updateResource } from './update.js';

export type OperationHandler = (service: ServiceContext, body: JsonObject, ctx: CallContext) => JsonObject;

export const OPERATION_HANDLERS: Readonly<Record<string, OperationHandler>> = Object.freeze({
  ListResources: listResources,
  GetResource: getResource,
  CreateResource: createResource,
  UpdateResource: updateResource,
  DeleteResource: deleteResource,
  GetResourceRequestStatus: getResourceRequestStatus,
  ListResourceRequests: listResourceRequests,
  CancelResourceRequest: cancelResourceRequest,
});
