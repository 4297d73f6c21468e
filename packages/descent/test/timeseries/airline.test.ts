// makeAirline: a seeded airline-style series (exponential growth, multiplicative seasonality).
import { describe, expect, it } from 'vitest';
import { makeAirline, seasonalDecompose } from '../../src/timeseries/index.js';

describe('makeAirline', () => {
  it('is reproducible from its seed, monthly from 1949-01', () => {
    const a = makeAirline({ seed: 3 });
    expect(a.values).toHaveLength(144);
    expect(a.index[0]).toBe('1949-01');
    expect(a.index[143]).toBe('1960-12');
    expect(a.freq).toBe('M');
    expect(makeAirline({ seed: 3 }).values).toEqual(a.values);
    expect(makeAirline({ seed: 4 }).values).not.toEqual(a.values);
  });

  it('grows at the stated rate, with a seasonal swing that grows with the level', () => {
    const { values } = makeAirline({ seed: 0 });
    const yearMean = (k: number) => values.slice(12 * k, 12 * k + 12).reduce((s, v) => s + Math.log(v), 0) / 12;
    expect((yearMean(11) - yearMean(0)) / 11).toBeCloseTo(0.12, 1);
    const swing = (k: number) => Math.max(...values.slice(12 * k, 12 * k + 12)) - Math.min(...values.slice(12 * k, 12 * k + 12));
    expect(swing(11) / swing(0)).toBeGreaterThan(2.5);   // e^{0.12·11} ≈ 3.7: multiplicative
    // On the log scale the season is additive and constant: the decomposition recovers the profile.
    const { seasonal } = seasonalDecompose(values.map(Math.log), { period: 12 });
    const july = seasonal[6], november = seasonal[10];
    expect(july).toBeGreaterThan(0.15);
    expect(november).toBeLessThan(-0.13);
  });

  it('names bad options', () => {
    expect(() => makeAirline({ years: 0 })).toThrow(/makeAirline: years must be an integer >= 1/);
    expect(() => makeAirline({ level: -1 })).toThrow(/level must be a positive number/);
    expect(() => makeAirline({ noise: NaN })).toThrow(/noise must be a finite number >= 0/);
  });
});
