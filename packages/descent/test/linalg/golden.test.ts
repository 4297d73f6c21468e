// Golden values from NumPy: every case in ../fixtures/linalg.json was computed
// by numpy.linalg (LAPACK) with tools/fixtures/linalg.py; the JSON records the
// NumPy version. Inputs are stored next to the outputs, so these tests only
// compare numbers. Eigenvectors and singular vectors are compared up to sign.

import { describe, expect, it } from 'vitest';
import fixtures from '../fixtures/linalg.json';
import {
  cholesky, det, eigh, inv, lstsq, matrixRank, norm, pinv, qr, slogdet, solve, svd, type NormOrder,
} from '../../src/linalg/index.js';
import { alignColumnSigns, expectClose, expectOrthonormalColumns, listOf, rowsOf, transpose, type Rows } from './helpers.js';

const EPS = 2 ** -52;

describe(`golden values from ${fixtures.source}`, () => {
  describe('solve', () => {
    for (const c of fixtures.solve) {
      it(c.name, () => {
        const x = solve(c.a, c.b);
        // Forward error of a backward-stable solver is ~cond(A)·eps (GVL §3.5.2),
        // for NumPy as for us, so the tolerance grows with the condition number.
        const rtol = Math.max(1e-10, 100 * c.cond * EPS);
        if (Array.isArray(c.b[0])) expectClose(rowsOf(x), c.x as Rows, rtol);
        else expectClose(listOf(x), c.x as number[], rtol);
        expect(x.dtype).toBe('float64');
      });
    }
  });

  describe('inv', () => {
    for (const c of fixtures.inv) {
      it(c.name, () => {
        expectClose(rowsOf(inv(c.a)), c.inv, Math.max(1e-10, 100 * c.cond * EPS));
      });
    }
  });

  describe('det and slogdet', () => {
    for (const c of fixtures.det) {
      it(c.name, () => {
        const n = c.a.length;
        const d = det(c.a);
        const { sign, logabsdet } = slogdet(c.a);
        if (c.sign === 0) {
          // Singular: NumPy returns exactly 0 here; an LU with a rounding-sized
          // last pivot gives a rounding-sized det, so allow n·eps·‖A‖ⁿ.
          const scale = Math.max(...c.a.flat().map(Math.abs)) ** n;
          expect(Math.abs(d)).toBeLessThanOrEqual(10 * n * EPS * scale);
          // slogdet says the same: NumPy's (0, −∞) where our LU also meets an exact zero
          // pivot (the zero column), else a log|det| no larger than that bound's.
          if (d === 0) expect({ sign, logabsdet }).toEqual({ sign: c.sign, logabsdet: Number(c.logabsdet) });
          else expect(logabsdet).toBeLessThanOrEqual(Math.log(10 * n * EPS * scale));
          return;
        }
        expect(sign).toBe(c.sign);
        // A relative perturbation of size eps in A moves det(A) by up to ~n·cond(A)·eps, relatively.
        const rtol = Math.max(1e-10, 10 * n * c.cond! * EPS);
        expect(Math.abs(logabsdet - (c.logabsdet as number))).toBeLessThanOrEqual(rtol);
        expect(Math.abs(d - c.det)).toBeLessThanOrEqual(rtol * Math.abs(c.det));
      });
    }
  });

  describe('cholesky', () => {
    for (const c of fixtures.cholesky) {
      it(c.name, () => expectClose(rowsOf(cholesky(c.a)), c.L));
    }
  });

  describe('qr (same sign convention as LAPACK, so compared exactly)', () => {
    for (const c of fixtures.qr) {
      it(`${c.name}, ${c.mode}`, () => {
        const { Q, R } = qr(c.a, { mode: c.mode as 'reduced' | 'complete' });
        expectClose(rowsOf(Q), c.Q);
        expectClose(rowsOf(R), c.R);
      });
    }
  });

  describe('eigh', () => {
    for (const c of fixtures.eigh) {
      it(c.name, () => {
        const { eigenvalues, eigenvectors } = eigh(c.a);
        expectClose(listOf(eigenvalues), c.eigenvalues);
        // These inputs have distinct eigenvalues, so each eigenvector is unique up to sign.
        expectClose(alignColumnSigns(rowsOf(eigenvectors), c.eigenvectors), c.eigenvectors);
      });
    }
  });

  describe('svd', () => {
    for (const c of fixtures.svd) {
      it(`${c.name}, fullMatrices=${c.full_matrices}`, () => {
        const { U, S, Vt } = svd(c.a, { fullMatrices: c.full_matrices });
        const s = listOf(S);
        const k = s.length;
        const m = c.a.length;
        const n = c.a[0].length;
        expect(U.shape).toEqual([m, c.full_matrices ? m : k]);
        expect(Vt.shape).toEqual([c.full_matrices ? n : k, n]);
        // LAPACK's singular values carry absolute errors ~eps·S[0] (Jacobi's are
        // relatively accurate), so compare on the scale of the largest one.
        expectClose(s, c.S, 1e-12);

        // Singular vectors are unique (up to sign) only for distinct, non-zero
        // singular values; compare those and check the rest are orthonormal.
        const unique = s.filter((v) => v > 1e-8 * s[0]).length;
        const cols = (X: Rows, j0: number, j1: number) => X.map((r) => r.slice(j0, j1));
        const u = rowsOf(U);
        const v = transpose(rowsOf(Vt));
        const vExpected = transpose(c.Vt);
        expectClose(alignColumnSigns(cols(u, 0, unique), cols(c.U, 0, unique)), cols(c.U, 0, unique), 1e-8);
        expectClose(alignColumnSigns(cols(v, 0, unique), cols(vExpected, 0, unique)), cols(vExpected, 0, unique), 1e-8);
        expectOrthonormalColumns(u);
        expectOrthonormalColumns(v);
      });
    }
  });

  describe('norm', () => {
    const ordOf = (o: string | number | null): NormOrder | undefined =>
      o === null ? undefined : o === 'inf' ? Infinity : o === '-inf' ? -Infinity : (o as NormOrder);
    for (const c of fixtures.norm) {
      it(c.name, () => {
        const value = norm(c.x as number[] | Rows, ordOf(c.ord));
        expect(Math.abs(value - c.value)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(c.value)));
      });
    }
  });

  describe('pinv', () => {
    for (const c of fixtures.pinv) {
      it(c.name, () => expectClose(rowsOf(pinv(c.a)), c.pinv));
    }
  });

  describe('matrixRank', () => {
    for (const c of fixtures.matrix_rank) {
      it(`${c.name}: rank ${c.rank}`, () => expect(matrixRank(c.a)).toBe(c.rank));
    }
  });

  describe('lstsq (rcond=None)', () => {
    for (const c of fixtures.lstsq) {
      it(c.name, () => {
        const r = lstsq(c.a, c.b as number[] | Rows);
        expect(r.rank).toBe(c.rank);
        expectClose(listOf(r.singularValues), c.singular_values, 1e-12);
        if (Array.isArray(c.b[0])) expectClose(rowsOf(r.solution), c.solution as Rows);
        else expectClose(listOf(r.solution), c.solution as number[]);
        expect(r.residuals.shape).toEqual([c.residuals.length]);
        expectClose(listOf(r.residuals), c.residuals);
      });
    }
  });
});
