import { describe, expect, it } from 'vitest';
import { isChartSpec, labelledScatter, renderSvg } from '../../src/plot/index';

describe('labelledScatter', () => {
  it('draws a point and a text label per item, coloured by group, and renders to SVG', async () => {
    const spec = labelledScatter([
      { x: 0, y: 1, label: 'loan', group: 'money' },
      { x: 0.2, y: 0.8, label: 'mortgage', group: 'money' },
      { x: -1, y: -0.5, label: 'linux', group: 'computing' },
    ], { title: 'Words' });
    expect(isChartSpec(spec)).toBe(true);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    const layers = (spec as unknown as { layer: { mark: { type: string }; encoding: Record<string, unknown> }[] }).layer;
    expect(layers.map((l) => l.mark.type)).toEqual(['point', 'text']);
    expect(layers[0].encoding.color).toBeDefined();
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('>mortgage<');
  });

  it('leaves points uncoloured without groups, and names a non-finite point', () => {
    const spec = labelledScatter([{ x: 0, y: 0, label: 'a' }, { x: 1, y: 1, label: 'b' }]);
    const layers = (spec as unknown as { layer: { encoding: Record<string, unknown> }[] }).layer;
    expect(layers[0].encoding.color).toBeUndefined();
    expect(() => labelledScatter([{ x: NaN, y: 0, label: 'bad' }])).toThrow(/labelledScatter: the point labelled "bad" has a non-finite coordinate/);
  });
});
