/**
 * ccsql: query and change AWS resources with SQL.
 *
 * @example
 * import { open } from 'ccsql';
 * const db = await open({ region: 'us-east-1' });
 * const images = await db.query('SELECT image_name, image_arn FROM awscc.sagemaker.images');
 * await db.close();
 */

export { open, CcsqlDatabase, type OpenOptions } from './database.js';
export type { StatementResult, ExecuteOptions, IterateOptions, ResultColumn, PendingWrite, PlannedCall, ProgressEvent, ResumeReport, CcsqlWarning, WarningCode } from './shapes.js';
export { WARNING_CODES } from './shapes.js';
export { updateUserCatalog, catalogStatus, resetUserCatalog, defaultUserCatalogDir, type UpdateUserCatalogOptions, type CatalogStatus, type UpdateReport } from './user-catalog/index.js';
export { CcsqlError, ERROR_CODES, isCcsqlError, type ErrorCode } from './errors.js';
export { defaultCatalog, loadCatalog, type Catalog, type ResolvedTable } from './catalog/index.js';
export type { ResourceType, Column } from './catalog/types.js';
export type { CallTrace } from './cloud/index.js';
export { parseScript, splitStatements, type ParsedStatement, type StatementKind } from './sql/statement.js';
export { tablePage } from './table-page.js';
