// Multi-objective studies: Pareto machinery on hand-checked points, and NSGA-II finding a
// better front than random search on ZDT1 (Zitzler, Deb & Thiele 2000), measured by the
// hypervolume against the reference point (1.1, 11).
import { describe, expect, it } from 'vitest';
import { NSGAIISampler, RandomSampler, crowdingDistance, createStudy, dominates, nonDominatedSort } from '../../src/tune/index.js';

function zdt1(x: number[]): [number, number] {
  const g = 1 + (9 * x.slice(1).reduce((a, b) => a + b, 0)) / (x.length - 1);
  return [x[0] as number, g * (1 - Math.sqrt((x[0] as number) / g))];
}

/** 2-D hypervolume dominated by a set of points (minimization) up to a reference point. */
function hypervolume(points: number[][], ref: [number, number]): number {
  const s = points.filter((p) => (p[0] as number) < ref[0] && (p[1] as number) < ref[1]).sort((a, b) => (a[0] as number) - (b[0] as number));
  let hv = 0;
  let prevY = ref[1];
  for (const [x, y] of s as [number, number][]) {
    if (y < prevY) {
      hv += (ref[0] - x) * (prevY - y);
      prevY = y;
    }
  }
  return hv;
}

describe('Pareto helpers', () => {
  const pts = [[1, 5], [2, 3], [3, 4], [4, 1], [5, 5], [2, 3]];
  it('dominance and fronts', () => {
    expect(dominates([1, 1], [1, 2])).toBe(true);
    expect(dominates([1, 2], [1, 2])).toBe(false);
    expect(dominates([0, 3], [1, 2])).toBe(false);
    expect(nonDominatedSort(pts)).toEqual([[0, 1, 3, 5], [2], [4]]);
  });
  it('crowding distance: ends infinite, inner points by their neighbours’ normalized gaps', () => {
    const cd = crowdingDistance([[0, 4], [1, 2], [4, 0]]);
    expect(cd[0]).toBe(Infinity);
    expect(cd[2]).toBe(Infinity);
    expect(cd[1]).toBeCloseTo((4 - 0) / 4 + (4 - 0) / 4, 12);
  });
});

describe('NSGAIISampler', () => {
  const run = async (sampler: NSGAIISampler | RandomSampler) => {
    const study = await createStudy({ directions: ['minimize', 'minimize'], sampler });
    await study.optimize((t) => zdt1(Array.from({ length: 5 }, (_, i) => t.suggestFloat(`x${i}`, 0, 1))), { nTrials: 300 });
    return study;
  };
  it('finds a larger hypervolume than random search on ZDT1, and bestTrials is the non-dominated set', async () => {
    const ref: [number, number] = [1.1, 11];
    const hvs: [number, number][] = [];
    for (const seed of [0, 1, 2]) {
      const nsga = await run(new NSGAIISampler({ seed, populationSize: 30 }));
      const rnd = await run(new RandomSampler({ seed }));
      const front = nsga.bestTrials;
      const vals = front.map((t) => t.values as number[]);
      // Nothing on the front is dominated by any completed trial; everything off it is.
      for (const t of nsga.trials) {
        const onFront = front.includes(t);
        const dominated = nsga.trials.some((u) => dominates(u.values as number[], t.values as number[]));
        expect(onFront).toBe(!dominated);
      }
      hvs.push([hypervolume(vals, ref), hypervolume(rnd.bestTrials.map((t) => t.values as number[]), ref)]);
    }
    for (const [a, b] of hvs) expect(a).toBeGreaterThan(b);
    const multi = await createStudy({ directions: ['minimize', 'maximize'] });
    expect(() => multi.bestTrial).toThrow(/bestTrials/);
  }, 60_000);
  it('is seeded', async () => {
    const a = await run(new NSGAIISampler({ seed: 3, populationSize: 20 }));
    const b = await run(new NSGAIISampler({ seed: 3, populationSize: 20 }));
    expect(a.trials.map((t) => t.values)).toEqual(b.trials.map((t) => t.values));
    expect(() => new NSGAIISampler({ populationSize: 1 })).toThrow(/NSGAIISampler: populationSize/);
  });
});
