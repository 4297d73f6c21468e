// The study/trial API: suggestions inside their ranges, trial states, best trial, enqueueing,
// user attributes, seeded reproducibility, the grid sampler, and named errors for bad input.
import { describe, expect, it } from 'vitest';
import {
  GridSampler,
  InMemoryStorage,
  RandomSampler,
  TPESampler,
  TrialPruned,
  type FrozenTrial,
  createStudy,
  splitTrials,
} from '../../src/tune/index.js';

describe('createStudy / optimize', () => {
  it('suggests values inside their ranges, on their grids, of the right kind', async () => {
    const study = await createStudy({ sampler: new TPESampler({ seed: 1, nStartupTrials: 5 }) });
    await study.optimize(
      (t) => {
        const a = t.suggestFloat('a', -2, 3);
        const lr = t.suggestFloat('lr', 1e-5, 1e-1, { log: true });
        const q = t.suggestFloat('q', 0, 1, { step: 0.25 });
        const n = t.suggestInt('n', 1, 10, { step: 3 });
        const m = t.suggestInt('m', 1, 1000, { log: true });
        const k = t.suggestCategorical('k', ['rbf', 'linear', 3, null]);
        expect(a >= -2 && a <= 3).toBe(true);
        expect(lr >= 1e-5 && lr <= 1e-1).toBe(true);
        expect([0, 0.25, 0.5, 0.75, 1]).toContain(q);
        expect([1, 4, 7, 10]).toContain(n);
        expect(Number.isInteger(m) && m >= 1 && m <= 1000).toBe(true);
        expect(['rbf', 'linear', 3, null]).toContain(k);
        // A second suggest of the same name returns the same value.
        expect(t.suggestFloat('a', -2, 3)).toBe(a);
        return a * a + Math.log10(lr) ** 2 + q + n + (k === 'rbf' ? 0 : 1);
      },
      { nTrials: 30 },
    );
    expect(study.trials).toHaveLength(30);
    expect(study.trials.every((t) => t.state === 'COMPLETE')).toBe(true);
    const best = Math.min(...study.trials.map((t) => t.values?.[0] as number));
    expect(study.bestValue).toBe(best);
    expect(study.bestTrial.values).toEqual([best]);
    expect(typeof study.bestParams.k === 'string' || study.bestParams.k === 3 || study.bestParams.k === null).toBe(true);
  });

  it('maximize picks the largest value; async objectives work', async () => {
    const study = await createStudy({ direction: 'maximize', sampler: new RandomSampler({ seed: 3 }) });
    await study.optimize(async (t) => {
      await Promise.resolve();
      return -((t.suggestFloat('x', 0, 1) - 0.3) ** 2);
    }, { nTrials: 20 });
    expect(study.bestValue).toBe(Math.max(...study.trials.map((t) => t.values?.[0] as number)));
  });

  it('records PRUNED and FAIL trials, rethrows unexpected errors, catches named ones', async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 0 }) });
    await study.optimize((t) => {
      t.report(1, 0);
      if (t.number === 1) throw new TrialPruned();
      return t.number;
    }, { nTrials: 3 });
    expect(study.trials.map((t) => t.state)).toEqual(['COMPLETE', 'PRUNED', 'COMPLETE']);
    await expect(study.optimize(() => { throw new RangeError('boom'); }, { nTrials: 1 })).rejects.toThrow('boom');
    expect(study.trials[3]?.state).toBe('FAIL');
    await study.optimize(() => { throw new RangeError('again'); }, { nTrials: 2, catch: ['RangeError'] });
    expect(study.trials.slice(4).map((t) => t.state)).toEqual(['FAIL', 'FAIL']);
    await expect(study.optimize(() => Number.NaN, { nTrials: 1 })).rejects.toThrow(/Study.tell: trial 6 must return 1 number/);
    expect(study.bestTrial.number).toBe(0);
  });

  it('runs enqueued trials first with their parameters and user attributes', async () => {
    const study = await createStudy({ sampler: new TPESampler({ seed: 0 }) });
    await study.enqueueTrial({ x: 0.5, k: 'b' }, { source: 'warm start' });
    await study.enqueueTrial({ x: 99, k: 'b' }); // out of range: sampled instead
    await study.optimize((t) => {
      t.setUserAttr('seen', t.number);
      return t.suggestFloat('x', 0, 1) + (t.suggestCategorical('k', ['a', 'b']) === 'a' ? 1 : 0);
    }, { nTrials: 3 });
    const [t0, t1] = study.trials;
    expect(t0?.paramsInternal.x).toBe(0.5);
    expect(t0?.paramsInternal.k).toBe(1);
    expect(t0?.userAttrs).toEqual({ source: 'warm start', seen: 0 });
    expect(t1?.paramsInternal.x).not.toBe(99);
    expect(t1?.paramsInternal.k).toBe(1);
    expect(study.trials).toHaveLength(3);
  });

  it('callbacks see every finished trial; stop() ends the loop; timeout bounds it', async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 0 }) });
    const seen: number[] = [];
    await study.optimize((t) => t.suggestFloat('x', 0, 1), {
      nTrials: 10,
      callbacks: [(s, t) => { seen.push(t.number); if (t.number === 3) s.stop(); }],
    });
    expect(seen).toEqual([0, 1, 2, 3]);
    await study.optimize((t) => t.suggestFloat('x', 0, 1), { timeout: 0 });
    expect(study.trials).toHaveLength(4);
  });

  it('is reproducible for a seed and differs across seeds (TPE, univariate and multivariate)', async () => {
    const run = async (seed: number, multivariate: boolean) => {
      const study = await createStudy({ sampler: new TPESampler({ seed, multivariate }) });
      await study.optimize((t) => (t.suggestFloat('x', -5, 5) - 1) ** 2 + t.suggestInt('n', 0, 9) + (t.suggestCategorical('c', ['a', 'b']) === 'a' ? 0 : 1), { nTrials: 25 });
      return study.trials.map((t) => t.values?.[0]);
    };
    for (const mv of [false, true]) {
      expect(await run(4, mv)).toEqual(await run(4, mv));
      expect(await run(4, mv)).not.toEqual(await run(5, mv));
    }
  });

  it('TPE beats random search on a smooth problem (median over seeds)', async () => {
    const f = (x: number, y: number) => (x - 1) ** 2 + (y + 2) ** 2;
    const best = async (sampler: () => TPESampler | RandomSampler) => {
      const out: number[] = [];
      for (let s = 0; s < 7; s++) {
        const study = await createStudy({ sampler: sampler() });
        await study.optimize((t) => f(t.suggestFloat('x', -10, 10), t.suggestFloat('y', -10, 10)), { nTrials: 60 });
        out.push(study.bestValue);
      }
      return out.sort((a, b) => a - b)[3] as number;
    };
    let seed = 0;
    const tpe = await best(() => new TPESampler({ seed: seed++ }));
    const rnd = await best(() => new RandomSampler({ seed: seed++ }));
    expect(tpe).toBeLessThan(rnd / 3);
  });

  it('loads an existing study by name only with loadIfExists', async () => {
    const storage = new InMemoryStorage();
    const a = await createStudy({ storage, studyName: 's' });
    await a.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 2 });
    await expect(createStudy({ storage, studyName: 's' })).rejects.toThrow(/already exists; pass loadIfExists: true/);
    const b = await createStudy({ storage, studyName: 's', loadIfExists: true });
    expect(b.trials).toHaveLength(2);
    await expect(createStudy({ storage, studyName: 's', loadIfExists: true, direction: 'maximize' })).rejects.toThrow(/has directions/);
  });

  it('ask/tell by hand; a study sees another study object\'s trials after refresh', async () => {
    const storage = new InMemoryStorage();
    const a = await createStudy({ storage, studyName: 'shared', sampler: new RandomSampler({ seed: 0 }) });
    const b = await createStudy({ storage, studyName: 'shared', loadIfExists: true });
    const trial = await a.ask();
    const x = trial.suggestFloat('x', 0, 1);
    trial.report(x, 0);
    // The trial's own record changes at once; the storage gets the writes by tell.
    expect(a.trials[0]?.paramsInternal.x).toBe(x);
    const told = await a.tell(trial, x * 2);
    expect(told).toMatchObject({ number: 0, state: 'COMPLETE', values: [x * 2], paramsInternal: { x }, intermediateValues: { 0: x } });
    expect(b.trials).toHaveLength(0);
    await b.refresh();
    expect(b.bestValue).toBe(x * 2);
  });

  it('re-reads only the trials that can still change', async () => {
    const from: number[] = [];
    class CountingStorage extends InMemoryStorage {
      override async getAllTrials(studyId: number, states?: readonly FrozenTrial['state'][], fromNumber = 0): Promise<FrozenTrial[]> {
        from.push(fromNumber);
        return super.getAllTrials(studyId, states, fromNumber);
      }
    }
    const study = await createStudy({ storage: new CountingStorage(), sampler: new RandomSampler({ seed: 0 }) });
    await study.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 5 });
    // createStudy reads from 0; each ask reads from the trials finished so far.
    expect(from).toEqual([0, 0, 1, 2, 3, 4]);
    expect(study.trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4]);
  });

  it('a storage write that fails inside a trial fails the trial and rejects optimize', async () => {
    class FlakyStorage extends InMemoryStorage {
      override async setTrialUserAttr(): Promise<void> {
        throw new Error('disk full');
      }
    }
    const study = await createStudy({ storage: new FlakyStorage() });
    await expect(study.optimize((t) => { t.setUserAttr('k', 1); return 1; }, { nTrials: 3 })).rejects.toThrow('disk full');
    expect(study.trials.map((t) => t.state)).toEqual(['FAIL']);
    const url = 'postgresql://localhost/db' as unknown as InMemoryStorage;
    await expect(createStudy({ storage: url })).rejects.toThrow(/for a URL use openStorage\(url\) from 'descent\/node'/);
  });
});

