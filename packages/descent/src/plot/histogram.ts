import { toNumbers, type Numeric } from './data.js';
import { baseSpec, type ChartOptions, type ChartSpec } from './spec.js';

export interface HistogramOptions extends ChartOptions {
  /** The most bins to use; Vega-Lite picks "nice" bin edges up to this count. */
  bins?: number;
}

/**
 * A histogram of one sample, or overlaid histograms of several named samples.
 *
 * @example
 * histogram({ before: weightsBefore, after: weightsAfter }, { bins: 30 });
 */
export function histogram(data: Numeric | Record<string, Numeric>, options: HistogramOptions = {}): ChartSpec {
  const isRecord = typeof data === 'object' && data !== null && !('length' in data) && !('toArray' in data);
  const groups: [string, number[]][] = isRecord
    ? Object.entries(data as Record<string, Numeric>).map(([name, v]) => [name, toNumbers(v, name)])
    : [['value', toNumbers(data as Numeric)]];
  const values = groups.flatMap(([group, vs]) => vs.map((value) => ({ value, group })));
  const encoding: Record<string, unknown> = {
    x: { field: 'value', type: 'quantitative', bin: { maxbins: options.bins ?? 20 }, title: options.xLabel ?? 'value' },
    y: { aggregate: 'count', type: 'quantitative', title: options.yLabel ?? 'count', stack: null },
  };
  // sort: null keeps the series in the order given (not alphabetical: 'layer 10' after 'layer 9').
  if (groups.length > 1) encoding.color = { field: 'group', type: 'nominal', title: null, sort: null };
  return {
    ...baseSpec(options),
    data: { values },
    mark: { type: 'bar', opacity: groups.length > 1 ? 0.55 : 0.9, binSpacing: 1 },
    encoding,
  };
}
