import { isChartSpec, type ChartOptions, type ChartSpec } from './spec.js';

/** Top-level fields that belong to the whole figure, not to one layer. */
const FIGURE_FIELDS = ['$schema', 'width', 'height', 'config', 'title'] as const;

/**
 * Draws several charts on the same axes: a scatter of the data with a fitted line over it,
 * training and validation curves from two runs, a decision boundary with extra points.
 * The first chart sets the size, the style and the axis titles (later layers take them over
 * so they do not pile up), later single-colour layers get the next colours of the palette, and
 * `options` may override the title and size.
 *
 * Legends come only from charts that colour by a field: several series in one `lineChart`, a
 * `scatterPlot` with `labels`. A single-colour layer (one series, even a named one) gets its
 * palette colour but no legend entry, so put the series that need a legend in one
 * `lineChart`, or say in the title which colour is which.
 *
 * @example
 * layer(scatterPlot(X.map((x, i) => [x, y[i]])), lineChart(fitted, { x: xs }), { title: 'Fit' });
 */
export function layer(...args: (ChartSpec | ChartOptions)[]): ChartSpec {
  const charts = args.filter(isChartSpec);
  const first = charts[0];
  const titles = first ? axisTitles(first) : {};
  const options = (args.length > 0 && !isChartSpec(args[args.length - 1]) ? args[args.length - 1] : {}) as ChartOptions;
  if (charts.length === 0) throw new RangeError('layer: give at least one chart (from lineChart, scatterPlot, ...)');
  const layers = charts.flatMap((chart, i) => {
    const inner: Record<string, unknown> = { ...chart };
    for (const f of FIGURE_FIELDS) delete inner[f];
    // A chart that is itself layered contributes its layers (with its data, if shared).
    const parts = Array.isArray(inner.layer)
      ? (inner.layer as Record<string, unknown>[]).map((l) => ({ ...(inner.data && !l.data ? { data: inner.data } : {}), ...l }))
      : [inner];
    return i === 0 ? parts : parts.map((p) => restyled(p, titles, PALETTE[i % PALETTE.length]));
  });
  const spec: ChartSpec = {
    $schema: first.$schema,
    width: options.width ?? first.width,
    height: options.height ?? first.height,
    config: first.config,
    layer: layers,
  };
  const title = options.title ?? first.title;
  if (title !== undefined) spec.title = title;
  return spec;
}

/** Vega's tableau10, the palette the house style uses for categories. */
const PALETTE = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac'];

type Encoding = Record<string, Record<string, unknown>>;

/** The x and y axis titles of a chart's (first) layer. */
function axisTitles(chart: Record<string, unknown>): { x?: unknown; y?: unknown } {
  const part = Array.isArray(chart.layer) ? (chart.layer as Record<string, unknown>[])[0] : chart;
  const enc = (part?.encoding ?? {}) as Encoding;
  return { x: enc.x?.title, y: enc.y?.title };
}

/** A later layer: the first layer's axis titles, and its own colour if it has only one. */
function restyled(part: Record<string, unknown>, titles: { x?: unknown; y?: unknown }, colour: string): Record<string, unknown> {
  const encoding = { ...((part.encoding ?? {}) as Encoding) };
  for (const ch of ['x', 'y'] as const) if (encoding[ch] && titles[ch] !== undefined) encoding[ch] = { ...encoding[ch], title: titles[ch] };
  let mark = part.mark;
  const markObj = typeof mark === 'string' ? { type: mark } : (mark as Record<string, unknown> | undefined);
  if (markObj && !encoding.color && markObj.color === undefined) mark = { ...markObj, color: colour };
  return { ...part, encoding, mark };
}
