/**
 * What a person is shown before a write is sent: the statement and the calls it will make, one line
 * each, as `--dry-run` lists them (operation, table, region, account, identifier, document).
 */

import type { PlannedCall } from '../index.js';

const SHOWN = 20;

export function planText(sql: string, plan: readonly PlannedCall[]): string {
  const lines = [`An agent asks ccsql to run:`, '', sql.trim(), ''];
  if (plan.length === 0) {
    lines.push('It makes no Cloud Control call: it changes the local database of this session only.');
  } else {
    lines.push(`It will make ${plan.length} Cloud Control call${plan.length === 1 ? '' : 's'}:`);
    for (const call of plan.slice(0, SHOWN)) lines.push(`- ${callLine(call)}`);
    if (plan.length > SHOWN) lines.push(`- … and ${plan.length - SHOWN} more of the same statement`);
  }
  lines.push('', 'Accept to send it; decline to send nothing.');
  return lines.join('\n');
}

function callLine(call: PlannedCall): string {
  const where = [call.region, call.account].filter(Boolean).join(' ');
  const document = call.document === undefined ? '' : ` ${JSON.stringify(call.document)}`;
  const shown = document.length > 400 ? `${document.slice(0, 397)}…` : document;
  return `${call.operation} ${call.table} ${where}${call.identifier ? ` ${call.identifier}` : ''}${shown}`;
}
