// plotContour: the interpolated surface equals Optuna 3.1's (fixture tools/fixtures/
// tune_contour.py), and the Vega-Lite spec has the structure of optuna's plot_contour — one
// panel for two parameters, a matrix of ordered pairs for more — and renders.
import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../src/plot/index.js';
import { RandomSampler, createStudy, interpolateGrid, plotContour } from '../../src/tune/index.js';
import { loadFixture } from '../helpers/fixtures.js';

const fx = loadFixture<{ n: number; known: { x: number; y: number; z: number }[]; z: number[][] }>('tune_contour.json');

interface Row { kind: string; x: number; y: number; x2?: number; y2?: number; z?: number; value?: number; trial?: number; xParam: string; yParam: string }

describe('interpolateGrid', () => {
  it("equals Optuna's _interpolate_zmap (known cells fixed, the rest neighbour means)", () => {
    const z = interpolateGrid(new Map(fx.known.map((k) => [k.y * fx.n + k.x, k.z])), fx.n);
    for (let y = 0; y < fx.n; y++) for (let x = 0; x < fx.n; x++) expect(z[y * fx.n + x]).toBeCloseTo(fx.z[y]?.[x] as number, 6);
  });
});

describe('plotContour', () => {
  it('two parameters: one panel, a grid covering the padded range, the trials on top', async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 0 }) });
    await study.optimize((t) => (t.suggestFloat('x', -2, 2) - 1) ** 2 + Math.log10(t.suggestFloat('lr', 1e-4, 1, { log: true })) ** 2, { nTrials: 25 });
    const spec = plotContour(study, { resolution: 20 });
    const rows = (spec.data as { values: Row[] }).values;
    const grid = rows.filter((r) => r.kind === 'grid');
    const pts = rows.filter((r) => r.kind === 'trial');
    expect(grid).toHaveLength(400);
    expect(pts.map((p) => p.trial)).toEqual(study.trials.map((t) => t.number));
    // Sorted names: lr on x (in log10 units), x on y; 5% padding beyond the observed values.
    expect(grid[0]?.xParam).toBe('lr');
    const lrs = study.trials.map((t) => Math.log10(t.paramsInternal.lr as number));
    const span = Math.max(...lrs) - Math.min(...lrs);
    expect(Math.min(...grid.map((g) => g.x))).toBeCloseTo(Math.min(...lrs) - 0.05 * span, 10);
    expect(Math.max(...grid.map((g) => g.x2 as number))).toBeCloseTo(Math.max(...lrs) + 0.05 * span, 10);
    // The surface passes through every trial's value (each has its own cell at this resolution or shares one).
    const zs = grid.map((g) => g.z as number);
    expect(Math.min(...zs)).toBeGreaterThanOrEqual(study.bestValue - 1e-9);
    expect(Math.max(...zs)).toBeLessThanOrEqual(Math.max(...study.trials.map((t) => t.values?.[0] as number)) + 1e-9);
    const layer = spec.layer as { mark: { type: string }; encoding: Record<string, { title?: unknown }> }[];
    expect(layer.map((l) => l.mark.type)).toEqual(['rect', 'point']);
    expect(layer[0]?.encoding.x?.title).toBe('log10(lr)');
    expect(await renderSvg(spec)).toContain('<svg');
  });

  it('three parameters: a facet matrix of the six ordered pairs; categoricals by index', async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 1 }) });
    await study.optimize((t) => t.suggestFloat('a', 0, 1) + t.suggestInt('b', 1, 5) + (t.suggestCategorical('c', ['p', 'q', 'r']) === 'q' ? 0 : 1), { nTrials: 12 });
    const spec = plotContour(study, { resolution: 8 });
    const rows = (spec.data as { values: Row[] }).values;
    const pairs = new Set(rows.map((r) => `${r.xParam}/${r.yParam}`));
    expect([...pairs].sort()).toEqual(['a/b', 'a/c', 'b/a', 'b/c', 'c/a', 'c/b']);
    expect(rows.filter((r) => r.kind === 'grid')).toHaveLength(6 * 64);
    expect(rows.filter((r) => r.kind === 'trial' && r.xParam === 'c').every((r) => [0, 1, 2].includes(r.x))).toBe(true);
    expect(spec.facet).toBeDefined();
    expect(spec.resolve).toEqual({ scale: { x: 'independent', y: 'independent' } });
    expect(await renderSvg(spec)).toContain('<svg');
  });

  it('names bad input', async () => {
    const study = await createStudy();
    expect(() => plotContour(study)).toThrow(/plotContour: the study has no completed trial/);
    await study.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 2 });
    expect(() => plotContour(study)).toThrow(/plotContour: need at least two parameters/);
    expect(() => plotContour(study, { params: ['x', 'nope'] })).toThrow(/parameter 'nope' does not occur/);
    const multi = await createStudy({ directions: ['minimize', 'maximize'] });
    expect(() => plotContour(multi)).toThrow(/plotContour: the study has several objectives/);
  });
});
