/**
 * Splitting a table of unknown joint amounts whose row and column totals are
 * known exactly (a transportation problem): which functional code's basic
 * spending went to which economic code. Rows and columns with equal totals
 * are paired first (one functional code, one economic code: 2080505 ↔ 30108
 * when both are 6.18), then the rest is filled by the northwest-corner rule,
 * in the order given.
 *
 * @module
 */

/** One cell of a split. */
export interface TransportCell<R, C> {
  readonly row: R;
  readonly column: C;
  readonly amountFen: number;
}

/**
 * Splits row totals over column totals.
 *
 * @param rows - row keys and totals (fen, positive), in order
 * @param columns - column keys and totals (fen, positive), in order; their sum equals the rows'
 * @returns the non-zero cells, row by row
 * @throws Error when the totals differ (a programmer error: calibration makes them equal)
 */
export function transport<R, C>(rows: readonly (readonly [R, number])[], columns: readonly (readonly [C, number])[]): TransportCell<R, C>[] {
  const rowTotal = rows.reduce((sum, [, amount]) => sum + amount, 0);
  const columnTotal = columns.reduce((sum, [, amount]) => sum + amount, 0);
  if (rowTotal !== columnTotal) throw new Error(`transport: rows sum to ${rowTotal} fen, columns to ${columnTotal}`);
  const rowLeft = rows.map(([, amount]) => amount);
  const columnLeft = columns.map(([, amount]) => amount);
  const cells: TransportCell<R, C>[] = [];
  // Exact pairs: a row and a column of the same total, each used once, in order.
  const used = new Set<number>();
  rows.forEach(([row, amount], i) => {
    if (amount <= 0) return;
    const j = columns.findIndex(([, total], index) => total === amount && !used.has(index));
    if (j < 0) return;
    const column = columns[j];
    if (column === undefined) return;
    used.add(j);
    cells.push({ row, column: column[0], amountFen: amount });
    rowLeft[i] = 0;
    columnLeft[j] = 0;
  });
  let i = 0;
  let j = 0;
  while (i < rows.length && j < columns.length) {
    const r = rowLeft[i] ?? 0;
    const c = columnLeft[j] ?? 0;
    if (r <= 0) {
      i++;
      continue;
    }
    if (c <= 0) {
      j++;
      continue;
    }
    const take = Math.min(r, c);
    cells.push({ row: (rows[i] as readonly [R, number])[0], column: (columns[j] as readonly [C, number])[0], amountFen: take });
    rowLeft[i] = r - take;
    columnLeft[j] = c - take;
  }
  return cells;
}
