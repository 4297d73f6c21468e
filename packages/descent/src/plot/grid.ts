import { linspace } from './data.js';

/** One rectangle of a sampled 2-D function: its corners and the function value at its centre. */
export interface GridCell {
  x: number;
  x2: number;
  y: number;
  y2: number;
  value: number | string;
}

/**
 * Samples `f` at the centres of a `resolution × resolution` grid covering the two domains,
 * returning rectangles ready for a Vega-Lite `rect` mark with `x`/`x2`/`y`/`y2` encodings.
 * `overlap` widens each rectangle by that fraction of a cell (only for opaque marks).
 */
export function sampleGrid(
  f: (x0: number, x1: number) => number | string,
  xDomain: [number, number],
  yDomain: [number, number],
  resolution: number,
  overlap = 0,
): GridCell[] {
  const xs = linspace(xDomain[0], xDomain[1], resolution + 1);
  const ys = linspace(yDomain[0], yDomain[1], resolution + 1);
  const cells: GridCell[] = [];
  for (let i = 0; i < resolution; i++) {
    for (let j = 0; j < resolution; j++) {
      const cx = (xs[j] + xs[j + 1]) / 2;
      const cy = (ys[i] + ys[i + 1]) / 2;
      // Opaque cells may overlap their neighbours by a fraction of a cell, so anti-aliased edges
      // do not leave pale seams between them (the marks are clipped to the plot).
      const x2 = xs[j + 1] + (xs[j + 1] - xs[j]) * overlap;
      const y2 = ys[i + 1] + (ys[i + 1] - ys[i]) * overlap;
      cells.push({ x: xs[j], x2, y: ys[i], y2, value: f(cx, cy) });
    }
  }
  return cells;
}

/** The range of `values` widened by `fraction` of its span on both sides. */
export function paddedDomain(values: number[], fraction: number): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo || 1) * fraction;
  return [lo - pad, hi + pad];
}

/** Vega-Lite encodings that place a grid cell's rectangle on quantitative axes. */
export function rectEncoding(xTitle: string, yTitle: string, xDomain: [number, number], yDomain: [number, number]) {
  return {
    x: { field: 'x', type: 'quantitative', title: xTitle, scale: { domain: xDomain, nice: false, zero: false } },
    x2: { field: 'x2' },
    y: { field: 'y', type: 'quantitative', title: yTitle, scale: { domain: yDomain, nice: false, zero: false } },
    y2: { field: 'y2' },
  };
}
