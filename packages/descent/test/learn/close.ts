// Nested-array comparison with a relative tolerance, for golden values of scores and probabilities.
import { expect } from 'vitest';

/** |a − b| ≤ rtol·max(|b|, 1) elementwise over nested arrays; NaN matches NaN. */
export function expectAllClose(actual: unknown, expected: unknown, rtol: number, label: string): void {
  if (Array.isArray(expected)) {
    expect((actual as unknown[]).length, `${label} length`).toBe(expected.length);
    expected.forEach((e, i) => expectAllClose((actual as unknown[])[i], e, rtol, `${label}[${i}]`));
    return;
  }
  const a = actual as number;
  const b = expected as number;
  if (Number.isNaN(b)) return void expect(Number.isNaN(a), label).toBe(true);
  if (!(Math.abs(a - b) <= rtol * Math.max(Math.abs(b), 1))) throw new Error(`${label}: got ${a}, expected ${b}`);
}
