// Whole runs of our TPESampler against Optuna 3.1's (fixture: tools/fixtures/tune_tpe_trajectory.py).
// Optuna's TPE takes every uniform number from NumPy's RandomState(seed), an MT19937 stream
// that `Mt19937` (src/random/mt19937.ts) reproduces. With Optuna's 10 random startup trials
// enqueued and the same stream, our sampler must propose the same 90 TPE trials: the same
// component choices, the same truncated-normal draws and the same winning candidate.
import { describe, expect, it } from 'vitest';
import { TPESampler, createStudy } from '../../src/tune/index.js';
import { Mt19937 } from '../../src/random/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { OBJECTIVES } from './benchmarks.js';

interface Run { seed: number; names: string[]; params: number[][]; values: number[] }
const fx = loadFixture<{ nStartupTrials: number } & Record<keyof typeof OBJECTIVES, Run[]>>('tune_tpe_trajectory.json');

describe('TPESampler replays Optuna 3.1 TPE runs draw for draw', () => {
  it('Mt19937 matches NumPy RandomState(seed).random_sample()', () => {
    // np.random.RandomState(0).random_sample(3), RandomState(2**32 - 1).random_sample(2), and
    // the 701st draw of RandomState(7) (past two regenerations of the 624-word state)
    const g = new Mt19937(0);
    expect([g.random(), g.random(), g.random()]).toEqual([0.5488135039273248, 0.7151893663724195, 0.6027633760716439]);
    const h = new Mt19937(2 ** 32 - 1);
    expect([h.random(), h.random()]).toEqual([0.0976320289940138, 0.9123828453026218]);
    g.seed(7);
    for (let i = 0; i < 700; i++) g.random();
    expect(g.random()).toBe(0.059200845313875594);
    expect(() => new Mt19937(-1)).toThrow(/Mt19937: seed must be an integer in \[0, 2\^32\)/);
  });
  for (const name of Object.keys(OBJECTIVES) as (keyof typeof OBJECTIVES)[]) {
    for (const run of fx[name]) {
      it(`${name}, seed ${run.seed}`, async () => {
        const study = await createStudy({ sampler: new TPESampler({ generator: new Mt19937(run.seed) }) });
        for (const p of run.params.slice(0, fx.nStartupTrials)) {
          await study.enqueueTrial(Object.fromEntries(run.names.map((n, j) => [n, p[j]])));
        }
        await study.optimize(OBJECTIVES[name], { nTrials: run.params.length });
        const trials = study.trials;
        let same = 0;
        while (same < trials.length && run.names.every((n, j) => Math.abs((trials[same]?.paramsInternal[n] as number) - (run.params[same]?.[j] as number)) < 1e-9)) same++;
        expect(same, `first trial that differs from Optuna's`).toBe(run.params.length);
        trials.forEach((t, i) => expect(t.values?.[0]).toBeCloseTo(run.values[i] as number, 6));
      }, 60_000);
    }
  }
});
