import { toNumbers, type Numeric } from './data.js';
import { baseSpec, LOG_AXIS, requirePositive, type ChartOptions, type ChartSpec } from './spec.js';

export interface LineOptions extends ChartOptions {
  /** Shared x values for every series; defaults to 0, 1, 2, ... */
  x?: Numeric;
  /** Log-scale y axis, the usual way to read a loss that falls by orders of magnitude. */
  logY?: boolean;
  /** Log-scale x axis, for sweeps over orders of magnitude (learning rates, regularization strengths). */
  logX?: boolean;
  /** Draw a dot at every point as well as the line. */
  points?: boolean;
}

/** One series, or several keyed by name (`{ train: [...], validation: [...] }`). */
export type LineData = Numeric | Record<string, Numeric>;

function namedSeries(data: LineData): [string, number[]][] {
  const isRecord = typeof data === 'object' && data !== null && !('length' in data) && !('toArray' in data);
  if (!isRecord) return [['y', toNumbers(data as Numeric, 'y')]];
  return Object.entries(data as Record<string, Numeric>).map(([name, ys]) => [name, toNumbers(ys, name)]);
}

/**
 * A line chart of one or more series against a shared x.
 *
 * @example
 * lineChart({ sin: xs.map(Math.sin), cos: xs.map(Math.cos) }, { x: xs, title: 'Waves' });
 */
export function lineChart(data: LineData, options: LineOptions = {}): ChartSpec {
  const series = namedSeries(data);
  const xs = options.x === undefined ? undefined : toNumbers(options.x, 'x');
  const values = series.flatMap(([name, ys]) => {
    if (xs !== undefined && xs.length !== ys.length) {
      throw new RangeError(`Series "${name}" has ${ys.length} values but x has ${xs.length}.`);
    }
    return ys.map((y, i) => ({ x: xs === undefined ? i : xs[i], y, series: name }));
  });
  if (options.logX) requirePositive(values.map((v) => v.x), 'lineChart: logX', 'x');
  if (options.logY) requirePositive(values.map((v) => v.y), 'lineChart: logY', 'y');
  const encoding: Record<string, unknown> = {
    // Without explicit x values the x axis counts steps, so it has no fractional ticks.
    x: {
      field: 'x', type: 'quantitative', title: options.xLabel ?? 'x',
      ...(options.logX ? LOG_AXIS : { axis: xs === undefined ? { tickMinStep: 1 } : {} }),
    },
    y: { field: 'y', type: 'quantitative', title: options.yLabel ?? 'y', ...(options.logY ? LOG_AXIS : { scale: { zero: false } }) },
  };
  if (series.length > 1) encoding.color = { field: 'series', type: 'nominal', title: null, sort: null };
  return {
    ...baseSpec(options),
    data: { values },
    mark: { type: 'line', point: options.points ?? false, strokeWidth: 2 },
    encoding,
  };
}

/**
 * The loss of a training run per step or epoch (one curve, or several such as train and
 * validation), on a log scale by default because losses fall by orders of magnitude.
 *
 * @example
 * lossCurve({ train: history.train, validation: history.val });
 */
export function lossCurve(history: LineData, options: LineOptions = {}): ChartSpec {
  return lineChart(history, {
    title: 'Loss',
    xLabel: 'step',
    yLabel: 'loss',
    logY: true,
    ...options,
  });
}
