import { toMatrix, type Labels, type NumericMatrix } from './data.js';
import { paddedDomain, rectEncoding, sampleGrid } from './grid.js';
import { pointLayer, pointValues } from './scatter.js';
import { baseSpec, type ChartOptions, type ChartSpec } from './spec.js';

export interface DecisionBoundaryOptions extends ChartOptions {
  /** Names for integer class labels. */
  classNames?: string[];
  /** Grid cells per axis; the classifier is called resolution² times. */
  resolution?: number;
  /** Axis ranges; by default the data's range plus 10% on each side. */
  xDomain?: [number, number];
  yDomain?: [number, number];
}

/**
 * The regions a 2-D classifier assigns to each class, shaded, with the labelled data on top.
 * `predict(x0, x1)` returns the class of one point.
 *
 * @example
 * decisionBoundary((a, b) => (a + b > 1 ? 1 : 0), X, y, { classNames: ['no', 'yes'] });
 */
export function decisionBoundary(
  predict: (x0: number, x1: number) => number | string,
  X: NumericMatrix,
  labels: Labels,
  options: DecisionBoundaryOptions = {},
): ChartSpec {
  const rows = toMatrix(X, 'X');
  const xDomain = options.xDomain ?? paddedDomain(rows.map((r) => r[0]), 0.1);
  const yDomain = options.yDomain ?? paddedDomain(rows.map((r) => r[1]), 0.1);
  const names = options.classNames;
  const cells = sampleGrid((a, b) => {
    const c = predict(a, b);
    return names?.[Number(c)] ?? String(c);
  }, xDomain, yDomain, options.resolution ?? 60);
  const xTitle = options.xLabel ?? 'x₀';
  const yTitle = options.yLabel ?? 'x₁';
  // Regions and points share the `class` field, so they share one colour scale and one legend.
  const regions = {
    data: { values: cells.map(({ value, ...rect }) => ({ ...rect, class: value })) },
    mark: { type: 'rect', opacity: 0.28, aria: false, clip: true },
    encoding: {
      ...rectEncoding(xTitle, yTitle, xDomain, yDomain),
      color: { field: 'class', type: 'nominal', title: 'class' },
    },
  };
  const points = pointLayer(pointValues(rows, labels, names), { ...options, labels });
  return { ...baseSpec(options, { width: 360, height: 300 }), layer: [regions, points] };
}
