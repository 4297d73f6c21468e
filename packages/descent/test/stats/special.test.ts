// Golden values for descent/stats/special from SciPy 1.10 (tools/fixtures/stats_special.py).
// Where SciPy's own value is more than 1e-13 off the 50-digit mpmath value (six points,
// listed in the fixture's "mpmath" field), the fixture holds mpmath's value instead.
import { describe, expect, it } from 'vitest';
import * as special from '../../src/stats/special/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectNestedClose } from '../helpers/nested-close.js';

interface Fixture {
  scipy: string;
  mpmath: { fn: string }[];
  cases: Record<string, (number | string)[][]>;
  logsumexp: { a: number[]; b: number[] | null; value: number | string }[];
}
const fx = loadFixture<Fixture>('stats-special.json');

/** Relative tolerance per function; the absolute floor covers values that are exactly zero. */
const RTOL: Record<string, number> = {
  // inverses are solved to the last bit of x, but near a flat spot of the forward function
  // that is still a few ulps
  betaincinv: 1e-11,
  gammaincinv: 1e-11,
};

const close = (got: number, want: number, rtol: number, label: string) => expectNestedClose(got, want, rtol, label, 1e-300);

describe('special functions match SciPy 1.10', () => {
  for (const [name, rows] of Object.entries(fx.cases)) {
    it(`${name} at ${rows.length} points`, () => {
      const fn = (special as unknown as Record<string, (...a: number[]) => number>)[name];
      expect(typeof fn, `descent/stats/special exports ${name}`).toBe('function');
      for (const row of rows) {
        const args = row.slice(0, -1).map(Number);
        close(fn(...args), Number(row[row.length - 1]), RTOL[name] ?? 1e-12, `${name}(${args.join(', ')})`);
      }
    });
  }

  it('logsumexp, with and without weights b', () => {
    for (const c of fx.logsumexp) {
      const got = special.logsumexp(c.a, c.b === null ? {} : { b: c.b });
      close(got, Number(c.value), 1e-14, `logsumexp(${c.a})`);
    }
  });

  it('round trips: betainc(betaincinv) and gammainc(gammaincinv)', () => {
    for (const [a, b] of [[0.3, 7], [40, 2.5], [1, 1]]) {
      for (const p of [1e-9, 0.2, 0.5, 0.97]) close(special.betainc(a, b, special.betaincinv(a, b, p)), p, 1e-12, `betainc∘betaincinv(${a}, ${b}, ${p})`);
    }
    for (const a of [0.2, 4, 300]) {
      for (const p of [1e-9, 0.2, 0.5, 0.97]) close(special.gammainc(a, special.gammaincinv(a, p)), p, 1e-12, `gammainc∘gammaincinv(${a}, ${p})`);
    }
  });

  it('logsumexp names the problem when b has the wrong length', () => {
    expect(() => special.logsumexp([1, 2], { b: [1] })).toThrow(/logsumexp: b has 1 weights but a has 2/);
  });
});
