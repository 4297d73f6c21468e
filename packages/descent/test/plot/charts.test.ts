import { describe, expect, it } from 'vitest';
import {
  barChart, confusionMatrix, contourPlot, decisionBoundary, heatmap, histogram, imageGrid,
  isChartSpec, layer, lineChart, lossCurve, renderSvg, scatterPlot, type ChartSpec,
} from '../../src/plot/index';

/** The mark types (line, symbol, rect, text, ...) Vega drew, one entry per mark group. */
function markGroups(svg: string): string[] {
  return [...svg.matchAll(/class="mark-(\w+) role-mark/g)].map((m) => m[1]);
}

/** How many items (rectangles, points, ...) Vega drew in all mark groups of one type. */
function countItems(svg: string, type: string): number {
  const groups = svg.split(`class="mark-${type} role-mark`).slice(1);
  return groups.reduce((n, g) => n + (g.slice(0, g.indexOf('</g>')).match(/<path /g) ?? []).length, 0);
}

async function render(spec: ChartSpec): Promise<string> {
  expect(isChartSpec(spec)).toBe(true);
  // Specs are JSON: they must survive a round trip to a Web Worker or a file unchanged.
  expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  const svg = await renderSvg(spec);
  expect(svg.startsWith('<svg')).toBe(true);
  return svg;
}

/** A tensor stand-in: the builders only rely on `toArray()`. */
const fakeTensor = (data: unknown) => ({ toArray: () => data });

const X = [[0, 0], [1, 0.2], [0.1, 1], [1, 1], [0.5, 0.4], [0.8, 0.9]];
const y = [0, 1, 0, 1, 0, 1];

describe('descent/plot chart builders render to SVG', () => {
  it('lineChart draws one line per series, against a shared x', async () => {
    const svg = await render(lineChart({ sin: [0, 1, 0], cos: [1, 0, -1] }, { x: [0, 1.5, 3], title: 'Waves' }));
    expect(markGroups(svg)).toContain('line');
    expect((svg.match(/aria-roledescription="line mark"/g) ?? []).length).toBe(2);
    expect(svg).toContain('Waves');
  });

  it('lossCurve accepts a tensor and uses a log axis', async () => {
    const spec = lossCurve(fakeTensor([2.3, 1.2, 0.4, 0.1]));
    expect(JSON.stringify(spec)).toContain('"type":"log"');
    expect(markGroups(await render(spec))).toContain('line');
  });

  it('lineChart can put x on a log scale, and refuses values a log axis cannot show', async () => {
    const lrs = [1e-4, 1e-3, 1e-2, 1e-1, 1];
    const spec = lineChart([3, 2.5, 2.2, 2.4, 5], { x: lrs, logX: true });
    expect((spec.encoding as { x: { scale: { type: string } } }).x.scale.type).toBe('log');
    expect(await render(spec)).toContain('>0.001<');
    expect(() => lineChart([1, 2], { x: [0, 1], logX: true })).toThrow(/logX needs positive values, but x #0 is 0/);
    expect(() => lineChart([1, -2], { logY: true })).toThrow(/logY needs positive values, but y #1 is -2/);
  });

  it('barChart on a log scale grows bars from the power of ten below the smallest value', async () => {
    const svg = await render(barChart({ loop: 812, vectorized: 14, blocked: 2.1 }, { logScale: true }));
    // Each bar is a path "M x,y h w v height h -w Z": heights are positive and follow the values.
    const bars = svg.split('class="mark-rect role-mark')[1];
    const hs = [...bars.matchAll(/d="M[\d.,-]+h[\d.-]+v([\d.]+)/g)].map((m) => Number(m[1]));
    expect(hs).toHaveLength(3);
    expect(hs[0]).toBeGreaterThan(hs[1]);
    expect(hs[1]).toBeGreaterThan(hs[2]);
    expect(hs[2]).toBeGreaterThan(0);
    expect(() => barChart({ a: 0, b: 3 }, { logScale: true })).toThrow(/logScale needs positive values, but value #0 is 0/);
  });

  it('layer draws charts on shared axes: the first sets titles, later ones get their own colour', async () => {
    const xs = [0, 1, 2, 3];
    const spec = layer(scatterPlot(xs.map((x) => [x, 2 * x + 0.3]), { xLabel: 'size', yLabel: 'price' }), lineChart([0, 2, 4, 6], { x: xs }), { title: 'Fit' });
    expect(spec.title).toBe('Fit');
    const svg = await render(spec);
    expect(markGroups(svg)).toEqual(expect.arrayContaining(['symbol', 'line']));
    expect(svg).toContain('>size<');
    expect(svg).toContain('>price<');
    expect(svg).toContain('#f58518');
    expect(() => layer({ title: 'nothing' })).toThrow(/at least one chart/);
  });

  it('layer: a single-colour layer has no legend, even when its one series is named (as documented)', async () => {
    const xs = [0, 1, 2, 3];
    const single = await render(layer(lineChart({ train: [3, 2, 1, 0.5] }, { x: xs }), lineChart({ validation: [3, 2.5, 2, 2] }, { x: xs })));
    expect(single).not.toContain('>validation<');
    const both = await render(lineChart({ train: [3, 2, 1, 0.5], validation: [3, 2.5, 2, 2] }, { x: xs }));
    expect(both).toContain('>train<');
    expect(both).toContain('>validation<');
  });

  it('barChart titles the axes as drawn, also when the bars are horizontal', () => {
    const enc = (o: object) => (barChart({ a: 1, b: 2 }, { xLabel: 'X', yLabel: 'Y', ...o }).layer as { encoding: Record<string, { field: string; title: string }> }[])[0].encoding;
    expect([enc({}).x.field, enc({}).x.title, enc({}).y.title]).toEqual(['category', 'X', 'Y']);
    const h = enc({ horizontal: true });
    expect([h.x.field, h.x.title, h.y.field, h.y.title]).toEqual(['value', 'X', 'category', 'Y']);
  });

  it('barChart gives upright labels room, and slants them when that would be too wide', () => {
    const spec = (labels: string[]) => barChart(Object.fromEntries(labels.map((l, i) => [l, i + 1])));
    const angle = (c: ReturnType<typeof barChart>) => (c.layer as { encoding: { x: { axis: { labelAngle: number } } } }[])[0].encoding.x.axis.labelAngle;
    const short = spec(['a', 'b', 'c']);
    expect([short.width, angle(short)]).toEqual([160, 0]);
    const four = spec(['reducer 0', 'reducer 1', 'reducer 2', 'reducer 3']); // 9 characters: 73 px a bar
    expect([four.width, angle(four)]).toEqual([4 * 73, 0]);
    const many = spec(Array.from({ length: 12 }, (_, i) => `a long label ${i}`));
    expect([many.width, angle(many)]).toEqual([12 * 48, -40]);
  });

  it('histogram keeps the series in the order given in its legend', async () => {
    const data: Record<string, number[]> = {};
    for (const k of [1, 5, 10]) data[`layer ${k}`] = [k, k + 1, k + 2];
    const svg = await render(histogram(data, { bins: 5 }));
    const order = [...svg.matchAll(/>(layer \d+)</g)].map((m) => m[1]);
    expect(order.slice(0, 3)).toEqual(['layer 1', 'layer 5', 'layer 10']);
  });

  it('scatterPlot colours points by class', async () => {
    const svg = await render(scatterPlot(X, { labels: y, classNames: ['a', 'b'] }));
    expect(markGroups(svg)).toContain('symbol');
    expect(countItems(svg, 'symbol')).toBe(X.length);
    expect(svg).toContain('>b<');
  });

  it('histogram bins values into bars', async () => {
    const values = Array.from({ length: 200 }, (_, i) => Math.sin(i) * 3);
    const svg = await render(histogram(values, { bins: 10 }));
    expect(markGroups(svg)).toContain('rect');
    expect(countItems(svg, 'rect')).toBeGreaterThan(3);
  });

  it('heatmap draws one cell per entry and prints values', async () => {
    const svg = await render(heatmap([[1, 0.5, 0], [0.5, 1, 0.25]], { showValues: true }));
    expect(markGroups(svg)).toEqual(expect.arrayContaining(['rect', 'text']));
    expect(svg).toContain('>0.25<');
  });

  it('heatmap keeps repeated labels as separate rows and columns', async () => {
    const words = ['the', 'cat', 'the', 'mat'];
    const m = words.map((_, i) => words.map((_, j) => (i === j ? 1 : 0)));
    const svg = await render(heatmap(m, { xLabels: words, yLabels: words, showValues: true }));
    expect(countItems(svg, 'rect')).toBe(16);
    expect((svg.match(/>the</g) ?? []).length).toBe(4);   // twice on each axis
  });

  it('confusionMatrix labels true and predicted classes', async () => {
    const svg = await render(confusionMatrix([[50, 2], [5, 43]], { classNames: ['neg', 'pos'] }));
    expect(svg).toContain('predicted');
    expect(svg).toContain('>43<');
  });

  it('decisionBoundary shades regions under the points', async () => {
    const svg = await render(decisionBoundary((a, b) => (a + b > 1 ? 1 : 0), X, y, { resolution: 10 }));
    expect(markGroups(svg)).toEqual(expect.arrayContaining(['rect', 'symbol']));
    expect(countItems(svg, 'rect')).toBe(100);
  });

  it('contourPlot draws the surface and the optimizer path', async () => {
    const f = (a: number, b: number) => a * a + 5 * b * b;
    const svg = await render(contourPlot(f, {
      xDomain: [-2, 2], yDomain: [-2, 2], resolution: 12, path: [[-1.8, 1.5], [-1, 0.5], [0, 0]],
    }));
    expect(markGroups(svg)).toEqual(expect.arrayContaining(['rect', 'line', 'symbol']));
  });

  it('barChart accepts a record or labels and values', async () => {
    const svg = await render(barChart({ loop: 812, vectorized: 14 }, { showValues: true }));
    expect(countItems(svg, 'rect')).toBe(2);
    expect(svg).toContain('vectorized');
    expect(markGroups(await render(barChart(['a', 'b', 'c'], [1, 2, 3])))).toContain('rect');
  });

  it('imageGrid lays out one panel per image', async () => {
    const digit = (k: number) => Array.from({ length: 16 }, (_, i) => (i + k) % 5);
    const svg = await render(imageGrid([digit(0), digit(1), digit(2)], { labels: ['zero', 'one', 'two'] }));
    expect(countItems(svg, 'rect')).toBe(3 * 16);
    expect(svg).toContain('>one<');
  });

  it('rejects mismatched inputs with a clear message', () => {
    expect(() => lineChart([1, 2], { x: [1] })).toThrow(/2 values but x has 1/);
    expect(() => scatterPlot(X, { labels: [0] })).toThrow(/labels has 1 entries/);
    expect(() => imageGrid([[1, 2, 3]])).toThrow(/pass options.shape/);
  });
});
