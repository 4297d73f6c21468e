/**
 * `descent/plot`: ML-shaped chart builders that return Vega-Lite specs, and a headless SVG
 * renderer. One spec, two renderings: static SVG/PNG from Node, interactive with `vega-embed`.
 *
 * @example
 * import { lossCurve, renderSvg } from 'descent/plot';
 * const svg = await renderSvg(lossCurve({ train: [2.3, 1.1, 0.6], validation: [2.4, 1.3, 0.9] }));
 */
export { toNumbers, toMatrix, toLabels, linspace, type Numeric, type NumericMatrix, type Labels } from './data';
export { VEGA_LITE_SCHEMA, isChartSpec, type ChartSpec, type ChartOptions } from './spec';
export { lineChart, lossCurve, type LineOptions, type LineData } from './line';
export { scatterPlot, type ScatterOptions } from './scatter';
export { histogram, type HistogramOptions } from './histogram';
export { heatmap, confusionMatrix, type HeatmapOptions, type ConfusionMatrixOptions } from './heatmap';
export { decisionBoundary, type DecisionBoundaryOptions } from './decision-boundary';
export { contourPlot, type ContourOptions } from './contour';
export { barChart, type BarOptions } from './bar';
export { imageGrid, type ImageGridOptions } from './image-grid';
export { dendrogram, type DendrogramLayout, type DendrogramOptions } from './dendrogram';
export { layer } from './layer';
export { renderSvg } from './render';
export { treeDiagram, type TreeDiagramData, type TreeDiagramOptions } from './tree-diagram';
