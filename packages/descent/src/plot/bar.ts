import { toLabels, toNumbers, type Labels, type Numeric } from './data.js';
import { baseSpec, LOG_AXIS, requirePositive, type ChartOptions, type ChartSpec } from './spec.js';

export interface BarOptions extends ChartOptions {
  /** Lay bars out horizontally, which reads better with long category names. */
  horizontal?: boolean;
  /** Print each bar's value at its end. */
  showValues?: boolean;
  /** Log-scale value axis, for values that span orders of magnitude (timings, counts). */
  logScale?: boolean;
}

/**
 * A bar chart of one value per category, from a record or from parallel labels and values.
 *
 * @example
 * barChart({ loop: 812, vectorized: 14 }, { yLabel: 'ms' });
 * barChart(['a', 'b'], [3, 5]);
 */
export function barChart(data: Record<string, number> | Labels, valuesOrOptions?: Numeric | BarOptions, maybeOptions: BarOptions = {}): ChartSpec {
  let labels: string[];
  let heights: number[];
  let options: BarOptions;
  const isRecord = typeof data === 'object' && data !== null && !('length' in data) && !('toArray' in data);
  if (isRecord) {
    labels = Object.keys(data);
    heights = Object.values(data as Record<string, number>);
    options = (valuesOrOptions as BarOptions | undefined) ?? {};
  } else {
    labels = toLabels(data as Labels);
    heights = toNumbers(valuesOrOptions as Numeric);
    options = maybeOptions;
  }
  if (labels.length !== heights.length) {
    throw new RangeError(`barChart got ${labels.length} labels but ${heights.length} values.`);
  }
  if (options.logScale) requirePositive(heights, 'barChart: logScale', 'value');
  const values = labels.map((category, i) => ({ category, value: heights[i] }));
  // xLabel and yLabel title the axes as drawn: with horizontal bars the categories run down the y axis.
  const [categoryTitle, valueTitle] = options.horizontal ? [options.yLabel, options.xLabel] : [options.xLabel, options.yLabel];
  const category = { field: 'category', type: 'nominal', sort: null, title: categoryTitle ?? null };
  // A log axis has no zero for bars to grow from: they start at the power of ten below the smallest value.
  const base = options.logScale ? 10 ** Math.floor(Math.log10(Math.min(...heights))) : undefined;
  const value = {
    field: 'value', type: 'quantitative', title: valueTitle ?? 'value',
    ...(base === undefined ? {} : { ...LOG_AXIS, scale: { ...LOG_AXIS.scale, domainMin: base } }),
  };
  // Upright category labels need room: each bar gets at least its longest label's width (about
  // 7 px a character at the default font); when that would pass 720 px, labels slant instead.
  const longest = Math.max(0, ...labels.map((l) => l.length));
  const upright = Math.max(48, 7 * longest + 10);
  const slanted = !options.horizontal && upright * labels.length > 720;
  const barWidth = slanted ? 48 : upright;
  const encoding = options.horizontal ? { y: category, x: value } : { x: { ...category, axis: { labelAngle: slanted ? -40 : 0 } }, y: value };
  const barBase = base === undefined ? {} : { [options.horizontal ? 'x2' : 'y2']: { datum: base } };
  const bars = { mark: { type: 'bar', color: '#4c78a8' }, encoding: { ...encoding, ...barBase } };
  const layers: Record<string, unknown>[] = [bars];
  if (options.showValues) {
    const align = options.horizontal ? { align: 'left', dx: 3 } : { baseline: 'bottom', dy: -2 };
    layers.push({ mark: { type: 'text', fontSize: 11, ...align }, encoding: { ...encoding, text: { field: 'value', format: '.3~g' } } });
  }
  return { ...baseSpec(options, { width: options.horizontal ? 360 : Math.max(160, barWidth * labels.length) }), data: { values }, layer: layers };
}
