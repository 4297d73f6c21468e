// The ratings simulator: seeded, and each of its three documented traits can be switched off.
import { describe, expect, it } from 'vitest';
import { makeRatings, type Ratings } from '../../src/datasets/index.js';

const mean = (xs: ArrayLike<number>): number => Array.from(xs).reduce((a, b) => a + b, 0) / xs.length;
function topDecileShare(d: Ratings): number {
  const counts = new Array(d.nItems).fill(0);
  for (const i of d.items) counts[i]++;
  counts.sort((a, b) => b - a);
  return counts.slice(0, d.nItems / 10).reduce((a, b) => a + b, 0) / d.items.length;
}

describe('makeRatings', () => {
  const d = makeRatings({ nUsers: 300, nItems: 200, seed: 4 });
  it('is reproducible from its seed and valid as interactions', () => {
    const again = makeRatings({ nUsers: 300, nItems: 200, seed: 4 });
    expect(Array.from(again.values)).toEqual(Array.from(d.values));
    expect(Array.from(makeRatings({ nUsers: 300, nItems: 200, seed: 5 }).values)).not.toEqual(Array.from(d.values));
    const pairs = new Set(Array.from(d.users, (u, n) => u * d.nItems + d.items[n]));
    expect(pairs.size).toBe(d.users.length);
    expect(Array.from(d.values).every((v) => Number.isInteger(v) && v >= 1 && v <= 5)).toBe(true);
    expect(d.itemFeatures.length).toBe(200);
    // Timestamps grow within each user's history.
    for (let n = 1; n < d.users.length; n++) if (d.users[n] === d.users[n - 1]) expect(d.timestamps[n]).toBeGreaterThan(d.timestamps[n - 1]);
  });
  it('missing not at random: observed ratings exceed the mean affinity, unless mnar = 0', () => {
    expect(mean(d.values) - mean(d.trueAffinity)).toBeGreaterThan(0.3);
    const mar = makeRatings({ nUsers: 300, nItems: 200, seed: 4, mnar: 0, popularity: 0 });
    expect(Math.abs(mean(mar.values) - mean(mar.trueAffinity))).toBeLessThan(0.1);
  });
  it('popularity skew: the top tenth of items gets far more than a tenth of ratings, unless popularity = 0', () => {
    expect(topDecileShare(d)).toBeGreaterThan(0.3);
    expect(topDecileShare(makeRatings({ nUsers: 300, nItems: 200, seed: 4, mnar: 0, popularity: 0 }))).toBeLessThan(0.15);
  });
  it('rejects bad options by name', () => {
    expect(() => makeRatings({ nItems: 1 })).toThrow(/makeRatings: `nItems` must be an integer >= 2/);
    expect(() => makeRatings({ mnar: -1 })).toThrow(/makeRatings: `mnar` must be a finite number >= 0/);
  });
});