describe('GridSampler', () => {
  it('visits every grid point once, then stops the study', async () => {
    const study = await createStudy({ sampler: new GridSampler({ x: [-1, 0, 1], k: ['a', 'b'] }, { seed: 0 }) });
    await study.optimize((t) => t.suggestFloat('x', -1, 1) + (t.suggestCategorical('k', ['a', 'b']) === 'a' ? 0 : 10), { nTrials: 50 });
    expect(study.trials).toHaveLength(6);
    const seen = study.trials.map((t) => `${t.paramsInternal.x}/${t.paramsInternal.k}`).sort();
    expect(seen).toEqual(['-1/0', '-1/1', '0/0', '0/1', '1/0', '1/1']);
    expect(study.bestParams).toEqual({ x: -1, k: 'a' });
  });
  it('names a parameter missing from the grid', async () => {
    const study = await createStudy({ sampler: new GridSampler({ x: [1] }) });
    await expect(study.optimize((t) => t.suggestFloat('y', 0, 1), { nTrials: 1 })).rejects.toThrow(/GridSampler: parameter 'y' is not in the grid/);
  });
});

describe('splitTrials (TPE good/bad split)', () => {
  it('puts the best ceil(0.1 n) trials below, both sides in trial order', async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 0 }) });
    await study.optimize((t) => Math.abs(t.suggestFloat('x', -1, 1)), { nTrials: 25 });
    const trials = study.getTrials(['COMPLETE']);
    const { below, above } = splitTrials(trials, 'minimize');
    expect(below).toHaveLength(3);
    expect(above).toHaveLength(22);
    const worstBelow = Math.max(...below.map((t) => t.values?.[0] as number));
    expect(above.every((t) => (t.values?.[0] as number) >= worstBelow)).toBe(true);
    expect(below.map((t) => t.number)).toEqual([...below.map((t) => t.number)].sort((a, b) => a - b));
  });
});

