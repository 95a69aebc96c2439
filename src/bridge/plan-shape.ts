/**
 * Whether every row a statement returns comes from one row of one table function's scan, as SQLite
 * plans it: then the scan may be fed its listing a window at a time (stream.ts), each pass giving the
 * rows of its window's items, and the passes together give what one pass over the whole listing
 * would. That holds when the scan is the outermost loop and every ResultRow lies inside it, nothing
 * sorts, groups, de-duplicates or limits, and the scan is never the empty side of an outer join (a
 * NullRow on it). A local table joined inside the loop may be indexed once (an automatic index), which
 * reads that table, not the scan. Anything else (UNION ALL, EXISTS, a LEFT JOIN onto the scan) is
 * judged not per row, and runs as one pass.
 */

export interface PlanOp {
  readonly addr?: number;
  readonly opcode: string;
  readonly p1: number;
  readonly p2: number;
  readonly p4: unknown;
}

/** Opcodes after which SQLite has consumed every row before any LIMIT counts. */
export const READS_ALL: ReadonlySet<string> = new Set(['SorterOpen', 'SorterSort', 'Sort', 'AggStep', 'AggStep1', 'AggFinal', 'AggValue', 'OpenEphemeral', 'OpenAutoindex']);
export const LIMITS: ReadonlySet<string> = new Set(['DecrJumpZero', 'IfNotZero']);

/** Opcodes that begin a loop over a cursor (or a coroutine's rows). */
const LOOP_STARTS: ReadonlySet<string> = new Set(['Rewind', 'Last', 'SeekGE', 'SeekGT', 'SeekLE', 'SeekLT', 'VFilter', 'SorterSort', 'Sort', 'InitCoroutine', 'Yield']);

/** Whether the rows of `ops` are the rows of cursor `cursor`'s scan, one by one (see above). */
export function rowsPerScan(ops: readonly PlanOp[], cursor: number): boolean {
  if (ops.some((op) => LIMITS.has(op.opcode) || (READS_ALL.has(op.opcode) && op.opcode !== 'OpenAutoindex'))) return false;
  const at = (op: PlanOp, i: number): number => op.addr ?? i;
  const filters = ops.flatMap((op, i) => (op.opcode === 'VFilter' && op.p1 === cursor ? [at(op, i)] : []));
  const nexts = ops.flatMap((op, i) => (op.opcode === 'VNext' && op.p1 === cursor ? [at(op, i)] : []));
  if (filters.length !== 1 || nexts.length !== 1) return false;
  const [from, to] = [filters[0]!, nexts[0]!];
  // The program proper ends at the first Halt; what follows is its start-up code (Init jumps there).
  const halt = ops.findIndex((op) => op.opcode === 'Halt');
  const body = halt < 0 ? ops : ops.slice(0, halt);
  return body.every((op, i) => {
    const addr = at(op, i);
    if (op.opcode === 'ResultRow') return addr > from && addr < to;
    if (op.opcode === 'NullRow') return op.p1 !== cursor;
    if (LOOP_STARTS.has(op.opcode) && op.p1 !== cursor) return addr > from;
    return true;
  });
}
