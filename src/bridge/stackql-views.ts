/**
 * The views StackQL's awscc provider defines in SQL over its other tables, under the same names and
 * with the same columns: the `cloud_control` request views (every request of one status, or of one
 * operation) and `ec2.vw_subnet_route_table_associations`. Each becomes a TEMP VIEW the first time a
 * statement names it. StackQL's view text fixes `region = 'us-east-1'`; here the region is left to the
 * query (`WHERE region = …`, or the default regions), as for every other table.
 */

const REQUESTS = '"awscc.cloud_control.resource_requests"';
const ALL_STATUSES = ['PENDING', 'IN_PROGRESS', 'SUCCESS', 'FAILED', 'CANCEL_IN_PROGRESS', 'CANCEL_COMPLETE'];
const ALL_OPERATIONS = ['CREATE', 'UPDATE', 'DELETE'];

export interface StackqlView {
  readonly name: string;
  readonly description: string;
  /** The tables the view reads, registered before it is created. */
  readonly uses: readonly string[];
  readonly sql: string;
}

function requestsView(name: string, description: string, statuses: readonly string[], operations: readonly string[]): StackqlView {
  const filter = JSON.stringify({ OperationStatuses: statuses, Operations: operations }).replace(/'/g, "''");
  return { name, description, uses: ['awscc.cloud_control.resource_requests'], sql: `SELECT * FROM ${REQUESTS} WHERE ResourceRequestStatusFilter = '${filter}'` };
}

export const STACKQL_VIEWS: readonly StackqlView[] = [
  requestsView('awscc.cloud_control.vw_cancelled_requests', 'Resource requests being or having been cancelled.', ['CANCEL_IN_PROGRESS', 'CANCEL_COMPLETE'], ALL_OPERATIONS),
  requestsView('awscc.cloud_control.vw_failed_requests', 'Resource requests that failed.', ['FAILED'], ALL_OPERATIONS),
  requestsView('awscc.cloud_control.vw_pending_requests', 'Resource requests still pending or in progress.', ['PENDING', 'IN_PROGRESS'], ALL_OPERATIONS),
  requestsView('awscc.cloud_control.vw_successful_requests', 'Resource requests that succeeded.', ['SUCCESS'], ALL_OPERATIONS),
  requestsView('awscc.cloud_control.vw_create_requests', 'Create requests, whatever their status.', ALL_STATUSES, ['CREATE']),
  requestsView('awscc.cloud_control.vw_update_requests', 'Update requests, whatever their status.', ALL_STATUSES, ['UPDATE']),
  requestsView('awscc.cloud_control.vw_delete_requests', 'Delete requests, whatever their status.', ALL_STATUSES, ['DELETE']),
  {
    name: 'awscc.ec2.vw_subnet_route_table_associations',
    description: 'Subnet route table associations with their properties (list, then get).',
    uses: ['awscc.ec2.subnet_route_table_associations'],
    sql: 'SELECT region, route_table_id, id, subnet_id FROM "awscc.ec2.subnet_route_table_associations"',
  },
];
