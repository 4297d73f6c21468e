/** Writing a run's figures to disk as SVG and PNG (PNG through resvg, no browser needed). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { CellResult } from '../notebook/results';

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
}

/** Rasterizes an SVG at twice its size, so figures stay sharp on high-density screens. */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

export interface WrittenFigure {
  cell: number;
  svg: string;
  png?: string;
}

/**
 * Writes every chart of `cells` under `dir` as `cell-NN-K.svg` (or `cell-NN-label.svg` when
 * the chart was shown with a label) and, unless `png` is false, a PNG beside it.
 */
export function writeFigures(cells: CellResult[], dir: string, options: { png?: boolean } = {}): WrittenFigure[] {
  mkdirSync(dir, { recursive: true });
  const written: WrittenFigure[] = [];
  for (const cell of cells) {
    let k = 0;
    for (const output of cell.outputs) {
      if (output.kind !== 'chart') continue;
      k++;
      const name = `cell-${String(cell.cell).padStart(2, '0')}-${output.label ? slug(output.label) : k}`;
      const figure: WrittenFigure = { cell: cell.cell, svg: join(dir, `${name}.svg`) };
      writeFileSync(figure.svg, output.svg);
      if (options.png !== false) {
        figure.png = join(dir, `${name}.png`);
        writeFileSync(figure.png, svgToPng(output.svg));
      }
      written.push(figure);
    }
  }
  return written;
}
