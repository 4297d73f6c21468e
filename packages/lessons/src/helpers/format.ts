/**
 * Text for the values a cell shows: numbers rounded for reading, arrays and matrices laid out
 * in rows, tensors with their shape, objects one level deep. Browser-safe (no `util.inspect`).
 */

const MAX_ITEMS = 12;
const MAX_ROWS = 10;

/** A number as a reader wants it: integers exact, others to 4 significant digits. */
export function formatNumber(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e6)) return x.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(4)));
}

function isTensorLike(x: object): x is { shape: ArrayLike<number>; toArray(): unknown } {
  const t = x as { shape?: unknown; toArray?: unknown };
  return typeof t.toArray === 'function' && typeof t.shape === 'object' && t.shape !== null;
}

function isNumberRow(x: unknown): x is ArrayLike<number> {
  return (Array.isArray(x) || ArrayBuffer.isView(x)) && Array.from(x as ArrayLike<unknown>).every((v) => typeof v === 'number');
}

/** `[1, 2.5, …, 9]`: long rows keep their first and last items. */
function formatRow(row: ArrayLike<number>): string[] {
  const items = Array.from(row, formatNumber);
  if (items.length > MAX_ITEMS) items.splice(MAX_ITEMS - 2, items.length - MAX_ITEMS + 1, '…');
  return items;
}

/** A matrix with its columns aligned, one row per line. */
function formatMatrix(rows: ArrayLike<number>[]): string {
  let cells = rows.map(formatRow);
  if (cells.length > MAX_ROWS) cells = [...cells.slice(0, MAX_ROWS - 2), cells[0].map(() => '⋮'), cells[cells.length - 1]];
  const widths = cells[0].map((_, j) => Math.max(...cells.map((r) => (r[j] ?? '').length)));
  const lines = cells.map((r) => ` [${r.map((c, j) => c.padStart(widths[j])).join(', ')}]`);
  lines[0] = `[${lines[0].slice(1)}`;
  return `${lines.join(',\n')}]`;
}

/**
 * Formats any value for display.
 *
 * @example
 * formatValue([[1, 2], [3, 4.5]]); // '[[1,   2],\n [3, 4.5]]'
 */
export function formatValue(x: unknown, depth = 0): string {
  if (typeof x === 'number') return formatNumber(x);
  if (typeof x === 'string') return depth === 0 ? x : JSON.stringify(x);
  if (typeof x === 'bigint') return `${x}n`;
  if (x === null || x === undefined || typeof x === 'boolean' || typeof x === 'symbol') return String(x);
  if (typeof x === 'function') return `[Function ${x.name || 'anonymous'}]`;
  if (isTensorLike(x)) {
    const shape = Array.from(x.shape);
    return `Tensor shape=[${shape.join(', ')}]\n${formatValue(x.toArray(), depth + 1)}`;
  }
  if (isNumberRow(x)) return `[${formatRow(x).join(', ')}]`;
  if (Array.isArray(x)) {
    if (x.length > 0 && x.every(isNumberRow) && x.every((r) => r.length === x[0].length)) return formatMatrix(x);
    if (depth > 2) return `[Array(${x.length})]`;
    const items = x.slice(0, MAX_ITEMS).map((v) => formatValue(v, depth + 1));
    if (x.length > MAX_ITEMS) items.push(`… ${x.length - MAX_ITEMS} more`);
    return `[${items.join(', ')}]`;
  }
  if (x instanceof Map) return `Map(${x.size}) ${formatValue(Object.fromEntries(x), depth)}`;
  if (x instanceof Set) return `Set(${x.size}) ${formatValue([...x], depth)}`;
  if (x instanceof Error) return `${x.name}: ${x.message}`;
  if (depth > 2) return '{…}';
  const entries = Object.entries(x as Record<string, unknown>);
  const ctor = (x as object).constructor?.name;
  const prefix = ctor && ctor !== 'Object' ? `${ctor} ` : '';
  return `${prefix}{ ${entries.map(([k, v]) => `${k}: ${formatValue(v, depth + 1)}`).join(', ')} }`;
}

/** Formats one table cell: numbers rounded, everything else as text. */
export function formatCell(x: unknown): string {
  if (typeof x === 'number') return formatNumber(x);
  if (typeof x === 'string') return x;   // as written: no quotes, no escaped \" inside
  return formatValue(x, 1);
}
