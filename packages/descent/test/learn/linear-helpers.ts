// Comparison helpers shared by the linear-model tests.
import { expect } from 'vitest';

/** |a − b| ≤ tol·max(|b|, 1e-3·max|b|): relative, with a floor for entries near zero. */
export function rel(a: readonly number[], b: readonly number[], tol: number, label: string): void {
  expect(a.length, label).toBe(b.length);
  const scale = Math.max(...b.map(Math.abs), 1e-300);
  a.forEach((v, i) => {
    if (!(Math.abs(v - b[i]) <= tol * Math.max(Math.abs(b[i]), 1e-3 * scale))) throw new Error(`${label}[${i}]: got ${v}, expected ${b[i]}`);
  });
}
