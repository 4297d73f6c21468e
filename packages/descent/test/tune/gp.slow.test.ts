// GPSampler (Matérn 5/2 + expected improvement) against TPE on Branin at 50 trials, 10 seeds.
// Measured: GP median best 0.3983 (the optimum is 0.397887), TPE 0.474.
import { describe, expect, it } from 'vitest';
import { mannwhitneyu } from '../../src/stats/index.js';
import { GPSampler, TPESampler, createStudy } from '../../src/tune/index.js';
import { OBJECTIVES, median } from './benchmarks.js';

async function bests(make: (seed: number) => GPSampler | TPESampler): Promise<number[]> {
  const out: number[] = [];
  for (let seed = 0; seed < 10; seed++) {
    const study = await createStudy({ sampler: make(seed) });
    await study.optimize(OBJECTIVES.branin, { nTrials: 50 });
    out.push(study.bestValue);
  }
  return out;
}

describe('GPSampler', () => {
  it('beats TPE on Branin at 50 trials', async () => {
    const gp = await bests((seed) => new GPSampler({ seed }));
    const tpe = await bests((seed) => new TPESampler({ seed }));
    console.log(`Branin, 50 trials: GP median ${median(gp).toFixed(4)}, TPE ${median(tpe).toFixed(4)}`);
    expect(median(gp)).toBeLessThan(median(tpe));
    expect(mannwhitneyu(gp, tpe, { alternative: 'less' }).pvalue).toBeLessThan(0.01);
    expect(median(gp)).toBeLessThan(0.41); // within 3% of the optimum 0.397887
  }, 300_000);
});
