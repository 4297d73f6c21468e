/**
 * `descent/plot`: ML-shaped chart builders that return Vega-Lite specs, and a headless SVG
 * renderer. One spec, two renderings: static SVG/PNG from Node, interactive with `vega-embed`.
 *
 * @example
 * import { lossCurve, renderSvg } from 'descent/plot';
 * const svg = await renderSvg(lossCurve({ train: [2.3, 1.1, 0.6], validation: [2.4, 1.3, 0.9] }));
 */
export { toNumbers, toMatrix, toLabels, linspace, type Numeric, type NumericMatrix, type Labels } from './data.js';
export { VEGA_LITE_SCHEMA, isChartSpec, type ChartSpec, type ChartOptions } from './spec.js';
export { lineChart, lossCurve, type LineOptions, type LineData } from './line.js';
export { scatterPlot, type ScatterOptions } from './scatter.js';
export { histogram, type HistogramOptions } from './histogram.js';
export { heatmap, confusionMatrix, type HeatmapOptions, type ConfusionMatrixOptions } from './heatmap.js';
export { decisionBoundary, type DecisionBoundaryOptions } from './decision-boundary.js';
export { contourPlot, type ContourOptions } from './contour.js';
export { barChart, type BarOptions } from './bar.js';
export { imageGrid, type ImageGridOptions } from './image-grid.js';
export { frameStrip, frameAnimation, type FrameStripOptions, type FrameAnimationOptions } from './frame-strip.js';
export { dendrogram, type DendrogramLayout, type DendrogramOptions } from './dendrogram.js';
export { layer } from './layer.js';
export { labelledScatter, type LabelledPoint } from './labelled-scatter.js';
export { renderSvg } from './render.js';
export { treeDiagram, type TreeDiagramData, type TreeDiagramOptions } from './tree-diagram.js';
