import { toLabels, toMatrix, type Labels, type NumericMatrix } from './data.js';
import { baseSpec, type ChartOptions, type ChartSpec } from './spec.js';

export interface ScatterOptions extends ChartOptions {
  /** One class label per point; points are coloured and shaped by class. */
  labels?: Labels;
  /** Names for integer class labels: label `i` is shown as `classNames[i]`. */
  classNames?: string[];
  /** Point size in square pixels. */
  size?: number;
}

/** Rows `[x0, x1]` of `X` plus an optional class per row, as Vega-Lite data values. */
export function pointValues(X: NumericMatrix, labels?: Labels, classNames?: string[]): Record<string, unknown>[] {
  const rows = toMatrix(X, 'X');
  if (rows.length > 0 && rows[0].length < 2) throw new RangeError('X must have at least two columns.');
  const classes = labels === undefined ? undefined : toLabels(labels);
  if (classes !== undefined && classes.length !== rows.length) {
    throw new RangeError(`labels has ${classes.length} entries but X has ${rows.length} rows.`);
  }
  return rows.map((row, i) => {
    const point: Record<string, unknown> = { x0: row[0], x1: row[1] };
    if (classes !== undefined) point.class = classNames?.[Number(classes[i])] ?? classes[i];
    return point;
  });
}

/** The point layer shared by the scatter plot and the decision boundary. */
export function pointLayer(values: Record<string, unknown>[], options: ScatterOptions): Record<string, unknown> {
  const encoding: Record<string, unknown> = {
    x: { field: 'x0', type: 'quantitative', title: options.xLabel ?? 'x₀', scale: { zero: false } },
    y: { field: 'x1', type: 'quantitative', title: options.yLabel ?? 'x₁', scale: { zero: false } },
  };
  if (options.labels !== undefined) {
    encoding.color = { field: 'class', type: 'nominal', title: 'class' };
    encoding.shape = { field: 'class', type: 'nominal', title: 'class' };
  }
  return {
    data: { values },
    mark: { type: 'point', filled: true, size: options.size ?? 40, opacity: 0.85, stroke: 'white', strokeWidth: 0.5 },
    encoding,
  };
}

/**
 * A scatter plot of the first two columns of `X`, coloured by class when `labels` is given.
 *
 * @example
 * scatterPlot([[0, 1], [1, 0], [2, 2]], { labels: [0, 1, 1], classNames: ['cat', 'dog'] });
 */
export function scatterPlot(X: NumericMatrix, options: ScatterOptions = {}): ChartSpec {
  const values = pointValues(X, options.labels, options.classNames);
  return { ...baseSpec(options, { width: 360, height: 300 }), ...pointLayer(values, options) };
}
