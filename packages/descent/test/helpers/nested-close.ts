/** Comparing a computed result with a golden value of any JSON shape (number, array, object). */
import { expect } from 'vitest';

/**
 * Asserts `got` matches `want` element by element, recursing into arrays (same length) and
 * into each field of an object, so the failure names the path, e.g. `adf.critical[1]`.
 * With `atol` the bound is |got − want| ≤ rtol·|want| + atol; without it,
 * |got − want| ≤ rtol·max(1, |want|). NaN must meet NaN and ±Infinity itself; `want` may
 * hold them as the strings the fixture scripts write ('NaN', 'Infinity', '-Infinity'),
 * since Number() reads those back.
 *
 * @example
 * expectNestedClose(pca.components_, c.components, 1e-8, 'components_');
 * expectNestedClose(result, golden.adf, 1e-8, 'adf', 1e-12);
 */
export function expectNestedClose(got: unknown, want: unknown, rtol: number, label: string, atol?: number): void {
  if (Array.isArray(want)) {
    const g = got as ArrayLike<unknown>;
    expect(g.length, `${label} length`).toBe(want.length);
    want.forEach((w, i) => expectNestedClose(g[i], w, rtol, `${label}[${i}]`, atol));
    return;
  }
  if (want !== null && typeof want === 'object') {
    for (const [k, w] of Object.entries(want)) expectNestedClose((got as Record<string, unknown>)[k], w, rtol, `${label}.${k}`, atol);
    return;
  }
  const w = Number(want);
  const g = got as number;
  if (Number.isNaN(w)) {
    expect(Number.isNaN(g), `${label}: expected NaN, got ${g}`).toBe(true);
    return;
  }
  if (!Number.isFinite(w)) {
    expect(g, label).toBe(w);
    return;
  }
  const err = Math.abs(g - w);
  const bound = atol === undefined ? rtol * Math.max(1, Math.abs(w)) : rtol * Math.abs(w) + atol;
  if (!(err <= bound)) {
    throw new Error(`${label}: got ${g}, expected ${w} (|diff| ${err.toExponential(2)} > ${bound.toExponential(2)})`);
  }
}
