import { baseSpec, type ChartOptions, type ChartSpec } from './spec.js';

/** A dendrogram's layout, as `dendrogramData` in `descent/learn` (and SciPy's `dendrogram`) gives it. */
export interface DendrogramLayout {
  /** Sample indices left to right. */
  leaves: readonly number[];
  /** x of each link's four corners (leaves at 5, 15, 25, …). */
  icoord: readonly (readonly number[])[];
  /** Heights of each link's four corners. */
  dcoord: readonly (readonly number[])[];
}

export interface DendrogramOptions extends ChartOptions {
  /** Names for the samples (by sample index), shown under the leaves; defaults to the indices. */
  labels?: readonly string[];
  /** Draw a dashed horizontal line at this height (where a distance threshold cuts the tree). */
  cutAt?: number;
}

/**
 * A dendrogram: each merge of a hierarchical clustering drawn as a ⊓ whose top is the
 * merge's height, leaves along the bottom in the layout's order.
 *
 * @example
 * const agg = new AgglomerativeClustering({ nClusters: null, distanceThreshold: 10 }).fit(X);
 * dendrogram(dendrogramData(agg.children_, agg.distances_), { cutAt: 10 });
 */
export function dendrogram(layout: DendrogramLayout, options: DendrogramOptions = {}): ChartSpec {
  if (layout.icoord.length !== layout.dcoord.length) {
    throw new RangeError(`dendrogram: icoord has ${layout.icoord.length} links but dcoord has ${layout.dcoord.length}; pass the object dendrogramData returns.`);
  }
  // Each ⊓ is three segments: up the left child, across, down to the right child.
  const segments = layout.icoord.flatMap((xs, i) => {
    const ys = layout.dcoord[i];
    return [0, 1, 2].map((s) => ({ x: xs[s], y: ys[s], x2: xs[s + 1], y2: ys[s + 1] }));
  });
  const leafAxis = layout.leaves.map((leaf, i) => ({ x: 10 * i + 5, label: options.labels?.[leaf] ?? String(leaf) }));
  const layers: Record<string, unknown>[] = [
    {
      data: { values: segments },
      mark: { type: 'rule', strokeWidth: 1.5 },
      encoding: {
        x: { field: 'x', type: 'quantitative', axis: null, scale: { domain: [0, 10 * layout.leaves.length] } },
        x2: { field: 'x2' },
        y: { field: 'y', type: 'quantitative', title: options.yLabel ?? 'merge distance' },
        y2: { field: 'y2' },
      },
    },
  ];
  if (layout.leaves.length <= 60) {
    layers.push({
      data: { values: leafAxis },
      mark: { type: 'text', baseline: 'top', dy: 4, fontSize: 9 },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { datum: 0 }, text: { field: 'label' } },
    });
  }
  if (options.cutAt !== undefined) {
    layers.push({ mark: { type: 'rule', strokeDash: [4, 4], color: 'firebrick' }, encoding: { y: { datum: options.cutAt } } });
  }
  return { ...baseSpec({ title: 'Dendrogram', ...options }), layer: layers } as ChartSpec;
}
