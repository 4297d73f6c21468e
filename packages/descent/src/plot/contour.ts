import { toMatrix, type NumericMatrix } from './data.js';
import { rectEncoding, sampleGrid } from './grid.js';
import { baseSpec, type ChartOptions, type ChartSpec } from './spec.js';

export interface ContourOptions extends ChartOptions {
  xDomain: [number, number];
  yDomain: [number, number];
  /** Grid cells per axis; `f` is called resolution² times. */
  resolution?: number;
  /** Number of colour bands (filled contour levels). */
  levels?: number;
  /** Optimizer iterates `[[x0, y0], [x1, y1], ...]`, drawn as a path from start to end. */
  path?: NumericMatrix;
  /** Several named paths, e.g. one per optimizer or learning rate. */
  paths?: Record<string, NumericMatrix>;
}

/**
 * A loss surface `f(x, y)` as filled contour bands, with optional optimizer paths on top.
 *
 * The bands are quantiles of the sampled values, so each band covers the same share of the plot:
 * a bowl with a steep rim still shows rings near its minimum, where the optimizer spends its time.
 *
 * @example
 * const f = (x: number, y: number) => x * x + 10 * y * y;
 * contourPlot(f, { xDomain: [-3, 3], yDomain: [-2, 2], path: [[-2.5, 1.5], [-1, 0.2], [0, 0]] });
 */
export function contourPlot(f: (x: number, y: number) => number, options: ContourOptions): ChartSpec {
  const { xDomain, yDomain } = options;
  const levels = options.levels ?? 10;
  const cells = sampleGrid(f, xDomain, yDomain, options.resolution ?? 60, 0.2);
  const xTitle = options.xLabel ?? 'x';
  const yTitle = options.yLabel ?? 'y';
  const surface = {
    data: { values: cells },
    // Thousands of grid cells: skip per-item accessibility labels to keep the SVG small.
    mark: { type: 'rect', aria: false, clip: true },
    encoding: {
      ...rectEncoding(xTitle, yTitle, xDomain, yDomain),
      color: {
        field: 'value', type: 'quantitative', title: options.yLabel === undefined ? 'f' : null,
        scale: { type: 'quantile', scheme: { name: 'blues', count: levels }, reverse: true },
        legend: null,
      },
    },
  };
  const paths: [string, NumericMatrix][] = Object.entries(options.paths ?? {});
  if (options.path !== undefined) paths.unshift(['path', options.path]);
  const steps = paths.flatMap(([name, p]) =>
    toMatrix(p, `path "${name}"`).map(([x, y], step) => ({ px: x, py: y, step, path: name })));
  const position = {
    x: { field: 'px', type: 'quantitative' },
    y: { field: 'py', type: 'quantitative' },
  };
  // Warm, saturated colours that stand out against the blue surface.
  const pathColor = paths.length > 1
    ? { field: 'path', type: 'nominal', title: null, scale: { range: ['#e4572e', '#ffb000', '#222222', '#d61f9c', '#2ca02c'] } }
    : { value: '#e4572e' };
  const layers: Record<string, unknown>[] = [surface];
  if (steps.length > 0) {
    // Clip so a diverging optimizer leaves the plot instead of stretching its axes.
    layers.push({
      data: { values: steps },
      mark: { type: 'line', strokeWidth: 2, clip: true },
      encoding: { ...position, order: { field: 'step' }, detail: { field: 'path' }, color: pathColor },
    });
    layers.push({
      data: { values: steps },
      mark: { type: 'point', filled: true, size: 18, clip: true },
      encoding: { ...position, color: { ...pathColor, legend: null } },
    });
  }
  return { ...baseSpec(options, { width: 360, height: 300 }), layer: layers, resolve: { scale: { color: 'independent' } } };
}
