import { toMatrix, type NumericMatrix } from './data.js';
import { baseSpec, type ChartOptions, type ChartSpec } from './spec.js';

export interface HeatmapOptions extends ChartOptions {
  /** Names of the columns (left to right) and rows (top to bottom); indices by default. */
  xLabels?: string[];
  yLabels?: string[];
  /** Print each cell's value on it. */
  showValues?: boolean;
  /** A Vega colour scheme name such as 'viridis', 'blues' or 'redblue'. */
  scheme?: string;
  /** d3-format string for printed values. */
  format?: string;
}

/**
 * A heatmap of a matrix: row `i` is drawn top to bottom, column `j` left to right, so it reads
 * like the printed matrix (attention weights, correlations, a weight matrix).
 *
 * @example
 * heatmap([[1, 0.2], [0.2, 1]], { xLabels: ['a', 'b'], yLabels: ['a', 'b'], showValues: true });
 */
export function heatmap(matrix: NumericMatrix, options: HeatmapOptions = {}): ChartSpec {
  const rows = toMatrix(matrix);
  const nCols = rows[0]?.length ?? 0;
  const xLabels = options.xLabels ?? Array.from({ length: nCols }, (_, j) => String(j));
  const yLabels = options.yLabels ?? rows.map((_, i) => String(i));
  if (xLabels.length !== nCols || yLabels.length !== rows.length) {
    throw new RangeError(`Labels do not match the ${rows.length}×${nCols} matrix.`);
  }
  // Cells are placed by index and the axes print the labels, so repeated labels (the two "the"s
  // of a sentence under attention) stay separate rows instead of merging into one.
  const values = rows.flatMap((row, i) => row.map((value, j) => ({ i, j, row: yLabels[i], col: xLabels[j], value })));
  // Cells wide enough for the longest column label, so labels never overlap.
  const cell = Math.max(36, 7 * Math.max(...xLabels.map((l) => l.length)));
  const labelOf = (labels: string[]) => `${JSON.stringify(labels)}[datum.value]`;
  const encoding = {
    x: { field: 'j', type: 'ordinal', title: options.xLabel ?? null, axis: { labelAngle: 0, orient: 'top', labelExpr: labelOf(xLabels) } },
    y: { field: 'i', type: 'ordinal', title: options.yLabel ?? null, axis: { labelExpr: labelOf(yLabels) } },
  };
  const layers: Record<string, unknown>[] = [{
    mark: { type: 'rect' },
    encoding: {
      ...encoding,
      color: { field: 'value', type: 'quantitative', title: null, scale: { scheme: options.scheme ?? 'viridis' } },
    },
  }];
  if (options.showValues) {
    const max = Math.max(...values.map((v) => v.value));
    const min = Math.min(...values.map((v) => v.value));
    const middle = (max + min) / 2;
    // White text on dark cells: perceptual schemes are dark at the low end, 'blues' at the high end.
    const darkAtLow = ['viridis', 'magma', 'inferno', 'plasma', 'cividis'].includes(options.scheme ?? 'viridis');
    layers.push({
      mark: { type: 'text', fontSize: 12 },
      encoding: {
        ...encoding,
        text: { field: 'value', type: 'quantitative', format: options.format ?? '.3~g' },
        color: { condition: { test: `datum.value ${darkAtLow ? '<' : '>'} ${middle}`, value: 'white' }, value: 'black' },
      },
    });
  }
  return {
    ...baseSpec(options, { width: Math.min(480, cell * nCols), height: Math.min(480, cell * rows.length) }),
    data: { values },
    layer: layers,
  };
}

export interface ConfusionMatrixOptions extends ChartOptions {
  /** Names of the classes in index order. */
  classNames?: string[];
}

/**
 * A confusion matrix: rows are the true class, columns the predicted class, with counts printed.
 * `matrix[i][j]` counts samples of true class `i` predicted as class `j` (scikit-learn's layout).
 *
 * @example
 * confusionMatrix([[50, 2], [5, 43]], { classNames: ['negative', 'positive'] });
 */
export function confusionMatrix(matrix: NumericMatrix, options: ConfusionMatrixOptions = {}): ChartSpec {
  const rows = toMatrix(matrix, 'confusion matrix');
  const names = options.classNames ?? rows.map((_, i) => String(i));
  return heatmap(rows, {
    title: 'Confusion matrix',
    xLabel: 'predicted',
    yLabel: 'true',
    ...options,
    xLabels: names,
    yLabels: names,
    showValues: true,
    scheme: 'blues',
    format: 'd',
  });
}
