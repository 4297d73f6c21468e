import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import type { ChartSpec } from './spec';

/**
 * Renders a Vega-Lite spec to an SVG string with Vega's headless view: no browser and no DOM,
 * so it runs the same in Node, in a Web Worker and in a page. (In a page, `vega-embed` gives
 * the interactive version of the same spec.)
 *
 * @example
 * const svg = await renderSvg(lineChart([3, 1, 0.5]));
 */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const vegaSpec = compile(spec as unknown as TopLevelSpec).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