const badInputStudy = await createStudy({ sampler: new RandomSampler({ seed: 0 }) });
describe('bad input', () => {
  const study = badInputStudy;
  it.each([
    [(t: import('../../src/tune/index.js').Trial) => t.suggestFloat('x', 1, 0), /suggestFloat\('x'\): low \(1\) must be <= high/],
    [(t: import('../../src/tune/index.js').Trial) => t.suggestFloat('x', 0, 1, { log: true }), /with log: true, low must be > 0/],
    [(t: import('../../src/tune/index.js').Trial) => t.suggestFloat('x', 1, 2, { log: true, step: 0.1 }), /step and log cannot be used together/],
    [(t: import('../../src/tune/index.js').Trial) => t.suggestInt('n', 0.5, 3), /suggestInt\('n'\): low and high must be integers/],
    [(t: import('../../src/tune/index.js').Trial) => t.suggestCategorical('c', []), /choices must be a non-empty array/],
  ])('suggest rejects %#', async (objective, message) => {
    await expect(study.optimize(objective, { nTrials: 1 })).rejects.toThrow(message);
  });
  it('createStudy and optimize reject bad options', async () => {
    await expect(createStudy({ direction: 'minimize', directions: ['minimize'] })).rejects.toThrow(/either direction or directions/);
    await expect(createStudy({ direction: 'down' as 'minimize' })).rejects.toThrow(/must be 'minimize' or 'maximize'/);
    await expect(study.optimize(() => 0, {})).rejects.toThrow(/give nTrials or timeout/);
    await expect(study.optimize(() => 0, { nTrials: -1 })).rejects.toThrow(/nTrials must be an integer >= 0/);
    const empty = await createStudy();
    expect(() => empty.bestTrial).toThrow(/no trial has completed yet/);
    expect(() => new TPESampler({ nEiCandidates: 0 })).toThrow(/TPESampler: nEiCandidates/);
  });
});

