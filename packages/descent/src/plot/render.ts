import type { ChartSpec } from './spec.js';

type VegaLite = typeof import('vega-lite');
type Vega = typeof import('vega');

/**
 * Vega and Vega-Lite are optional peer dependencies: only rendering to SVG needs them (the
 * chart builders only write JSON specs), so they load on first use and a project that never
 * renders does not install 31 MB of them. The module names are held in variables so that a
 * bundler (esbuild, Vite, webpack) does not try to resolve them at build time: a browser
 * page draws the same spec with vega-embed instead, and a bundle without Vega still builds.
 */
const VEGA = ['vega-lite', 'vega'] as const;

async function loadVega(): Promise<[VegaLite, Vega]> {
  try {
    const [vegaLite, vega] = await Promise.all(VEGA.map((name) => import(/* @vite-ignore */ /* webpackIgnore: true */ name) as Promise<unknown>));
    return [vegaLite as VegaLite, vega as Vega];
  } catch (e) {
    throw new Error('renderSvg needs the optional peer dependencies vega and vega-lite, which are not installed. ' +
      `Install them with \`npm install vega vega-lite\` (the chart builders work without them). (${(e as Error).message})`, { cause: e });
  }
}

/**
 * Renders a Vega-Lite spec to an SVG string with Vega's headless view: no browser and no DOM,
 * so it runs the same in Node, in a Web Worker and in a page. (In a page, `vega-embed` gives
 * the interactive version of the same spec.)
 *
 * @example
 * const svg = await renderSvg(lineChart([3, 1, 0.5]));
 */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const [{ compile }, { parse, View }] = await loadVega();
  const vegaSpec = compile(spec as unknown as Parameters<VegaLite['compile']>[0]).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
