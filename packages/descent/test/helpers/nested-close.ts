/** Comparing nested number arrays (plain or typed) from a golden fixture, with a relative tolerance. */
import { expect } from 'vitest';

/**
 * Asserts `actual` matches `expected` element by element, recursing into arrays:
 * |a − e| ≤ tol · max(1, |e|). `path` names the element in the failure message.
 *
 * @example
 * expectNestedClose(pca.components_, c.components, 1e-8, 'components_');
 */
export function expectNestedClose(actual: unknown, expected: unknown, tol: number, path: string): void {
  if (typeof expected === 'number') {
    const a = actual as number;
    if (!(Math.abs(a - expected) <= tol * Math.max(1, Math.abs(expected)))) throw new Error(`${path}: got ${a}, expected ${expected}`);
    return;
  }
  const e = expected as unknown[];
  expect((actual as unknown[]).length, `${path} length`).toBe(e.length);
  e.forEach((v, i) => expectNestedClose((actual as unknown[])[i], v, tol, `${path}[${i}]`));
}
