// Study charts: the data they carry is the study's, and they render to SVG with Vega.
import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../src/plot/index.js';
import { RandomSampler, createStudy, plotOptimizationHistory, plotParallelCoordinate, plotParetoFront } from '../../src/tune/index.js';

describe('tune charts', () => {
  it('optimization history: one point per trial and a non-increasing best line', async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 0 }) });
    await study.optimize((t) => (t.suggestFloat('x', -3, 3) - 1) ** 2 + (t.suggestCategorical('c', ['a', 'b']) === 'a' ? 0 : 1), { nTrials: 15 });
    const spec = plotOptimizationHistory(study);
    const vals = (spec.data as { values: { series: string; value: number }[] }).values;
    const best = vals.filter((v) => v.series === 'best value').map((v) => v.value);
    expect(best).toHaveLength(15);
    best.forEach((b, i) => i > 0 && expect(b).toBeLessThanOrEqual(best[i - 1] as number));
    expect(best[14]).toBe(study.bestValue);
    expect(await renderSvg(spec)).toContain('<svg');
    const pc = plotParallelCoordinate(study);
    const pv = (pc.data as { values: { scaled: number; param: string }[] }).values;
    expect(pv).toHaveLength(30);
    expect(pv.every((v) => v.scaled >= 0 && v.scaled <= 1)).toBe(true);
    expect(await renderSvg(pc)).toContain('<svg');
  });
  it('Pareto front marks exactly the non-dominated trials', async () => {
    const study = await createStudy({ directions: ['minimize', 'minimize'], sampler: new RandomSampler({ seed: 1 }) });
    await study.optimize((t) => {
      const x = t.suggestFloat('x', 0, 1);
      return [x, (1 - x) ** 2 + t.suggestFloat('y', 0, 1)];
    }, { nTrials: 30 });
    const spec = plotParetoFront(study);
    const vals = (spec.data as { values: { trial: number; group: string }[] }).values;
    expect(vals.filter((v) => v.group === 'Pareto front').map((v) => v.trial)).toEqual(study.bestTrials.map((t) => t.number));
    expect(await renderSvg(spec)).toContain('<svg');
    const empty = await createStudy();
    expect(() => plotParetoFront(empty)).toThrow(/plotParetoFront: the study has one objective/);
  });
});

describe('getParamImportances', () => {
  it('ranks parameters by their effect and sums to 1', async () => {
    const { getParamImportances, plotParamImportances } = await import('../../src/tune/index.js');
    const study = await createStudy({ sampler: new RandomSampler({ seed: 2 }) });
    // Main-effect variances: a 8.9, b 5.3, lr 3 (through log10 lr), c 0.
    await study.optimize((t) => {
      const a = t.suggestFloat('a', -1, 1);
      const b = t.suggestFloat('b', -1, 1);
      t.suggestFloat('c', -1, 1);
      const lr = t.suggestFloat('lr', 1e-4, 1, { log: true });
      return 10 * a * a + 4 * b + 3 * Math.abs(Math.log10(lr) + 2);
    }, { nTrials: 80 });
    const imp = getParamImportances(study);
    expect(Object.keys(imp)[0]).toBe('a');
    expect(Object.keys(imp)[3]).toBe('c');
    expect(imp.c as number).toBeLessThan(0.05);
    expect(Object.values(imp).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
    expect(await renderSvg(plotParamImportances(study))).toContain('<svg');
    const empty = await createStudy();
    expect(() => getParamImportances(empty)).toThrow(/getParamImportances: need at least 2 completed trials/);
  });
});
