/**
 * The shape every chart builder returns: a plain Vega-Lite specification. It is JSON, so it can
 * be rendered to SVG in Node, sent to a Web Worker, or handed to `vega-embed` in the browser.
 */

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A Vega-Lite specification (kept loose here; `vega-lite` validates it when compiling). */
export interface ChartSpec {
  $schema: string;
  [key: string]: unknown;
}

/** Options shared by every chart builder. */
export interface ChartOptions {
  title?: string;
  /** Plot width in pixels (the data rectangle, not counting axes). */
  width?: number;
  /** Plot height in pixels. */
  height?: number;
  xLabel?: string;
  yLabel?: string;
}

/** Descent's house style: quiet axes, a readable font, a colour-blind-safe palette. */
const config = {
  font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e8e8e8', domainColor: '#888' },
  // Vega-Lite cuts legend labels at 160 px by default; series names in lessons run longer.
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: 320 },
  title: { fontSize: 14, fontWeight: 'normal', anchor: 'start', offset: 10 },
  range: { category: { scheme: 'tableau10' } },
};

/** The top-level fields every chart shares: schema, size, title and config. */
export function baseSpec(options: ChartOptions, defaults: { width?: number; height?: number } = {}): ChartSpec {
  const spec: ChartSpec = {
    $schema: VEGA_LITE_SCHEMA,
    width: options.width ?? defaults.width ?? 420,
    height: options.height ?? defaults.height ?? 260,
    config,
  };
  if (options.title !== undefined) spec.title = options.title;
  return spec;
}

/** True for objects that look like a Vega-Lite spec (what `show` uses to decide to draw). */
export function isChartSpec(x: unknown): x is ChartSpec {
  return typeof x === 'object' && x !== null && typeof (x as { $schema?: unknown }).$schema === 'string'
    && (x as { $schema: string }).$schema.includes('vega-lite');
}

/**
 * A log scale for a quantitative encoding, labelling only 1, 2 and 5 times a power of ten
 * so the labels do not crowd.
 */
export const LOG_AXIS = {
  scale: { type: 'log' },
  axis: { labelExpr: "indexof(['1', '2', '5'], substring(format(datum.value, '.0e'), 0, 1)) >= 0 ? datum.label : ''" },
} as const;

/** A log axis cannot show zero or negative values: say which value and what to do instead. */
export function requirePositive(values: readonly number[], what: string, field: string): void {
  const i = values.findIndex((v) => !(v > 0));
  if (i >= 0) {
    throw new RangeError(`${what} needs positive values, but ${field} #${i} is ${values[i]}; drop or shift the non-positive values, or use a linear axis.`);
  }
}
