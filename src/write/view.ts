/**
 * Creates the writable view of a resource table (`"awscc.sagemaker.images:write"`) and its capture
 * triggers, from sql/write-view.sql. Called by the TableRegistry the first time a statement writes to
 * the table.
 */

import type { Database } from 'better-sqlite3';
import type { ResourceType } from '../catalog/types.js';
import { quoteIdentifier } from '../sql/rewrite.js';
import { writeColumnsOf, type WriteColumn } from './columns.js';
import { fillTemplate, readSqlFile } from './sql-files.js';

export function createWriteView(db: Database, type: ResourceType, readName: string, viewName: string): void {
  const columns = writeColumnsOf(type);
  const q = quoteIdentifier;
  const sql = fillTemplate(readSqlFile('write-view.sql'), {
    view: q(viewName),
    view_insert: q(`${viewName}:insert`),
    view_update: q(`${viewName}:update`),
    view_delete: q(`${viewName}:delete`),
    view_text: `'${viewName.replace(/'/g, "''")}'`,
    table: q(readName),
    select: columns.map(selectItem).join(', '),
    new: columns.map((c) => `NEW.${q(c.name)}`).join(', '),
    old: columns.map((c) => `OLD.${q(c.name)}`).join(', '),
  });
  db.exec(sql);
}

function selectItem(column: WriteColumn): string {
  const name = quoteIdentifier(column.name);
  if (column.role === 'option') return `NULL AS ${name}`;
  if (column.role === 'property') return `${quoteIdentifier(column.source)} AS ${name}`;
  return `${name} AS ${name}`;
}
