/**
 * A scatter plot whose points carry text labels: the usual picture of word embeddings
 * projected to 2-D, where the point is less interesting than which word sits next to which.
 */
import { baseSpec, type ChartOptions, type ChartSpec } from './spec.js';

export interface LabelledPoint {
  x: number;
  y: number;
  /** The text drawn beside the point. */
  label: string;
  /** Optional group: points are coloured by it. */
  group?: string;
}

/**
 * Points at (x, y), each with its label written to its right, coloured by `group` if given.
 *
 * @example
 * labelledScatter([{ x: 0, y: 1, label: 'king' }, { x: 0.2, y: 0.9, label: 'queen' }], { title: 'Words' });
 * // with descent/text: labelledScatter(w2v.project2d(words).map(({ word, x, y }) => ({ x, y, label: word })))
 */
export function labelledScatter(points: readonly LabelledPoint[], options: ChartOptions = {}): ChartSpec {
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) {
      throw new RangeError(`labelledScatter: the point labelled ${JSON.stringify(p.label)} has a non-finite coordinate (${p.x}, ${p.y}).`);
    }
  }
  const grouped = points.some((p) => p.group !== undefined);
  const values = points.map((p) => ({ x: p.x, y: p.y, label: p.label, group: p.group ?? '' }));
  const x = { field: 'x', type: 'quantitative', title: options.xLabel ?? 'component 1', scale: { zero: false } };
  const y = { field: 'y', type: 'quantitative', title: options.yLabel ?? 'component 2', scale: { zero: false } };
  const color = grouped ? { color: { field: 'group', type: 'nominal', title: null } } : {};
  return {
    ...baseSpec(options, { width: 480, height: 360 }),
    data: { values },
    layer: [
      { mark: { type: 'point', filled: true, size: 40, opacity: 0.85 }, encoding: { x, y, ...color } },
      { mark: { type: 'text', align: 'left', dx: 5, fontSize: 10 }, encoding: { x, y, text: { field: 'label', type: 'nominal' }, ...color } },
    ],
  };
}
