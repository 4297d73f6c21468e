import { describe, expect, it } from 'vitest';
import { AgglomerativeClustering, dendrogramData } from '../../src/learn/index.js';
import { dendrogram, isChartSpec, renderSvg } from '../../src/plot/index';

describe('dendrogram', () => {
  it('draws three rules per merge, leaf labels and a cut line', async () => {
    const X = [[0], [1], [10], [12], [30]];
    const agg = new AgglomerativeClustering({ nClusters: null, distanceThreshold: 5, linkage: 'single' }).fit(X);
    const spec = dendrogram(dendrogramData(agg.children_, agg.distances_), { cutAt: 5, labels: ['a', 'b', 'c', 'd', 'e'] });
    expect(isChartSpec(spec)).toBe(true);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    const layers = (spec as unknown as { layer: { data?: { values: unknown[] } }[] }).layer;
    expect(layers[0].data!.values).toHaveLength(3 * 4);
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('>e<');
  });

  it('names the mismatch when icoord and dcoord differ in length', () => {
    expect(() => dendrogram({ leaves: [0, 1], icoord: [[5, 5, 15, 15]], dcoord: [] })).toThrow(/icoord has 1 links but dcoord has 0/);
  });
});