describe('GPSampler basics', () => {
  it('expected improvement: φ(0)·σ at the incumbent, the gap when certain, 0 when worse', async () => {
    const { expectedImprovement } = await import('../../src/tune/index.js');
    expect(expectedImprovement(0, 1, 0)).toBeCloseTo(0.3989422804014327, 12); // 1/√(2π)
    expect(expectedImprovement(0, 2, 0)).toBeCloseTo(2 * 0.3989422804014327, 12);
    expect(expectedImprovement(1, 0, 3)).toBe(2);
    expect(expectedImprovement(5, 0, 3)).toBe(0);
    // EI(μ, σ; b) = (b − μ)Φ(z) + σφ(z), z = (b − μ)/σ; at z = 1: Φ = 0.8413447460685429, φ = 0.24197072451914337
    expect(expectedImprovement(0, 1, 1)).toBeCloseTo(0.8413447460685429 + 0.24197072451914337, 12);
  });
  it('is seeded, stays in range and falls back to random for categoricals', async () => {
    const { GPSampler } = await import('../../src/tune/index.js');
    const run = async (seed: number) => {
      const study = await createStudy({ sampler: new GPSampler({ seed, nStartupTrials: 4, nCandidates: 200 }) });
      await study.optimize((t) => {
        const lr = t.suggestFloat('lr', 1e-4, 1, { log: true });
        const x = t.suggestFloat('x', -1, 1);
        const c = t.suggestCategorical('c', ['a', 'b']);
        expect(lr >= 1e-4 && lr <= 1 && x >= -1 && x <= 1).toBe(true);
        return (Math.log10(lr) + 2) ** 2 + x * x + (c === 'a' ? 0 : 0.1);
      }, { nTrials: 12 });
      return study.trials.map((t) => t.values?.[0]);
    };
    expect(await run(1)).toEqual(await run(1));
    expect(() => new GPSampler({ nStartupTrials: 0 })).toThrow(/GPSampler: nStartupTrials/);
  });
});
